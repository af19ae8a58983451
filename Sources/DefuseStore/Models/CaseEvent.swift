// The append-only log of everything that changed a case: who, what, when, before and after.
import Fluent
import Foundation

public final class CaseEvent: Model, @unchecked Sendable {
    public static let schema = "case_events"

    /// Time-ordered (UUID v7).
    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    /// The agent who made the change; nil when the customer or the system did.
    @OptionalParent(key: "actor_id") public var actor: Agent?
    /// Who did it, in words (`customer`, `system`, or the agent's name at the time).
    @Field(key: "actor_label") public var actorLabel: String
    /// What happened: `opened`, `message_added`, `assigned`, `priority_changed`, `categories_changed`, ...
    @Field(key: "kind") public var kind: String
    @OptionalField(key: "before") public var before: String?
    @OptionalField(key: "after") public var after: String?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(
        id: UUID, caseID: UUID, actorID: UUID?, actorLabel: String, kind: String, before: String?, after: String?,
        createdAt: Date
    ) {
        self.id = id
        self.$case.id = caseID
        self.$actor.id = actorID
        self.actorLabel = actorLabel
        self.kind = kind
        self.before = before
        self.after = after
        self.createdAt = createdAt
    }
}

/// Refuses to change or delete a stored event, so the log stays a faithful history.
public struct AppendOnlyEvents: AsyncModelMiddleware {
    public init() {}

    public func update(model: CaseEvent, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        throw AppendOnlyViolation()
    }

    public func delete(model: CaseEvent, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        throw AppendOnlyViolation()
    }
}

public struct AppendOnlyViolation: Error, CustomStringConvertible {
    public var description: String { "case events are append-only" }
}
