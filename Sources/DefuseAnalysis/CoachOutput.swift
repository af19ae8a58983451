// The coach's reviews for people (a readable report) and for programs (JSON lines in, JSON lines out).
import Foundation

public enum CoachReport {
    /// A review a person reads in a terminal: verdict and summary, each finding with why and a better wording,
    /// the missing moves with a line to add, then the draft with each finding marked.
    public static func render(_ draft: String, _ review: DraftReview) -> String {
        var lines: [String] = []
        lines.append("verdict     \(review.verdict.rawValue) — \(review.summary)")
        lines.append("language    \(review.language)")
        lines.append("flags       \(review.flags.isEmpty ? "-" : review.flags.map(\.rawValue).joined(separator: ", "))")
        lines.append("moves       \(review.moves.isEmpty ? "-" : review.moves.map(\.rawValue).joined(separator: ", "))")
        lines.append("missing     \(review.missing.isEmpty ? "-" : review.missing.map(\.rawValue).joined(separator: ", "))")
        if review.truncated {
            lines.append("note        only the first \(Coach.maximumLength) characters were read")
        }
        let flagged = review.findings.filter { if case .flag = $0.kind { true } else { false } }
        if !flagged.isEmpty {
            lines.append("")
            for finding in flagged {
                lines.append("  \(finding.label): \"\(finding.text)\" (\(finding.start)-\(finding.end))")
                lines.append("      why: \(finding.why)")
                if let suggestion = finding.suggestion { lines.append("      try: \(suggestion)") }
            }
        }
        if !review.lines.isEmpty {
            lines.append("")
            for line in review.lines { lines.append("  add \(line.move.rawValue): \(line.line)") }
        }
        if !review.findings.isEmpty {
            lines.append("")
            lines.append(AnalysisReport.marked(draft, review.findings.map {
                Evidence(label: $0.label, start: $0.start, end: $0.end, text: $0.text)
            }))
        }
        return lines.joined(separator: "\n")
    }
}

extension CoachFinding {
    /// The flag's or move's name.
    public var label: String {
        switch kind {
        case .flag(let flag): flag.rawValue
        case .move(let move): move.rawValue
        }
    }
}

/// `defuse coach --jsonl`: one `{"id", "text", "context"?, "authority_limit"?}` per line in (context: the customer's
/// message), one review (or `{"id"?, "error"}`) per line out.
public enum CoachLines {
    struct Input: JSONLines.TextLine {
        var id: JSONLines.JSONValue?
        var text: String?
        var context: String?
        var authorityLimit: Double?

        enum CodingKeys: String, CodingKey {
            case id, text, context
            case authorityLimit = "authority_limit"
        }
    }

    /// Reviews one input line (raw bytes, without the newline) and returns the output line.
    public static func process(_ line: some Collection<UInt8>, with coach: Coach, analyzer: Analyzer) -> String {
        let read = JSONLines.read(line, as: Input.self, example: #"{"id": 1, "text": "...", "context": "..."}"#)
            .flatMap { read -> Result<(input: Input, text: String), JSONLines.Failure> in
                if let limit = read.input.authorityLimit, !(limit >= 0) {
                    return .failure(.init(id: read.input.id, error: "authority_limit must be a number of at least 0"))
                }
                return .success(read)
            }
        return JSONLines.line(read.map { read in
            let customer = read.input.context.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
                .map(analyzer.analyze)
            return (id: read.input.id,
                    body: coach.review(read.text, customer: customer, authorityLimit: read.input.authorityLimit))
        })
    }
}
