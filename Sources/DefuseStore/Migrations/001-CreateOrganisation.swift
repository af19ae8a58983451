// Creates the organisation settings table with its one row of defaults.
import Fluent

struct CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Organisation.schema)
            .id()
            .field("name", .string, .required)
            .field("default_language", .string, .required)
            .field("time_zone", .string, .required)
            .field("updated_at", .datetime)
            .create()
        // Every desk has exactly one row of settings, so readers never need to create it.
        try await Organisation(name: "Defuse", defaultLanguage: "en", timeZone: "UTC").create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Organisation.schema).delete()
    }
}
