// Shared helpers for the analyzer tests: the bundled analyzer and the labelled corpora shipped with the tests.
import DefuseAnalysis
import Foundation

let analyzer = Analyzer.shared

func corpus(_ folder: String) throws -> [LabelledMessage] {
    guard let url = Bundle.module.url(forResource: folder, withExtension: nil) else { return [] }
    return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "jsonl" }
        .sorted { $0.path < $1.path }
        .flatMap { try LabelledMessage.load(jsonLines: $0) }
}

/// Every evidence span must be exactly the text at its UTF-16 offsets.
func spansPointAtTheirText(_ text: String, _ analysis: MessageAnalysis) -> Bool {
    let utf16 = Array(text.utf16)
    return analysis.evidence.allSatisfy { span in
        span.start >= 0 && span.start < span.end && span.end <= utf16.count
            && String(decoding: utf16[span.start..<span.end], as: UTF16.self) == span.text
    }
}

func evidence(_ analysis: MessageAnalysis, _ label: String) -> [String] {
    analysis.evidence.filter { $0.label == label }.map(\.text)
}

let coach = Coach.shared

/// The labelled drafts under `CoachCorpus` or `CoachHoldout`.
func drafts(_ folder: String) throws -> [LabelledDraft] {
    guard let url = Bundle.module.url(forResource: folder, withExtension: nil) else { return [] }
    return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "jsonl" }
        .sorted { $0.path < $1.path }
        .flatMap { try LabelledDraft.load(jsonLines: $0) }
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
