// The store's migrations in order, and the one helper they share for indexes Fluent's schema builder can't express.
import Fluent
import SQLKit

public enum Schema {
    /// Every migration, in the order it must run. Append only: never reorder or edit a released one.
    public static let migrations: [any Migration] = [
        CreateOrganisation(),
        CreateAgents(),
        CreateAPITokens(),
        CreateCustomers(),
        CreateCases(),
        CreateCaseCategories(),
        CreateMessages(),
        CreateCaseEvents(),
        AddMessageCoachReview(),
        AddPlaybookFields(),
        CreateOffers(),
        CreateCommitments(),
        CreateSurveysAndAudit(),
        CreateWebSessions(),
        AddCaseCategoryLanguage(),
    ]

    /// Registers the migrations and the store's model middleware on the default database.
    public static func register(on databases: Databases, migrations: Migrations) {
        migrations.add(Schema.migrations)
        databases.middleware.use(AppendOnlyEvents())
    }
}

extension Database {
    /// Creates a plain index through SQLKit, which speaks both SQLite and PostgreSQL.
    func createIndex(_ name: String, on table: String, columns: [String]) async throws {
        guard let sql = self as? any SQLDatabase else { return }
        var builder = sql.create(index: name).on(table)
        for column in columns { builder = builder.column(column) }
        try await builder.run()
    }
}
