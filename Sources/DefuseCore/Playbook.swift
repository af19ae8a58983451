// The five stages of resolving a complaint (the Spanish seed) as a workflow: what each stage wants done before the
// case moves on, which moves are allowed, and what skipping an unmet item costs (a reason, kept in the events).
import DefuseAnalysis
import Foundation

/// What is known about a case that its checklists look at.
public struct PlaybookFacts: Sendable, Equatable {
    public var fault: Fault
    /// Any message has gone to the customer (the acknowledgement counts).
    public var customerInformed: Bool
    /// The good moves the coach found in the replies sent so far.
    public var replyMoves: Set<CoachMove>
    /// The customer's complaint names what went wrong (the analyzer found a category).
    public var problemNamed: Bool
    public var optionsOffered: Bool
    public var customerApproved: Bool
    public var openCommitments: Int

    public init(
        fault: Fault = .unknown, customerInformed: Bool = false, replyMoves: Set<CoachMove> = [],
        problemNamed: Bool = false, optionsOffered: Bool = false, customerApproved: Bool = false,
        openCommitments: Int = 0
    ) {
        self.fault = fault
        self.customerInformed = customerInformed
        self.replyMoves = replyMoves
        self.problemNamed = problemNamed
        self.optionsOffered = optionsOffered
        self.customerApproved = customerApproved
        self.openCommitments = openCommitments
    }
}

/// One thing a stage wants done, and whether it is.
public struct ChecklistItem: Sendable, Equatable, Codable {
    public var id: String
    public var stage: Stage
    public var done: Bool
    /// What it asks for, in an agent's words.
    public var wants: String
}

/// A move between stages the playbook allowed, with what was left undone on the way.
public struct StageMove: Sendable, Equatable {
    public var from: Stage
    public var to: Stage
    public var skipped: [ChecklistItem]
    public var reason: String?
}

public enum Playbook {
    /// The working order of a case; `closed` and `reopened` sit outside it.
    public static let order: [Stage] = [
        .new, .acknowledged, .clarifying, .owning, .agreeing, .awaitingApproval, .inProgress, .resolved,
    ]

    /// What `stage` wants before the case leaves it.
    public static func checklist(for stage: Stage, _ facts: PlaybookFacts) -> [ChecklistItem] {
        func item(_ id: String, _ done: Bool, _ wants: String) -> ChecklistItem {
            ChecklistItem(id: id, stage: stage, done: done, wants: wants)
        }
        let moves = facts.replyMoves
        switch stage {
        case .new:
            return [item("acknowledgement_sent", facts.customerInformed,
                         "the customer has been told we have their complaint, and by when they will hear from us")]
        case .acknowledged:
            return [item("problem_acknowledged", !moves.isDisjoint(with: [.acknowledge, .apology, .empathy]),
                         "a reply that acknowledges the problem without arguing about fault")]
        case .clarifying:
            return [item("problem_understood", moves.contains(.clarify) || facts.problemNamed,
                         "a question that makes the problem clear, unless the complaint already says what went wrong")]
        case .owning:
            if facts.fault == .ours {
                return [item("fault_owned", !moves.isDisjoint(with: [.apology, .acknowledge]),
                             "the fault is ours: an apology, or a plain acknowledgement that we got it wrong")]
            }
            return [item("feelings_acknowledged", !moves.isDisjoint(with: [.apology, .empathy]),
                         "an apology or a line of empathy for how this felt")]
        case .agreeing:
            return [item("options_offered", facts.optionsOffered, "options offered to the customer")]
        case .awaitingApproval:
            return [item("customer_approved", facts.customerApproved, "the customer's recorded yes to an option")]
        case .inProgress:
            return [item("promises_kept", facts.openCommitments == 0, "every promise made on the case is done")]
        case .resolved, .closed, .reopened:
            return []
        }
    }

    /// The stages a case may move to from `stage`.
    public static func allowedMoves(from stage: Stage) -> [Stage] {
        switch stage {
        case .resolved: return [.closed, .reopened]
        case .closed: return [.reopened]
        case .reopened: return Array(order.dropFirst()) + [.closed]
        default:
            return order.filter { $0 != stage && $0 != .new } + [.closed]
        }
    }

    /// Checks a move and names what it skips. Moving forward past unmet items, or closing a case that was never
    /// resolved, needs a reason; going back a step (the customer said none of the options works) does not.
    public static func move(
        from: Stage, to: Stage, _ facts: PlaybookFacts, reason: String?
    ) throws(DefuseError) -> StageMove {
        guard from != to else { throw .conflict("the case is already \(to.rawValue)", field: "stage") }
        guard allowedMoves(from: from).contains(to) else {
            let allowed = allowedMoves(from: from).map(\.rawValue).joined(separator: ", ")
            throw .invalidField("stage", "cannot go from \(from.rawValue) to \(to.rawValue); allowed: \(allowed)")
        }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        var skipped: [ChecklistItem] = []
        if let start = order.firstIndex(of: from), let end = order.firstIndex(of: to), start < end {
            skipped = order[start..<end].flatMap { checklist(for: $0, facts) }.filter { !$0.done }
        }
        if to == .closed, from != .resolved, reason == nil {
            throw .invalidField("reason", "closing a case that was never resolved needs a reason")
        }
        if !skipped.isEmpty, reason == nil {
            let items = skipped.map(\.id).joined(separator: ", ")
            throw .invalidField("reason", "moving to \(to.rawValue) leaves \(items) undone; give a reason to move on anyway")
        }
        return StageMove(from: from, to: to, skipped: skipped, reason: reason)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
