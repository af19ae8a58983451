// Creates the append-only case event log, read per case in id (time) order.
import Fluent

struct CreateCaseEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseEvent.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("actor_id", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("actor_label", .string, .required)
            .field("kind", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("case_events_case_id", on: CaseEvent.schema, columns: ["case_id", "id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseEvent.schema).delete()
    }
}
