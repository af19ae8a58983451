// Scores the coach against labelled drafts: precision, recall and F1 per flag and move, per language.
import Foundation

/// One labelled draft of a coach corpus (`Tests/DefuseAnalysisTests/CoachCorpus/*.jsonl`).
public struct LabelledDraft: LabelledExample, Codable, Sendable {
    public var id: String
    public var language: String
    public var text: String
    /// The customer's message the draft answers, when the example has one.
    public var customer: String?
    public var flags: [CoachFlag]
    public var moves: [CoachMove]
}

/// The figures the coach's targets are stated in, for one slice of a corpus.
public struct CoachEvaluation: Sendable {
    public var count = 0
    public var languageRight = 0
    public var flags: [CoachFlag: Tally] = [:]
    public var moves: [CoachMove: Tally] = [:]
    /// "This draft has a problem": any flag, expected and found.
    public var problem = Tally()

    public init() {}

    public var flagsMicro: Tally { flags.values.reduce(Tally(), +) }
    public var movesMicro: Tally { moves.values.reduce(Tally(), +) }
    public var languageAccuracy: Double { count == 0 ? 0 : Double(languageRight) / Double(count) }

    public mutating func add(_ draft: LabelledDraft, _ review: DraftReview) {
        count += 1
        if review.language == draft.language { languageRight += 1 }
        for flag in CoachFlag.allCases {
            flags[flag, default: Tally()].add(expected: draft.flags.contains(flag), actual: review.flags.contains(flag))
        }
        for move in CoachMove.allCases {
            moves[move, default: Tally()].add(expected: draft.moves.contains(move), actual: review.moves.contains(move))
        }
        problem.add(expected: !draft.flags.isEmpty, actual: !review.flags.isEmpty)
    }

    /// Labels where the draft's labels and the review disagree: (label, expected).
    public static func disagreements(_ draft: LabelledDraft, _ review: DraftReview) -> [(String, Bool)] {
        CoachFlag.allCases.compactMap { flag in
            draft.flags.contains(flag) == review.flags.contains(flag) ? nil : (flag.rawValue, draft.flags.contains(flag))
        } + CoachMove.allCases.compactMap { move in
            draft.moves.contains(move) == review.moves.contains(move) ? nil : (move.rawValue, draft.moves.contains(move))
        }
    }
}
