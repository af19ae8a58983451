// Many rows in one INSERT through SQLKit: the intake path skips Fluent's per-model reflection, which cost more CPU
// than SQLite itself (see Benchmarks/intake).
import DefuseAnalysis
import Fluent
import Foundation
import SQLKit

enum BulkInsert {
    typealias Value = any Encodable & Sendable

    /// Inserts `rows` (each in `columns` order) into `table` with one statement; falls back to nothing on databases
    /// that do not speak SQL, which Defuse never uses.
    static func insert(into table: String, columns: [String], rows: [[Value]], on db: any Database) async throws {
        guard !rows.isEmpty, let sql = db as? any SQLDatabase else { return }
        var builder = sql.insert(into: table).columns(columns)
        for row in rows {
            precondition(row.count == columns.count, "a row for \(table) has \(row.count) values for \(columns.count) columns")
            builder = builder.values(row.map { SQLBind($0) })
        }
        try await builder.run()
    }
}

extension Case {
    static let insertColumns = [
        "id", "reference", "customer_id", "channel", "language", "subject", "stage", "priority", "assignee_id", "team",
        "fault", "peak_anger", "created_at", "updated_at", "first_response_due", "resolution_due",
        "first_responded_at", "alarm",
    ]

    var insertRow: [BulkInsert.Value] {
        [id, reference, $customer.id, channel, language, subject, stage, priority, $assignee.id, team, fault, peakAnger,
         createdAt, updatedAt, firstResponseDue, resolutionDue, firstRespondedAt, alarm]
    }
}

extension CaseCategory {
    static let insertColumns = ["id", "case_id", "category", "language"]
    var insertRow: [BulkInsert.Value] { [id ?? UUID(), $case.id, category, language] }
}

extension Message {
    static let insertColumns = ["id", "case_id", "direction", "author_id", "channel", "text", "language", "analysis",
                                "created_at"]
    var insertRow: [BulkInsert.Value] {
        [id, $case.id, direction, $author.id, channel, text, language, analysis, createdAt]
    }
}

extension CaseEvent {
    static let insertColumns = ["id", "case_id", "actor_id", "actor_label", "kind", "before", "after", "created_at"]
    var insertRow: [BulkInsert.Value] { [id, $case.id, $actor.id, actorLabel, kind, before, after, createdAt] }
}

extension Customer {
    static let insertColumns = ["id", "name", "preferred_name", "email", "phone", "language", "yearly_value", "notes",
                                "created_at", "updated_at"]
    var insertRow: [BulkInsert.Value] {
        [id, name, preferredName, email, phone, language, yearlyValue, notes, createdAt, updatedAt]
    }
}
