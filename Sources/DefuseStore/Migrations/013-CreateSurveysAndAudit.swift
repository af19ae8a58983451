// Creates the surveys sent when a case is resolved, and the audit log of overrides and policy changes.
import Fluent

struct CreateSurveysAndAudit: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Survey.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("score", .int)
            .field("comment", .string)
            .field("rejected_outcome", .bool, .required)
            .field("answered_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("surveys_case_id", on: Survey.schema, columns: ["case_id"])
        try await database.schema(AuditEntry.schema)
            .id()
            .field("actor_id", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("actor_label", .string, .required)
            .field("action", .string, .required)
            .field("subject", .string)
            .field("detail", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
        try await database.schema(Survey.schema).delete()
    }
}
