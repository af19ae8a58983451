// Creates the API tokens table; tokens are looked up by their unique hash.
import Fluent

struct CreateAPITokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(APIToken.schema)
            .id()
            .field("agent_id", .uuid, .required, .references(Agent.schema, "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.createIndex("api_tokens_agent", on: APIToken.schema, columns: ["agent_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(APIToken.schema).delete()
    }
}
