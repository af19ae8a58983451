// Repeats each case's language on its category rows, with an index, so the inbox's language × category filter reads
// one index range at a million cases instead of scanning every case of one language (Benchmarks/pages).
import Fluent
import SQLKit

struct AddCaseCategoryLanguage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseCategory.schema).field("language", .string).update()
        if let sql = database as? any SQLDatabase {
            try await sql.raw("""
                UPDATE case_categories SET language = (SELECT language FROM cases WHERE cases.id = case_categories.case_id)
                """).run()
        }
        try await database.createIndex("case_categories_category_language_case", on: CaseCategory.schema,
                                       columns: ["category", "language", "case_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseCategory.schema).deleteField("language").update()
    }
}
