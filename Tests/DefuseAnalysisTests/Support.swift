// Shared helpers for the analyzer tests: the bundled analyzer and the labelled corpora shipped with the tests.
import DefuseAnalysis
import Foundation

let analyzer = Analyzer.shared

func corpus(_ folder: String) throws -> [LabelledMessage] {
    try Bundle.module.url(forResource: folder, withExtension: nil).map { try LabelledMessage.load(folder: $0) } ?? []
}

/// Every evidence span must be exactly the text at its UTF-16 offsets.
func spansPointAtTheirText(_ text: String, _ analysis: MessageAnalysis) -> Bool {
    analysis.evidence.allSatisfy { spanPointsAtItsText(text, $0.start, $0.end, $0.text) }
}

/// Whether `start..<end` (UTF-16 offsets) is a non-empty span of `text` that reads `expected`.
func spanPointsAtItsText(_ text: String, _ start: Int, _ end: Int, _ expected: String) -> Bool {
    let utf16 = Array(text.utf16)
    return start >= 0 && start < end && end <= utf16.count
        && String(decoding: utf16[start..<end], as: UTF16.self) == expected
}

func evidence(_ analysis: MessageAnalysis, _ label: String) -> [String] {
    analysis.evidence.filter { $0.label == label }.map(\.text)
}

let coach = Coach.shared

/// The labelled drafts under `CoachCorpus` or `CoachHoldout`.
func drafts(_ folder: String) throws -> [LabelledDraft] {
    try Bundle.module.url(forResource: folder, withExtension: nil).map { try LabelledDraft.load(folder: $0) } ?? []
}

/// Reviews every draft (with its customer's message, as the analyzer reads it) and scores it per language and "all".
func evaluate(_ drafts: [LabelledDraft]) -> [String: CoachEvaluation] {
    var result: [String: CoachEvaluation] = [:]
    for draft in drafts {
        let review = coach.review(draft.text, customer: draft.customer.map(analyzer.analyze))
        result[draft.language, default: CoachEvaluation()].add(draft, review)
        result["all", default: CoachEvaluation()].add(draft, review)
    }
    return result
}
