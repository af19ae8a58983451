// Creates the agents table; emails are unique.
import Fluent

struct CreateAgents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Agent.schema)
            .id()
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("role", .string, .required)
            .field("languages", .array(of: .string), .required)
            .field("team", .string)
            .field("password_hash", .string, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Agent.schema).delete()
    }
}
