// The analyzer's results for people (a readable report) and for programs (JSON lines in, JSON lines out).
import Foundation

public enum AnalysisReport {
    static let angerNames = ["calm", "frustrated", "angry", "hostile"]

    /// A report a person reads in a terminal: the findings, then the text with each evidence span marked.
    public static func render(_ text: String, _ analysis: MessageAnalysis) -> String {
        var lines: [String] = []
        let confidence = String(format: "%.2f", analysis.languageConfidence)
        lines.append("language    \(analysis.language) (confidence \(confidence))")
        let name = angerNames[max(0, min(3, analysis.anger))]
        lines.append("anger       \(analysis.anger) \(name) (score \(String(format: "%.2f", analysis.angerScore)))")
        let signals = [("abuse", analysis.abuse), ("threat", analysis.threat), ("churn", analysis.churn),
                       ("public", analysis.public), ("legal", analysis.legal)].filter(\.1).map(\.0)
        lines.append("signals     \(signals.isEmpty ? "-" : signals.joined(separator: ", "))")
        lines.append("categories  \(analysis.categories.isEmpty ? "-" : analysis.categories.map(\.rawValue).joined(separator: ", "))")
        lines.append("demands     \(analysis.demands.isEmpty ? "-" : analysis.demands.map(\.rawValue).joined(separator: ", "))")
        if analysis.truncated {
            lines.append("note        only the first \(Analyzer.maximumLength) characters were read")
        }
        if !analysis.evidence.isEmpty {
            lines.append("evidence")
            for span in analysis.evidence {
                lines.append("  \(span.label.padding(toLength: 13, withPad: " ", startingAt: 0)) \"\(span.text)\" (\(span.start)-\(span.end))")
            }
            lines.append("")
            lines.append(marked(text, analysis.evidence))
        }
        return lines.joined(separator: "\n")
    }

    /// The text with `[span]{label}` around each piece of evidence (overlapping spans are merged).
    static func marked(_ text: String, _ evidence: [Evidence]) -> String {
        let utf16 = Array(text.utf16)
        var merged: [(start: Int, end: Int, labels: [String])] = []
        for span in evidence.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = merged.last, span.start < last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
                if !last.labels.contains(span.label) { merged[merged.count - 1].labels.append(span.label) }
            } else {
                merged.append((span.start, span.end, [span.label]))
            }
        }
        var output = ""
        var position = 0
        for span in merged where span.start >= position && span.end <= utf16.count {
            output += String(decoding: utf16[position..<span.start], as: UTF16.self)
            output += "[" + String(decoding: utf16[span.start..<span.end], as: UTF16.self) + "]{"
                + span.labels.joined(separator: ",") + "}"
            position = span.end
        }
        output += String(decoding: utf16[position...], as: UTF16.self)
        return output
    }
}

/// `defuse analyze --jsonl`: one `{"id", "text"}` per line in, one result (or `{"id"?, "error"}`) per line out.
public enum AnalysisLines {
    struct Input: Decodable {
        var id: JSONValue?
        var text: String?
    }

    /// Ids are echoed as given: a string or a number.
    enum JSONValue: Codable {
        case string(String), number(Double)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .string(text)
            } else {
                self = .number(try container.decode(Double.self))
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let value):
                if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int(value)) } else { try container.encode(value) }
            }
        }
    }

    struct Output: Encodable {
        var id: JSONValue?
        var analysis: MessageAnalysis

        func encode(to encoder: any Encoder) throws {
            try analysis.encode(to: encoder)
            var container = encoder.container(keyedBy: IDKey.self)
            try container.encodeIfPresent(id, forKey: .id)
        }

        enum IDKey: String, CodingKey { case id }
    }

    struct Failure: Encodable {
        var id: JSONValue?
        var error: String
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Analyses one input line (raw bytes, without the newline) and returns the output line.
    public static func process(_ line: some Collection<UInt8>, with analyzer: Analyzer) -> String {
        guard let text = String(validating: line, as: UTF8.self) else {
            return encode(Failure(id: nil, error: "the line is not valid UTF-8"))
        }
        guard let input = try? JSONDecoder().decode(Input.self, from: Data(text.utf8)) else {
            return encode(Failure(id: nil, error: "the line is not a JSON object like {\"id\": 1, \"text\": \"...\"}"))
        }
        guard let message = input.text else {
            return encode(Failure(id: input.id, error: "text is required and must be a string"))
        }
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return encode(Failure(id: input.id, error: "text is empty"))
        }
        return encode(Output(id: input.id, analysis: analyzer.analyze(message)))
    }

    static func encode(_ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":"could not encode the result"}"#
    }
}
