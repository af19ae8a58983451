// The next best actions on a case: safety first, then the customer's state, then what the stage still wants,
// each with the reason and, where one helps, a ready line in the customer's language.
import DefuseAnalysis
import Foundation

/// What the next-action panel looks at.
public struct CaseSituation: Sendable {
    public var stage: Stage
    public var fault: Fault
    public var channel: Channel
    /// The language the case is answered in.
    public var language: String
    /// The analyzer's reading of the customer's messages, oldest first.
    public var customerMessages: [MessageAnalysis]
    public var checklist: [ChecklistItem]
    public var role: Role
    public var policy: Policy
    public var pendingEscalations: Int
    public var declinedEscalations: Int
    public var openCommitments: Int
    public var overdueCommitments: Int
    public var firstResponseDue: Date
    public var firstRespondedAt: Date?
    public var now: Date

    public init(
        stage: Stage, fault: Fault, channel: Channel, language: String, customerMessages: [MessageAnalysis],
        checklist: [ChecklistItem], role: Role, policy: Policy, pendingEscalations: Int = 0,
        declinedEscalations: Int = 0, openCommitments: Int = 0, overdueCommitments: Int = 0,
        firstResponseDue: Date, firstRespondedAt: Date? = nil, now: Date
    ) {
        self.stage = stage
        self.fault = fault
        self.channel = channel
        self.language = language
        self.customerMessages = customerMessages
        self.checklist = checklist
        self.role = role
        self.policy = policy
        self.pendingEscalations = pendingEscalations
        self.declinedEscalations = declinedEscalations
        self.openCommitments = openCommitments
        self.overdueCommitments = overdueCommitments
        self.firstResponseDue = firstResponseDue
        self.firstRespondedAt = firstRespondedAt
        self.now = now
    }
}

public struct NextAction: Sendable, Equatable, Codable {
    public var action: String
    public var reason: String
    /// A phrase-library line in the customer's language, when one is the way to do it.
    public var line: String?
}

public enum NextActions {
    /// The actions, most urgent first.
    public static func suggest(_ situation: CaseSituation, phrases: [PhraseKind: [String]]) -> [NextAction] {
        var actions: [NextAction] = []
        func add(_ action: String, _ reason: String, _ kind: PhraseKind? = nil) {
            guard !actions.contains(where: { $0.action == action }) else { return }
            actions.append(NextAction(action: action, reason: reason, line: kind.flatMap { phrases[$0]?.first }))
        }
        let latest = situation.customerMessages.last
        if let latest, latest.threat {
            add("ensure_safety", "the customer's last message reports a danger or a threat: make sure everyone is "
                + "safe first, call security or the police if someone is at risk, and open a safety incident")
        }
        if let latest, latest.abuse {
            add("set_boundary", "the customer is insulting staff: say calmly that you want to help and that the tone "
                + "has to stay respectful; do not answer in kind", .boundary)
        }
        if let latest, latest.anger >= 3 {
            add("cool_down", "the last message is hostile: take two minutes before answering and tell the customer "
                + "you will be right back", .hold)
        }
        if keepsEscalating(situation) {
            add("suggest_call", "the written exchange keeps getting angrier: offer a phone call, where tone is easier "
                + "to get right", .phoneCall)
        }
        if situation.stage.isOpen, situation.firstRespondedAt == nil, situation.now > situation.firstResponseDue {
            add("answer_now", "the first answer was due \(minutesAgo(situation.firstResponseDue, situation.now)) ago")
        }
        if let latest, latest.demands.contains(.manager), situation.role == .agent {
            add("bring_manager", "the customer asks for a manager: bring one in, or say who will decide and by when",
                .escalate)
        }
        if situation.overdueCommitments > 0 {
            add("keep_promises", "\(situation.overdueCommitments) promise(s) on this case are overdue: do them now or "
                + "tell the customer honestly when, before they have to chase")
        }
        if situation.declinedEscalations > 0, situation.stage == .agreeing {
            add("state_policy_gently", "a manager declined an option: explain the policy kindly, offer what you can, "
                + "and do not promise what was declined", .escalate)
        }
        if situation.pendingEscalations > 0 {
            add("await_decision", "\(situation.pendingEscalations) option(s) wait for a manager's decision: tell the "
                + "customer who decides and by when rather than promising", .escalate)
        }
        let fastPath = situation.fault == .ours && situation.policy.fastPathAmount > 0
        if fastPath, [.acknowledged, .clarifying, .owning, .agreeing].contains(situation.stage) {
            add("fix_now", "the fault is ours: apologise and fix it now (up to \(situation.policy.currency) "
                + "\(NSDecimalNumber(decimal: situation.policy.fastPathAmount).stringValue) is approved at once), "
                + "without twenty questions", .apology)
        }
        for item in situation.checklist where !item.done {
            switch item.id {
            case "acknowledgement_sent": add("acknowledge", "the customer has not heard from us yet", .acknowledge)
            case "problem_acknowledged":
                add("acknowledge", "acknowledge the problem in your own words, without arguing about fault", .acknowledge)
            case "problem_understood":
                add("clarify", "the complaint does not say clearly what went wrong: ask one open question", .clarify)
            case "fault_owned": add("apologise", "the fault is ours: apologise and take responsibility", .apology)
            case "feelings_acknowledged": add("empathise", "show you understand how this felt", .empathy)
            case "options_offered":
                add("offer_options", "offer the customer two or three ways to put it right and let them choose", .options)
            case "customer_approved":
                add("await_approval", "the customer has the options; check they agree before acting", .approval)
            case "promises_kept":
                add("keep_promises", "\(situation.openCommitments) promise(s) still open: do them, then resolve the case")
            default: break
            }
        }
        switch situation.stage {
        case .inProgress where situation.openCommitments == 0:
            add("resolve", "every promise is kept: resolve the case so the customer gets the short survey")
        case .resolved: add("close", "the case is resolved; close it once the customer has had their say")
        case .reopened:
            add("acknowledge", "the case was reopened: acknowledge what is still wrong before anything else", .acknowledge)
        default: break
        }
        return actions
    }

    /// The last two messages on a written channel both angry, the latest no calmer than the one before.
    static func keepsEscalating(_ situation: CaseSituation) -> Bool {
        guard [.web, .email, .chat, .api].contains(situation.channel) else { return false }
        let angers = situation.customerMessages.suffix(2).map(\.anger)
        guard angers.count == 2 else { return false }
        return angers[0] >= 2 && angers[1] >= angers[0]
    }

    static func minutesAgo(_ due: Date, _ now: Date) -> String {
        let minutes = Int(now.timeIntervalSince(due) / 60)
        return minutes < 120 ? "\(minutes) min" : "\(minutes / 60) h"
    }
}
