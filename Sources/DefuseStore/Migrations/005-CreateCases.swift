// Creates the cases table with an index for every filter of the case list, each ending in the id it pages by.
import Fluent

struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Case.schema)
            .id()
            .field("reference", .string, .required)
            .field("customer_id", .uuid, .required, .references(Customer.schema, "id"))
            .field("channel", .string, .required)
            .field("language", .string, .required)
            .field("subject", .string)
            .field("stage", .string, .required)
            .field("priority", .string, .required)
            .field("assignee_id", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("team", .string)
            .field("fault", .string, .required)
            .field("peak_anger", .int)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .field("first_response_due", .datetime, .required)
            .field("resolution_due", .datetime, .required)
            .field("first_responded_at", .datetime)
            .unique(on: "reference")
            .create()
        for column in ["stage", "assignee_id", "language", "peak_anger", "customer_id"] {
            try await database.createIndex("cases_\(column)_id", on: Case.schema, columns: [column, "id"])
        }
        try await database.createIndex("cases_created_at", on: Case.schema, columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Case.schema).delete()
    }
}
