// Creates the case categories table: one row per (case, category).
import Fluent

struct CreateCaseCategories: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseCategory.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("category", .string, .required)
            .unique(on: "case_id", "category")
            .create()
        try await database.createIndex(
            "case_categories_category_case", on: CaseCategory.schema, columns: ["category", "case_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseCategory.schema).delete()
    }
}
