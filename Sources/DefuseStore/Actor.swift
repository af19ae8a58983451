// Who is doing something to a case, for the event log.
import DefuseCore
import Foundation

public struct Actor: Sendable, Equatable {
    public var agentID: UUID?
    public var label: String

    public init(agentID: UUID?, label: String) {
        self.agentID = agentID
        self.label = label
    }

    public static let customer = Actor(agentID: nil, label: "customer")
    public static let system = Actor(agentID: nil, label: "system")
}

extension CaseEvent {
    /// An event happening now (or at `at`) by `actor`.
    public convenience init(
        caseID: UUID, actor: Actor, kind: String, before: String? = nil, after: String? = nil, at date: Date
    ) {
        self.init(
            id: TimeOrderedID.make(at: date), caseID: caseID, actorID: actor.agentID, actorLabel: actor.label,
            kind: kind, before: before, after: after, createdAt: date)
    }
}
