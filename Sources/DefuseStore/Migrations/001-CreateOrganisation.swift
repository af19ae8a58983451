// Creates the organisation settings table with its one row of defaults.
import Fluent
import Foundation
import SQLKit

struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("default_language", .string, .required)
            .field("time_zone", .string, .required)
            .field("updated_at", .datetime)
            .create()
        // Every desk has exactly one row of settings, so readers never need to create it. Written column by column:
        // the model has grown fields that later migrations add.
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.insert(into: Organisation.schema)
            .columns("id", "name", "default_language", "time_zone", "updated_at")
            .values(SQLBind(UUID()), SQLBind("Defuse"), SQLBind("en"), SQLBind("UTC"), SQLBind(Date()))
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).delete()
    }
}
