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
    struct Input: Decodable {
        var id: AnalysisLines.JSONValue?
        var text: String?
        var context: String?
        var authorityLimit: Double?

        enum CodingKeys: String, CodingKey {
            case id, text, context
            case authorityLimit = "authority_limit"
        }
    }

    struct Output: Encodable {
        var id: AnalysisLines.JSONValue?
        var review: DraftReview

        func encode(to encoder: any Encoder) throws {
            try review.encode(to: encoder)
            var container = encoder.container(keyedBy: IDKey.self)
            try container.encodeIfPresent(id, forKey: .id)
        }

        enum IDKey: String, CodingKey { case id }
    }

    /// Reviews one input line (raw bytes, without the newline) and returns the output line.
    public static func process(_ line: some Collection<UInt8>, with coach: Coach, analyzer: Analyzer) -> String {
        guard let text = String(validating: line, as: UTF8.self) else {
            return AnalysisLines.encode(AnalysisLines.Failure(id: nil, error: "the line is not valid UTF-8"))
        }
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: Data(text.utf8))
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.first?.stringValue ?? "line"
            return AnalysisLines.encode(AnalysisLines.Failure(id: nil, error: "\(field) has the wrong type"))
        } catch {
            return AnalysisLines.encode(AnalysisLines.Failure(
                id: nil, error: "the line is not a JSON object like {\"id\": 1, \"text\": \"...\", \"context\": \"...\"}"))
        }
        guard let draft = input.text else {
            return AnalysisLines.encode(AnalysisLines.Failure(id: input.id, error: "text is required and must be a string"))
        }
        guard !draft.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return AnalysisLines.encode(AnalysisLines.Failure(id: input.id, error: "text is empty"))
        }
        if let limit = input.authorityLimit, !(limit >= 0) {
            return AnalysisLines.encode(AnalysisLines.Failure(id: input.id, error: "authority_limit must be a number of at least 0"))
        }
        let customer = input.context.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            .map(analyzer.analyze)
        return AnalysisLines.encode(Output(
            id: input.id, review: coach.review(draft, customer: customer, authorityLimit: input.authorityLimit)))
    }
}
