// Turns the rules that matched into findings: negation, quoted insults, emphasis, and the anger score.

struct Reading {
    let text: String
    let tokens: TokenizedText
    let hits: [LexiconHit]
    let lexicon: Lexicon<Cue>
    let calibration: AngerCalibration

    private(set) var evidence: [Evidence] = []
    private(set) var found = CueSet()
    private var angerCues: [(first: Int, weight: Float)] = []
    private(set) var praisePoints: Float = 0
    private(set) var hostile = false
    private(set) var safety = false
    private var emphasis: Float = 0

    /// How far back (in words) a negator, intensifier or reporting verb reaches.
    static let negationReach = 3
    static let reportingReach = 8

    init(text: String, tokens: TokenizedText, hits: [LexiconHit], lexicon: Lexicon<Cue>, calibration: AngerCalibration) {
        self.calibration = calibration
        self.text = text
        self.tokens = tokens
        self.hits = hits.sorted { ($0.first, $0.last) < ($1.first, $1.last) }
        self.lexicon = lexicon
    }

    mutating func interpret() {
        var negators: [LexiconHit] = []
        var conditionals: [LexiconHit] = []
        var settled: [LexiconHit] = []
        var intensifiers: [LexiconHit] = []
        var reporting: [LexiconHit] = []
        for hit in hits {
            switch lexicon.rules[hit.rule].cue {
            case .negator: negators.append(hit)
            case .conditional: conditionals.append(hit)
            case .settled: settled.append(hit)
            case .intensifier: intensifiers.append(hit)
            case .reporting: reporting.append(hit)
            default: break
            }
        }
        let words = tokens.tokens
        /// A helper hit ending at most `reach` words before `hit`, in the same sentence.
        func before(_ hit: LexiconHit, _ list: [LexiconHit], reach: Int) -> LexiconHit? {
            list.last {
                $0.last < hit.first && hit.first - $0.last <= reach
                    && words[$0.last].sentence == words[hit.first].sentence
            }
        }
        /// A negator ending at most `reach` words before `hit`, in the same clause.
        func negated(_ hit: LexiconHit, reach: Int) -> LexiconHit? {
            negators.last {
                $0.last < hit.first && hit.first - $0.last <= reach && words[$0.last].clause == words[hit.first].clause
            }
        }
        /// A helper hit starting at most `reach` words after `hit`, in the same sentence (Turkish puts "dedi" last).
        func after(_ hit: LexiconHit, _ list: [LexiconHit], reach: Int) -> LexiconHit? {
            list.first {
                $0.first > hit.last && $0.first - hit.last <= reach
                    && words[$0.first].sentence == words[hit.last].sentence
            }
        }
        func quoted(_ hit: LexiconHit) -> Bool { words[hit.first].quoted }
        // Sentences that show displeasure: an anger word not negated ("never once disappointed" is praise). Naming a
        // problem is not enough ("thanks for replacing the broken chair" is thanks), nor is a swear word ("damn good
        // coffee" is praise).
        var complaintSentences = Set<Int>()
        for hit in hits {
            let cue = lexicon.rules[hit.rule].cue
            if cue == .anger, negated(hit, reach: 1) == nil {
                complaintSentences.insert(words[hit.first].sentence)
            }
        }
        // Sentences of thanks: praise not negated and no displeasure. A problem or remedy named there is the one put
        // right, not a complaint or a demand ("thank you for the quick replacement of the broken kettle").
        var thanksSentences = Set<Int>()
        for hit in hits where lexicon.rules[hit.rule].cue == .praise && negated(hit, reach: Reading.negationReach) == nil {
            let sentence = words[hit.first].sentence
            if !complaintSentences.contains(sentence) { thanksSentences.insert(sentence) }
        }
        for hit in hits {
            let rule = lexicon.rules[hit.rule]
            switch rule.cue {
            case .negator, .conditional, .settled, .intensifier, .reporting:
                continue
            case .praise:
                if let negator = negated(hit, reach: Reading.negationReach) {
                    addAnger(1.5, from: negator.first, to: hit.last)
                } else if complaintSentences.contains(words[hit.first].sentence) {
                    // "Great job, three hours late": praise next to a grievance is irony.
                    addAnger(1.0, from: hit.first, to: hit.last)
                } else if !quoted(hit) {
                    praisePoints += rule.weight
                }
            case .courtesy:
                if !quoted(hit) { praisePoints += rule.weight }
            case .anger, .sarcasm, .profanity:
                if rule.cue == .anger, negated(hit, reach: 1) != nil { continue }
                let boost: Float = before(hit, intensifiers, reach: 2) != nil ? 1.5 : 1
                addAnger(rule.weight * boost, from: hit.first, to: hit.last)
            case .abuse:
                if quoted(hit) || before(hit, reporting, reach: Reading.reportingReach) != nil
                    || after(hit, reporting, reach: 4) != nil {
                    // "Your cashier called me an idiot": a complaint about staff, not abuse by the customer, who
                    // is upset all the same.
                    add(.staff, hit.first, hit.last)
                    addAnger(1.5, from: hit.first, to: hit.last)
                } else {
                    add(.abuse, hit.first, hit.last)
                    hostile = true
                }
            case .threat:
                add(.threat, hit.first, hit.last)
                hostile = true
            case .safety:
                add(.threat, hit.first, hit.last)
                safety = true
            case .refund, .replacement, .compensation, .apology, .manager, .cancel:
                // "I don't want a coupon" and a quoted "we apologise" are not demands; "if you don't refund me" is.
                if quoted(hit) || thanksSentences.contains(words[hit.first].sentence)
                    || settled.contains(where: { $0.first <= hit.first && hit.first <= $0.last }) { continue }
                if let negator = negated(hit, reach: Reading.negationReach),
                   !conditionals.contains(where: { $0.last < negator.first && negator.first - $0.last <= 2
                       && words[$0.last].clause == words[negator.first].clause }) {
                    continue
                }
                add(rule.cue, hit.first, hit.last)
            default:
                if rule.cue.category != nil, thanksSentences.contains(words[hit.first].sentence) { continue }
                add(rule.cue, hit.first, hit.last)
            }
        }
        addEmphasis()
    }

