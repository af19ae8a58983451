// Splits a message into plain and highlighted pieces from the evidence spans the analyzer or the coach found, so a
// template can mark them without ever printing customer text unescaped.
import DefuseAnalysis
import Foundation

struct Highlight {
    var start: Int
    var end: Int
    var label: String
    var why: String
    var kind: String
}

enum Highlights {
    /// Pieces of `text` in order; overlapping spans keep the first (earliest, then longest). Offsets are UTF-16.
    static func segments(_ text: String, _ spans: [Highlight]) -> [CasePage.Segment] {
        let units = Array(text.utf16)
        let ordered = spans.filter { $0.start >= 0 && $0.end <= units.count && $0.start < $0.end }
            .sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var pieces: [CasePage.Segment] = []
        var cursor = 0
        func slice(_ from: Int, _ to: Int) -> String { String(decoding: units[from..<to], as: UTF16.self) }
        for span in ordered where span.start >= cursor {
            if span.start > cursor { pieces.append(CasePage.Segment(text: slice(cursor, span.start))) }
            pieces.append(CasePage.Segment(text: slice(span.start, span.end), label: span.label, why: span.why,
                                           kind: span.kind))
            cursor = span.end
        }
        if cursor < units.count { pieces.append(CasePage.Segment(text: slice(cursor, units.count))) }
        return pieces
    }

    /// What a customer-message label means, for the hover text.
    static let signalWhy: [String: String] = [
        "anger": "anger: how upset the customer sounds here",
        "abuse": "abuse: insult or profanity aimed at staff or the company",
        "threat": "threat or safety danger: check that everyone is safe first",
        "churn": "churn: the customer may leave",
        "public": "public: a review, social media or the press",
        "legal": "legal: lawyer, court, regulator or police",
    ]

    static func forCustomer(_ analysis: MessageAnalysis) -> [Highlight] {
        analysis.evidence.map { evidence in
            let why = signalWhy[evidence.label]
                ?? (Category(rawValue: evidence.label) != nil ? "complaint about \(evidence.label)"
                    : Demand(rawValue: evidence.label) != nil ? "wants: \(evidence.label)" : evidence.label)
            return Highlight(start: evidence.start, end: evidence.end, label: evidence.label, why: why, kind: "signal")
        }
    }

    static func forReply(_ review: DraftReview) -> [Highlight] {
        review.findings.map { finding in
            switch finding.kind {
            case .flag(let flag):
                Highlight(start: finding.start, end: finding.end, label: flag.rawValue,
                          why: finding.why + (finding.suggestion.map { " Better: \($0)" } ?? ""), kind: "flag")
            case .move(let move):
                Highlight(start: finding.start, end: finding.end, label: move.rawValue, why: finding.why, kind: "move")
            }
        }
    }
}
