// An option beyond an agent's authority or the policy, waiting for a manager's decision.
import Fluent
import Foundation

public final class Escalation: Model, @unchecked Sendable {
    public static let schema = "escalations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    @Parent(key: "option_id") public var option: OfferOption
    @OptionalParent(key: "requested_by") public var requestedBy: Agent?
    /// Why it needs a decision, one reason per line.
    @Field(key: "reasons") public var reasons: String
    /// `pending`, `approved`, `declined`, `overridden`.
    @Field(key: "state") public var state: String
    @OptionalParent(key: "decided_by") public var decidedBy: Agent?
    @OptionalField(key: "decision_reason") public var decisionReason: String?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID, caseID: UUID, optionID: UUID, requestedBy: UUID?, reasons: [String], createdAt: Date) {
        self.id = id
        self.$case.id = caseID
        self.$option.id = optionID
        self.$requestedBy.id = requestedBy
        self.reasons = reasons.joined(separator: "\n")
        self.state = "pending"
        self.createdAt = createdAt
    }
}
