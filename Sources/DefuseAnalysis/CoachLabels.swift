// The reply coach's vocabulary (see DESIGN.md, "Labels"): what makes a draft worse, and the good moves in it.

/// Something in an agent's draft that will make an upset customer more upset.
public enum CoachFlag: String, CaseIterable, Codable, Sendable {
    case blame, condescension, defensiveness, dismissive, personal, overpromise
    case lastWord = "last_word"
}

/// Something good practice asks of a reply, present in a draft or missing from it.
public enum CoachMove: String, CaseIterable, Codable, Sendable {
    case acknowledge, apology, empathy, clarify, action, timeline, choice, approval
}

/// What a coach pack entry is evidence of: a flag, a move, or a helper that changes how the others count.
enum CoachCue: String, CaseIterable, LexiconLabel {
    case blame, condescension, defensiveness, dismissive, personal, overpromise
    case lastWord = "last_word"
    case acknowledge, apology, empathy, clarify, action, timeline, choice, approval
    /// Turns a following move around ("we can't refund", "δεν μπορούμε να αντικαταστήσουμε").
    case negator
    /// A phrase that looks like a flag or move and is not: "not your fault" holds "your fault", "sorry you feel
    /// that way" holds "sorry". Cancels the hits it overlaps, unless a hit covers it whole.
    case clear
    /// Asking for data ("your order number", "τον αριθμό παραγγελίας"): a question that does not clarify the problem.
    case dataRequest = "data_request"
    /// Pointing at a policy, a colleague or another department: defensiveness when the draft offers no action or
    /// choice.
    case deflection
    /// Words that make a promise conditional ("we'll do our best", "θα προσπαθήσουμε"): no overpromise in that
    /// sentence.
    case hedge
    /// Money words next to a number ("euros", "лир", "piso"): an amount the agent may not have authority for.
    case currency

    var defaultWeight: Float { 1 }

    var flag: CoachFlag? {
        switch self {
        case .blame: .blame
        case .condescension: .condescension
        case .defensiveness: .defensiveness
        case .dismissive: .dismissive
        case .personal: .personal
        case .overpromise: .overpromise
        case .lastWord: .lastWord
        default: nil
        }
    }

    var move: CoachMove? {
        switch self {
        case .acknowledge: .acknowledge
        case .apology: .apology
        case .empathy: .empathy
        case .clarify: .clarify
        case .action: .action
        case .timeline: .timeline
        case .choice: .choice
        case .approval: .approval
        default: nil
        }
    }

    init(_ flag: CoachFlag) {
        self = CoachCue.allCases.first { $0.flag == flag }!
    }

    init(_ move: CoachMove) {
        self = CoachCue.allCases.first { $0.move == move }!
    }
}
