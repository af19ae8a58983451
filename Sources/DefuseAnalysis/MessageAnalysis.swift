// What the analyzer says about one customer message, each finding with the span of text behind it.

/// A span of the original text that triggered a finding. Offsets are UTF-16 code units, so a web page can highlight
/// the span with the same numbers JavaScript uses.
public struct Evidence: Codable, Sendable, Equatable {
    public var label: String
    public var start: Int
    public var end: Int
    public var text: String

    public init(label: String, start: Int, end: Int, text: String) {
        self.label = label
        self.start = start
        self.end = end
        self.text = text
    }
}

/// The reading of one customer message.
public struct MessageAnalysis: Codable, Sendable, Equatable {
    public var language: String
    public var languageConfidence: Double
    public var anger: Int
    public var angerScore: Double
    public var abuse: Bool
    public var threat: Bool
    public var churn: Bool
    public var `public`: Bool
    public var legal: Bool
    public var categories: [Category]
    public var demands: [Demand]
    public var evidence: [Evidence]
    /// True when the text was longer than `Analyzer.maximumLength` and only that prefix was read.
    public var truncated: Bool

    /// Whether the message complains at all: some displeasure, a problem named or a demand. Calm questions and praise
    /// do not.
    public var isComplaint: Bool { complains(anger: anger, categories: categories, demands: demands) }

    enum CodingKeys: String, CodingKey {
        case language
        case languageConfidence = "language_confidence"
        case anger
        case angerScore = "anger_score"
        case abuse, threat, churn
        case `public`
        case legal, categories, demands, evidence, truncated
    }

    public init(
        language: String, languageConfidence: Double, anger: Int, angerScore: Double, abuse: Bool, threat: Bool,
        churn: Bool, public: Bool, legal: Bool, categories: [Category], demands: [Demand], evidence: [Evidence],
        truncated: Bool = false
    ) {
        self.language = language
        self.languageConfidence = languageConfidence
        self.anger = anger
        self.angerScore = angerScore
        self.abuse = abuse
        self.threat = threat
        self.churn = churn
        self.public = `public`
        self.legal = legal
        self.categories = categories
        self.demands = demands
        self.evidence = evidence
        self.truncated = truncated
    }
}

func complains(anger: Int, categories: [Category], demands: [Demand]) -> Bool {
    anger > 0 || !categories.isEmpty || !demands.isEmpty
}
