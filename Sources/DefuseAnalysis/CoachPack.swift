// What a coach pack holds besides its rules: why each finding matters, better wordings, the words of a summary,
// and the phrase library, all in the pack's language (`CoachPacks/<code>.json`).

/// The kinds of ready lines an agent can pick from the phrase library.
public enum PhraseKind: String, CaseIterable, Codable, Sendable {
    /// A calm boundary when the customer insults someone.
    case boundary
    /// A cool-down hold: "give me two minutes, I'll be right back with an answer".
    case hold
    /// Acknowledging the problem without arguing about fault.
    case acknowledge
    /// Letting a customer who was wrong keep their dignity.
    case dignity
    case apology, empathy, clarify, action, timeline
    /// Offering options.
    case options
    /// Asking whether the solution works for the customer.
    case approval
    /// Suggesting a phone call when a written exchange keeps escalating.
    case phoneCall = "phone_call"
    /// Saying a request goes to someone who can approve it, instead of promising it.
    case escalate

    /// The phrase that supplies a missing move.
    init(_ move: CoachMove) {
        switch move {
        case .acknowledge: self = .acknowledge
        case .apology: self = .apology
        case .empathy: self = .empathy
        case .clarify: self = .clarify
        case .action: self = .action
        case .timeline: self = .timeline
        case .choice: self = .options
        case .approval: self = .approval
        }
    }
}

struct CoachPack: Decodable {
    struct Summary: Decodable {
        /// "Ready to send", "Revise before sending", "Missing", ...
        var send: String
        var revise: String
        var missing: String
    }

    var language: String
    /// Why each flag hurts and each move helps, one line per label, plus `authority` (a promise beyond the
    /// agent's limit).
    var why: [String: String]
    /// A better wording per flag, when the matched rule has none of its own; plus `authority`.
    var rewrites: [String: String]
    /// Short names of flags and moves for the two-second summary.
    var names: [String: String]
    var summary: Summary
    var phrases: [String: [String]]

    /// Checks that the pack says everything the coach needs, so a gap shows at load, not in front of an agent.
    func validate() throws {
        let labels = CoachFlag.allCases.map(\.rawValue) + CoachMove.allCases.map(\.rawValue)
        for label in labels + ["authority"] where (why[label] ?? "").isEmpty {
            throw LexiconError("coach pack \(language): no 'why' for \(label)")
        }
        for label in CoachFlag.allCases.map(\.rawValue) + ["authority"] where (rewrites[label] ?? "").isEmpty {
            throw LexiconError("coach pack \(language): no rewrite for \(label)")
        }
        for label in labels where (names[label] ?? "").isEmpty {
            throw LexiconError("coach pack \(language): no name for \(label)")
        }
        for kind in PhraseKind.allCases where (phrases[kind.rawValue] ?? []).isEmpty {
            throw LexiconError("coach pack \(language): no phrases for \(kind.rawValue)")
        }
    }
}

/// One `CoachPacks/<code>.json` read once: the rules for the lexicon and the words the coach answers with.
struct CoachPackFile: Decodable {
    var rules: LanguagePack<CoachCue>
    var pack: CoachPack

    init(from decoder: any Decoder) throws {
        rules = try LanguagePack(from: decoder)
        pack = try CoachPack(from: decoder)
    }
}
