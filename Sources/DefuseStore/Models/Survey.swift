// The short survey a customer gets when their case is resolved, and their answer.
import Fluent
import Foundation

public final class Survey: Model, @unchecked Sendable {
    public static let schema = "surveys"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    @Field(key: "expires_at") public var expiresAt: Date
    /// 1 (very dissatisfied) to 5 (very satisfied).
    @OptionalField(key: "score") public var score: Int?
    @OptionalField(key: "comment") public var comment: String?
    /// The customer said they do not accept the outcome.
    @Field(key: "rejected_outcome") public var rejectedOutcome: Bool
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID, caseID: UUID, expiresAt: Date, createdAt: Date) {
        self.id = id
        self.$case.id = caseID
        self.expiresAt = expiresAt
        self.rejectedOutcome = false
        self.createdAt = createdAt
    }
}
