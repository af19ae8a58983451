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

/// JSON lines in and out, for the commands that read a stream (`analyze --jsonl`, `coach --jsonl`): ids echoed as
/// given, a bad line answered with `{"id"?, "error"}` so the run goes on.
public enum JSONLines {
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

    /// What an input line carries besides its own fields: an id to echo and the text to read.
    protocol TextLine: Decodable {
        var id: JSONValue? { get }
        var text: String? { get }
    }

    /// A result with the input's id added to its keys.
    struct Identified<Body: Encodable>: Encodable {
        var id: JSONValue?
        var body: Body

        func encode(to encoder: any Encoder) throws {
            try body.encode(to: encoder)
            var container = encoder.container(keyedBy: IDKey.self)
            try container.encodeIfPresent(id, forKey: .id)
        }

        enum IDKey: String, CodingKey { case id }
    }

    struct Failure: Encodable, Error {
        var id: JSONValue?
        var error: String
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Reads one line (raw bytes, without the newline) as `Input` with a non-empty text, or says what is wrong.
    static func read<Input: TextLine>(_ line: some Collection<UInt8>, as: Input.Type, example: String)
        -> Result<(input: Input, text: String), Failure> {
        guard let text = String(validating: line, as: UTF8.self) else {
            return .failure(Failure(id: nil, error: "the line is not valid UTF-8"))
        }
        let input: Input
        do {
            input = try JSONDecoder().decode(Input.self, from: Data(text.utf8))
        } catch DecodingError.typeMismatch(_, let context) where !context.codingPath.isEmpty {
            return .failure(Failure(id: nil, error: "\(context.codingPath[0].stringValue) has the wrong type"))
        } catch {
            return .failure(Failure(id: nil, error: "the line is not a JSON object like \(example)"))
        }
        guard let message = input.text else {
            return .failure(Failure(id: input.id, error: "text is required and must be a string"))
        }
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return .failure(Failure(id: input.id, error: "text is empty"))
        }
        return .success((input, message))
    }

    /// The output line for a result, or for a failure.
    static func line<Body: Encodable>(_ result: Result<(id: JSONValue?, body: Body), Failure>) -> String {
        switch result {
        case .success(let value): encode(Identified(id: value.id, body: value.body))
        case .failure(let failure): encode(failure)
        }
    }

    static func encode(_ value: some Encodable) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"error":"could not encode the result"}"#
    }
}

/// `defuse analyze --jsonl`: one `{"id", "text"}` per line in, one result (or `{"id"?, "error"}`) per line out.
public enum AnalysisLines {
    struct Input: JSONLines.TextLine {
        var id: JSONLines.JSONValue?
        var text: String?
    }

    /// Analyses one input line (raw bytes, without the newline) and returns the output line.
    public static func process(_ line: some Collection<UInt8>, with analyzer: Analyzer) -> String {
        JSONLines.line(JSONLines.read(line, as: Input.self, example: #"{"id": 1, "text": "..."}"#).map { read in
            (id: read.input.id, body: analyzer.analyze(read.text))
        })
    }
}
