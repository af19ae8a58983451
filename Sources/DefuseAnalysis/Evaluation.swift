// Scores the analyzer against a labelled corpus: precision, recall and F1 per label and per language.
import Foundation

/// One labelled message of a development or evaluation corpus (`Tests/DefuseAnalysisTests/Corpus/*.jsonl`).
public struct LabelledMessage: LabelledExample, Codable, Sendable {
    public var id: String
    public var text: String
    public var language: String
    public var anger: Int
    public var abuse: Bool
    public var threat: Bool
    public var churn: Bool
    public var `public`: Bool
    public var legal: Bool
    public var categories: [Category]
    public var demands: [Demand]

    /// Every label as a set of strings, the way the scorer compares them.
    var labels: Set<String> { Evaluation.labels(anger: anger, abuse: abuse, threat: threat, churn: churn,
                                                public: `public`, legal: legal, categories: categories,
                                                demands: demands) }
}

/// A labelled example of a corpus, one JSON object per line of `*.jsonl` files.
public protocol LabelledExample: Decodable {}

extension LabelledExample {
    /// The examples of one file; an error names the file and the line.
    public static func load(jsonLines url: URL) throws -> [Self] {
        let decoder = JSONDecoder()
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").enumerated().map { number, line in
            do {
                return try decoder.decode(Self.self, from: Data(line.utf8))
            } catch {
                throw LexiconError("\(url.lastPathComponent) line \(number + 1): \(error)")
            }
        }
    }

    /// The examples of every `*.jsonl` in `folder`, in file-name order; with `language`, only the files whose name
    /// starts with it (`el.jsonl`, `el-2.jsonl`).
    public static func load(folder: URL, language: String? = nil) throws -> [Self] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "jsonl" && language.map($0.lastPathComponent.hasPrefix) != false }
            .sorted { $0.path < $1.path }
            .flatMap { try load(jsonLines: $0) }
    }
}

/// Counts of true positives, false positives and false negatives for one label.
public struct Tally: Sendable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

    mutating func add(expected: Bool, actual: Bool) {
        switch (expected, actual) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): break
        }
    }

    static func + (lhs: Tally, rhs: Tally) -> Tally {
        Tally(truePositives: lhs.truePositives + rhs.truePositives,
              falsePositives: lhs.falsePositives + rhs.falsePositives,
              falseNegatives: lhs.falseNegatives + rhs.falseNegatives)
    }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }
}

/// The figures the targets are stated in, for one slice of a corpus.
public struct Evaluation: Sendable {
    public static let signalLabels = ["abuse", "threat", "churn", "public", "legal"]
    public static let groups: [(name: String, labels: [String])] = [
        ("upset", ["upset"]),
        ("abuse+threat", ["abuse", "threat"]),
        ("churn+public+legal", ["churn", "public", "legal"]),
        ("categories", Category.allCases.map(\.rawValue)),
        ("demands", Demand.allCases.map(\.rawValue)),
    ]
    public static var allLabels: [String] {
        ["upset"] + signalLabels + Category.allCases.map(\.rawValue) + Demand.allCases.map(\.rawValue)
    }

    public var count = 0
    public var languageRight = 0
    public var angerExact = 0
    /// angerConfusion[expected][predicted]
    public var angerConfusion = [[Int]](repeating: [0, 0, 0, 0], count: 4)
    public var tallies: [String: Tally] = [:]

    public init() {}

    /// Complaints (any anger, problem or demand) told from calm messages and praise.
    public var complaint = Tally()
    public var trueNegatives = 0

    /// Calm messages and praise counted towards `complaintBalancedAccuracy`.
    public var calmCount: Int { complaint.falsePositives + trueNegatives }
    /// The share of calm messages and praise not read as complaints.
    public var calmLeftAlone: Double { calmCount == 0 ? 1 : Double(trueNegatives) / Double(calmCount) }
    /// Mean of the rate complaints are caught and the rate calm messages are left alone.
    public var complaintBalancedAccuracy: Double { (complaint.recall + calmLeftAlone) / 2 }

    public var languageAccuracy: Double { count == 0 ? 0 : Double(languageRight) / Double(count) }
    public var angerAccuracy: Double { count == 0 ? 0 : Double(angerExact) / Double(count) }

    /// Micro-averaged tally over several labels.
    public func tally(_ labels: [String]) -> Tally {
        labels.reduce(Tally()) { $0 + (tallies[$1] ?? Tally()) }
    }

    static func labels(anger: Int, abuse: Bool, threat: Bool, churn: Bool, public: Bool, legal: Bool,
                       categories: [Category], demands: [Demand]) -> Set<String> {
        var labels = Set(categories.map(\.rawValue) + demands.map(\.rawValue))
        if anger >= 2 { labels.insert("upset") }
        for (name, on) in [("abuse", abuse), ("threat", threat), ("churn", churn), ("public", `public`),
                           ("legal", legal)] where on {
            labels.insert(name)
        }
        return labels
    }

    public mutating func add(_ message: LabelledMessage, _ analysis: MessageAnalysis) {
        count += 1
        if analysis.language == message.language { languageRight += 1 }
        if analysis.anger == message.anger { angerExact += 1 }
        angerConfusion[max(0, min(3, message.anger))][max(0, min(3, analysis.anger))] += 1
        let expected = message.labels
        let actual = Evaluation.labels(
            anger: analysis.anger, abuse: analysis.abuse, threat: analysis.threat, churn: analysis.churn,
            public: analysis.public, legal: analysis.legal, categories: analysis.categories,
            demands: analysis.demands)
        for label in Evaluation.allLabels {
            tallies[label, default: Tally()].add(expected: expected.contains(label), actual: actual.contains(label))
        }
        addComplaint(expected: complains(anger: message.anger, categories: message.categories,
                                         demands: message.demands),
                     actual: analysis.isComplaint)
    }

    /// Counts one message towards `complaintBalancedAccuracy`.
    public mutating func addComplaint(expected: Bool, actual: Bool) {
        complaint.add(expected: expected, actual: actual)
        if !expected, !actual { trueNegatives += 1 }
    }

    /// The labels where expectation and analysis disagree: (label, expected).
    public static func disagreements(_ message: LabelledMessage, _ analysis: MessageAnalysis) -> [(String, Bool)] {
        let expected = message.labels
        let actual = labels(
            anger: analysis.anger, abuse: analysis.abuse, threat: analysis.threat, churn: analysis.churn,
            public: analysis.public, legal: analysis.legal, categories: analysis.categories,
            demands: analysis.demands)
        return allLabels.compactMap { label in
            expected.contains(label) == actual.contains(label) ? nil : (label, expected.contains(label))
        }
    }
}
