// What the coach says about one draft reply, each finding with the span of text behind it.

/// A flag or a move found in the draft, with why it matters and, for flags, a better wording.
public struct CoachFinding: Codable, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case flag(CoachFlag)
        case move(CoachMove)
    }

    public var kind: Kind
    /// UTF-16 offsets into the draft.
    public var start: Int
    public var end: Int
    public var text: String
    public var why: String
    public var suggestion: String?

    public init(kind: Kind, start: Int, end: Int, text: String, why: String, suggestion: String?) {
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.why = why
        self.suggestion = suggestion
    }

    enum CodingKeys: String, CodingKey { case flag, move, start, end, text, why, suggestion }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let flag = try container.decodeIfPresent(CoachFlag.self, forKey: .flag) {
            kind = .flag(flag)
        } else {
            kind = .move(try container.decode(CoachMove.self, forKey: .move))
        }
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        text = try container.decode(String.self, forKey: .text)
        why = try container.decode(String.self, forKey: .why)
        suggestion = try container.decodeIfPresent(String.self, forKey: .suggestion)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch kind {
        case .flag(let flag): try container.encode(flag, forKey: .flag)
        case .move(let move): try container.encode(move, forKey: .move)
        }
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(text, forKey: .text)
        try container.encode(why, forKey: .why)
        try container.encodeIfPresent(suggestion, forKey: .suggestion)
    }
}

/// A ready line from the phrase library for a move the draft lacks.
public struct MissingLine: Codable, Sendable, Equatable {
    public var move: CoachMove
    public var line: String
}

public enum Verdict: String, Codable, Sendable {
    case send, revise
}

/// The coach's reading of one draft.
public struct DraftReview: Codable, Sendable, Equatable {
    public var language: String
    public var flags: [CoachFlag]
    public var moves: [CoachMove]
    /// Moves the situation calls for and the draft lacks.
    public var missing: [CoachMove]
    public var findings: [CoachFinding]
    /// A line the agent could add for each missing move, in the draft's language.
    public var lines: [MissingLine]
    public var verdict: Verdict
    /// What an agent reads in two seconds, in the draft's language.
    public var summary: String
    /// True when the draft was longer than `Coach.maximumLength` and only that prefix was read.
    public var truncated: Bool
}
