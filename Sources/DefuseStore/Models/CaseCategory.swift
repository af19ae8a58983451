// One category of a case, as its own row so "cases about pricing" is an index lookup.
import Fluent
import Foundation

public final class CaseCategory: Model, @unchecked Sendable {
    public static let schema = "case_categories"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    @Field(key: "category") public var category: String
    /// The case's language, repeated here so "Greek cases about pricing" is one index range, not a scan of either.
    @OptionalField(key: "language") public var language: String?

    public init() {}

    public init(caseID: UUID, category: String, language: String?) {
        self.$case.id = caseID
        self.category = category
        self.language = language
    }
}
