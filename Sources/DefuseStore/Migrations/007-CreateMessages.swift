// Creates the messages table, read per case in id (time) order.
import Fluent

struct CreateMessages: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("direction", .string, .required)
            .field("author_id", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("channel", .string, .required)
            .field("text", .string, .required)
            .field("language", .string)
            .field("analysis", .json)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("messages_case_id", on: Message.schema, columns: ["case_id", "id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).delete()
    }
}
