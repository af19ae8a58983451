// Creates commitments (promises with an owner and a due time) and the alerts the scheduler raises about them.
import Fluent

struct CreateCommitments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Commitment.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("what", .string, .required)
            .field("owner_id", .uuid, .required, .references(Agent.schema, "id"))
            .field("due_at", .datetime, .required)
            .field("done_at", .datetime)
            .field("overdue_handled_at", .datetime)
            .field("created_by", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        // The scheduler's sweep and the open/overdue lists read by due time; a case page by case.
        try await database.createIndex("commitments_due", on: Commitment.schema, columns: ["done_at", "due_at"])
        try await database.createIndex("commitments_case_id", on: Commitment.schema, columns: ["case_id"])
        try await database.createIndex("commitments_owner", on: Commitment.schema, columns: ["owner_id", "due_at"])
        try await database.schema(Alert.schema)
            .id()
            .field("agent_id", .uuid, .required, .references(Agent.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .references(Case.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("text", .string, .required)
            .field("subject_id", .uuid)
            .field("read_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("alerts_agent", on: Alert.schema, columns: ["agent_id", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Alert.schema).delete()
        try await database.schema(Commitment.schema).delete()
    }
}
