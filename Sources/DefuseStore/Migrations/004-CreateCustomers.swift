// Creates the customers table, findable by unique email or by phone.
import Fluent

struct CreateCustomers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Customer.schema)
            .id()
            .field("name", .string, .required)
            .field("preferred_name", .string)
            .field("email", .string)
            .field("phone", .string)
            .field("language", .string)
            .field("yearly_value", .double)
            .field("notes", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.createIndex("customers_phone", on: Customer.schema, columns: ["phone"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Customer.schema).delete()
    }
}
