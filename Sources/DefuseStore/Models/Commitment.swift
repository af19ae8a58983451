// A promise made to a customer: what, who keeps it, by when; the scheduler watches the open ones.
import Fluent
import Foundation

public final class Commitment: Model, @unchecked Sendable {
    public static let schema = "commitments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    @Field(key: "what") public var what: String
    @Parent(key: "owner_id") public var owner: Agent
    @Field(key: "due_at") public var dueAt: Date
    @OptionalField(key: "done_at") public var doneAt: Date?
    /// Set once by whichever server instance first noticed it overdue, alerted the owner and escalated.
    @OptionalField(key: "overdue_handled_at") public var overdueHandledAt: Date?
    @OptionalParent(key: "created_by") public var createdBy: Agent?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(id: UUID, caseID: UUID, what: String, ownerID: UUID, dueAt: Date, createdBy: UUID?, createdAt: Date) {
        self.id = id
        self.$case.id = caseID
        self.what = what
        self.$owner.id = ownerID
        self.dueAt = dueAt
        self.$createdBy.id = createdBy
        self.createdAt = createdAt
    }
}
