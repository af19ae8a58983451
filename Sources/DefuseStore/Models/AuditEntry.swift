// The audit log: decisions that bend the rules (overrides) and changes to the rules themselves (policy edits).
import enum DefuseCore.TimeOrderedID
import Fluent
import Foundation

public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "actor_id") public var actor: Agent?
    @Field(key: "actor_label") public var actorLabel: String
    /// `escalation_overridden`, `policy_changed`, ...
    @Field(key: "action") public var action: String
    /// What it was done to, e.g. the case reference.
    @OptionalField(key: "subject") public var subject: String?
    @Field(key: "detail") public var detail: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(actor: Actor, action: String, subject: String?, detail: String, at date: Date) {
        self.id = TimeOrderedID.make(at: date)
        self.$actor.id = actor.agentID
        self.actorLabel = actor.label
        self.action = action
        self.subject = subject
        self.detail = detail
        self.createdAt = date
    }
}
