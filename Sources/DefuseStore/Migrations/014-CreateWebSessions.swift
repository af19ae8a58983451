// Creates browser sessions, adds the lockout counters to agents, and the case's alarm flag (abuse or a threat seen)
// with the indexes the inbox's queues read.
import Fluent

struct CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(WebSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("agent_id", .uuid, .required, .references(Agent.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(Agent.schema).field("failed_logins", .int).update()
        try await database.schema(Agent.schema).field("locked_until", .datetime).update()
        try await database.schema(Case.schema).field("alarm", .bool).update()
        try await database.createIndex("cases_alarm_id", on: Case.schema, columns: ["alarm", "id"])
        try await database.createIndex("cases_resolution_due", on: Case.schema, columns: ["resolution_due"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Case.schema).deleteField("alarm").update()
        try await database.schema(Agent.schema).deleteField("locked_until").update()
        try await database.schema(Agent.schema).deleteField("failed_logins").update()
        try await database.schema(WebSession.schema).delete()
    }
}
