// Adds what the playbook needs on existing tables: the SLA pause and resolution time of a case, agents' skills,
// the organisation's policy and link-signing key (made here). One column per statement: SQLite adds them one at a time.
import Fluent
import Foundation
import SQLKit

struct AddPlaybookFields: AsyncMigration {
    static let fields: [(table: String, field: String, type: DatabaseSchema.DataType)] = [
        (Case.schema, "waiting_since", .datetime),
        (Case.schema, "resolved_at", .datetime),
        (Agent.schema, "skills", .array(of: .string)),
        (Organisation.schema, "policy", .string),
        (Organisation.schema, "link_secret", .string),
    ]

    func prepare(on database: any Database) async throws {
        for (table, field, type) in Self.fields {
            try await database.schema(table).field(FieldKey(stringLiteral: field), type).update()
        }
        // The key that signs customers' links, made once here so every instance reads the same one.
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        if let sql = database as? any SQLDatabase {
            try await sql.update(Organisation.schema).set("link_secret", to: SQLBind(secret)).run()
        }
    }

    func revert(on database: any Database) async throws {
        for (table, field, _) in Self.fields.reversed() {
            try await database.schema(table).deleteField(FieldKey(stringLiteral: field)).update()
        }
    }
}
