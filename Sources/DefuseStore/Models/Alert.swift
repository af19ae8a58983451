// Something an agent must know about now: a promise of theirs is overdue, one of their team's was escalated.
import Fluent
import Foundation

public final class Alert: Model, @unchecked Sendable {
    public static let schema = "alerts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "agent_id") public var agent: Agent
    @OptionalParent(key: "case_id") public var `case`: Case?
    /// `commitment_overdue` (to the owner), `commitment_escalated` (to managers), `escalation_decided`, ...
    @Field(key: "kind") public var kind: String
    @Field(key: "text") public var text: String
    @OptionalField(key: "subject_id") public var subjectID: UUID?
    @OptionalField(key: "read_at") public var readAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(agentID: UUID, caseID: UUID?, kind: String, text: String, subjectID: UUID?, at date: Date) {
        self.id = UUID()
        self.$agent.id = agentID
        self.$case.id = caseID
        self.kind = kind
        self.text = text
        self.subjectID = subjectID
        self.createdAt = date
    }
}