    /// Several rules can start at one word ("still" and "still waiting"): the strongest counts, once.
    private mutating func addAnger(_ weight: Float, from first: Int, to last: Int) {
        if let index = angerCues.firstIndex(where: { $0.first == first }) {
            angerCues[index].weight = max(angerCues[index].weight, weight)
        } else {
            angerCues.append((first, weight))
        }
        appendEvidence("anger", start: tokens.tokens[first].start, end: tokens.tokens[last].end)
    }

    /// Anger cues add up with diminishing returns (each next-strongest counts `calibration.decay` as much as the
    /// one before), so a long story repeating one grievance does not read as hostile.
    var angerPoints: Float {
        var total: Float = 0
        var factor: Float = 1
        for weight in angerCues.map(\.weight).sorted(by: >) {
            total += weight * factor
            factor *= calibration.decay
        }
        return total
    }

    private mutating func add(_ cue: Cue, _ first: Int, _ last: Int) {
        found.insert(cue)
        appendEvidence(cue.rawValue, start: tokens.tokens[first].start, end: tokens.tokens[last].end)
    }

    private mutating func appendEvidence(_ label: String, start: Int, end: Int) {
        if evidence.contains(where: { $0.label == label && $0.start == start && $0.end == end }) { return }
        evidence.append(Evidence(label: label, start: start, end: end, text: text.utf16Slice(start, end)))
    }

    /// Shouting in capitals and runs of exclamation marks.
    private mutating func addEmphasis() {
        if tokens.upperCount >= 12, tokens.upperCount * 10 >= tokens.letterCount * 6 {
            let shouted = tokens.tokens.filter { $0.letters >= 2 && $0.upperLetters == $0.letters }
            if let first = shouted.first, let last = shouted.last {
                emphasis += 1.2
                appendEvidence("anger", start: first.start, end: last.end)
            }
        }
        for run in tokens.exclamationRuns.prefix(3) {
            emphasis += 0.5
            appendEvidence("anger", start: run.start, end: run.end)
        }
    }

    func result(language: String, confidence: Double, truncated: Bool) -> MessageAnalysis {
        let demands = Demand.allCases.filter { found.contains($0.cue) }
        let words = angerPoints
        var score = words + emphasis
        if found.contains(.abuse) { score += 3 }
        if hostile, found.contains(.threat) { score += 2 }
        if safety { score += calibration.safety }
        if found.contains(.legal) { score += calibration.legal }
        if found.contains(.public) { score += calibration.public }
        // A polite "please cancel my membership" is churn and a demand, but not anger: these only add to anger
        // that the words already show.
        if words > 0 {
            if found.contains(.churn) { score += calibration.churn }
            score += calibration.demand * Float(min(demands.count, 3))
        }
        if words < 2 { score -= calibration.praise * min(praisePoints, 2) }
        score = max(0, score)
        let anger: Int
        if hostile || score >= calibration.hostile {
            anger = 3
        } else if score >= calibration.angry {
            anger = 2
        } else if score >= calibration.frustrated {
            anger = 1
        } else {
            anger = 0
        }
        var evidence = evidence
        var isPublic = found.contains(.public)
        if !isPublic, anger >= 1, let marker = tokens.postMarker {
            // A complaint tweeted at the company's @handle or tagged with a #hashtag is already public.
            isPublic = true
            evidence.append(Evidence(label: "public", start: marker.start, end: marker.end,
                                     text: text.utf16Slice(marker.start, marker.end)))
        }
        return MessageAnalysis(
            language: language, languageConfidence: (confidence * 100).rounded() / 100, anger: anger,
            angerScore: (Double(score) * 100).rounded() / 100, abuse: found.contains(.abuse),
            threat: found.contains(.threat), churn: found.contains(.churn), public: isPublic,
            legal: found.contains(.legal), categories: Category.allCases.filter { found.contains($0.cue) },
            demands: demands, evidence: evidence.sorted { ($0.start, $0.end) < ($1.start, $1.end) },
            truncated: truncated)
    }
}

/// A set of cues as bits: the analyzer asks "was this found?" many times per message.
struct CueSet {
    private var bits: UInt64 = 0
    mutating func insert(_ cue: Cue) { bits |= cue.bit }
    func contains(_ cue: Cue) -> Bool { bits & cue.bit != 0 }
}

extension Category {
    var cue: Cue {
        switch self {
        case .availability: .availability
        case .cleanliness: .cleanliness
        case .staff: .staff
        case .pricing: .pricing
        case .waiting: .waiting
        case .quality: .quality
        }
    }
}

extension Demand {
    var cue: Cue {
        switch self {
        case .refund: .refund
        case .replacement: .replacement
        case .compensation: .compensation
        case .apology: .apology
        case .manager: .manager
        case .cancel: .cancel
        }
    }
}
