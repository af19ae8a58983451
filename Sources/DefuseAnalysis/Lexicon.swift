// Language packs as data, compiled into hashed lookup tables the analyzer can scan fast.
import Foundation

/// What a lexicon entry is evidence of. Findings (anger...cancel) reach the report; the rest steer scoring.
enum Cue: String, CaseIterable, Decodable, Sendable {
    // Findings.
    case anger, abuse, threat, churn, `public`, legal
    case availability, cleanliness, staff, pricing, waiting, quality
    case refund, replacement, compensation, apology, manager, cancel
    // Scoring helpers.
    /// Physical danger the customer reports: a `threat` finding, but not hostility towards staff.
    case safety
    /// Swearing at the situation: raises anger, is not abuse.
    case profanity
    /// Thanks and satisfaction: lowers anger, or raises it when negated ("not happy").
    case praise
    /// Irony ("great job, three hours late"): anger.
    case sarcasm
    /// Words that turn the next few around ("not", "δεν", "değil", "не", "hindi").
    case negator
    /// Words that strengthen the next cue ("very", "πολύ", "muy", "çok", "очень", "sobrang").
    case intensifier
    /// Words that report what someone else said ("called me", "μου είπε"): an insult after them is quoted.
    case reporting

    var defaultWeight: Float {
        switch self {
        case .anger: 1.0
        case .profanity: 1.5
        case .sarcasm: 1.5
        case .praise: 1.0
        default: 1.0
        }
    }

    var category: Category? { Category(rawValue: rawValue) }
    var demand: Demand? { Demand(rawValue: rawValue) }
}

/// One language's knowledge, as written by people in `LanguagePacks/<code>.json`.
struct LanguagePack: Decodable {
    struct Group: Decodable {
        var label: Cue
        var weight: Float?
        var terms: [String]
    }

    /// `el`, `es`, `tr`, `ru`, `tl`, `en`, or `common` for what holds in every language (emoji).
    var language: String
    /// Frequent words that tell this language from the others, with their weight.
    var markers: [String: Float]?
    var rules: [Group]
}

struct Matcher: Sendable {
    enum Kind: Sendable { case exact, stem, gap }
    var kind: Kind
    var hash: UInt64
    var length: Int
}

struct Rule: Sendable {
    var cue: Cue
    /// Index into `Language.allCases`, or `nil` for rules that hold in every language.
    var language: Int?
    var weight: Float
    var matchers: [Matcher]
    var term: String
}

/// All packs compiled: rules indexed by their first word (exact or stem), language markers, and bloom filters that
/// turn away most words without a dictionary lookup.
struct Lexicon: Sendable {
    static let bloomBits = 1 << 18

    var rules: [Rule] = []
    var exactFirst: [UInt64: [Int32]] = [:]
    var stemFirst: [UInt64: [Int32]] = [:]
    var markers: [UInt64: [Float]] = [:]
    var exactBloom = [UInt64](repeating: 0, count: Lexicon.bloomBits / 64)
    var stemBloom = [UInt64](repeating: 0, count: Lexicon.bloomBits / 64)
    /// Bit n set when some stem has n folded letters.
    var stemLengths: UInt64 = 0

    @inline(__always)
    static func bloomContains(_ bloom: [UInt64], _ hash: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: (hash >> 20) & UInt64(bloomBits - 1))
        return bloom[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    static func bloomInsert(_ bloom: inout [UInt64], _ hash: UInt64) {
        let bit = Int(truncatingIfNeeded: (hash >> 20) & UInt64(bloomBits - 1))
        bloom[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    init(packs: [LanguagePack]) throws {
        for pack in packs {
            let language = Language(rawValue: pack.language).flatMap { Language.allCases.firstIndex(of: $0) }
            if language == nil, pack.language != "common" {
                throw LexiconError("pack '\(pack.language)' is not a supported language")
            }
            if let language {
                for (word, weight) in pack.markers ?? [:] {
                    let folded = Folding.fold(word: word)
                    guard !folded.isEmpty else { continue }
                    let hash = WordHash.hash(folded)
                    var weights = markers[hash] ?? [Float](repeating: 0, count: Language.allCases.count)
                    weights[language] += weight
                    markers[hash] = weights
                    Lexicon.bloomInsert(&exactBloom, hash)
                }
            }
            for group in pack.rules {
                for term in group.terms {
                    let matchers = try Lexicon.compile(term, in: pack.language)
                    let index = Int32(rules.count)
                    rules.append(Rule(cue: group.label, language: language, weight: group.weight ?? group.label.defaultWeight,
                                      matchers: matchers, term: term))
                    let first = matchers[0]
                    if first.kind == .stem {
                        stemFirst[first.hash, default: []].append(index)
                        Lexicon.bloomInsert(&stemBloom, first.hash)
                        stemLengths |= 1 << UInt64(min(first.length, 63))
                    } else {
                        exactFirst[first.hash, default: []].append(index)
                        Lexicon.bloomInsert(&exactBloom, first.hash)
                    }
                }
            }
        }
    }

    /// Turns "estoy hart*" or "call ~ manager" into matchers: words, stems (`*`), and gaps of up to three words (`~`).
    static func compile(_ term: String, in pack: String) throws -> [Matcher] {
        var matchers: [Matcher] = []
        var word = ""
        func flush(stem: Bool) throws {
            defer { word = "" }
            let folded = Folding.fold(word: word)
            guard !folded.isEmpty else {
                if stem { throw LexiconError("\(pack): '\(term)' has a * with no word before it") }
                return
            }
            if stem, folded.count < 3 {
                throw LexiconError("\(pack): stem '\(word)*' in '\(term)' is shorter than 3 letters")
            }
            matchers.append(Matcher(kind: stem ? .stem : .exact, hash: WordHash.hash(folded), length: folded.count))
        }
        for scalar in term.unicodeScalars {
            switch scalar {
            case "*": try flush(stem: true)
            case "~":
                try flush(stem: false)
                matchers.append(Matcher(kind: .gap, hash: 0, length: 3))
            case "'", "\u{2019}": continue
            default:
                if Folding.fold(scalar.value) != 0 || Tokenizer.isEmoji(scalar.value) {
                    if Tokenizer.isEmoji(scalar.value) {
                        try flush(stem: false)
                        matchers.append(Matcher(kind: .exact, hash: WordHash.add(WordHash.seed, scalar.value), length: 1))
                    } else {
                        word.unicodeScalars.append(scalar)
                    }
                } else {
                    try flush(stem: false)
                }
            }
        }
        try flush(stem: false)
        guard let first = matchers.first, first.kind != .gap, matchers.last?.kind != .gap else {
            throw LexiconError("\(pack): '\(term)' must start and end with a word")
        }
        return matchers
    }
}

struct LexiconError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
