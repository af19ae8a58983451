// Language packs as data, compiled into hashed lookup tables the analyzer can scan fast.
import Foundation

/// What a lexicon's entries can be labelled with: the analyzer's cues, the coach's cues.
protocol LexiconLabel: Decodable, Sendable {
    /// The weight of a rule group that does not give one.
    var defaultWeight: Float { get }
}

/// What a lexicon entry is evidence of. Findings (anger...cancel) reach the report; the rest steer scoring.
enum Cue: String, CaseIterable, LexiconLabel {
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
    /// Courtesy formulas ("kind regards", "Sayın yetkili", "bilgilerinize arz ederim"): lower anger as thanks do, but
    /// are never irony and never turned around by a negator.
    case courtesy
    /// Irony ("great job, three hours late"): anger.
    case sarcasm
    /// Words that turn the next few around ("not", "δεν", "değil", "не", "hindi").
    case negator
    /// "If" before a negator: "if you don't refund me" still demands the refund.
    case conditional
    /// A remedy reported as done ("na-refund na", "ya me reembolsaron"): the demand word inside is not a demand.
    case settled
    /// Words that strengthen the next cue ("very", "πολύ", "muy", "çok", "очень", "sobrang").
    case intensifier
    /// Words that report what someone else said ("called me", "μου είπε"): an insult after them is quoted.
    case reporting

    /// The weight of a rule group that does not give one.
    var defaultWeight: Float {
        switch self {
        case .profanity, .sarcasm: 1.5
        default: 1.0
        }
    }

    /// A distinct bit per cue, for `CueSet`.
    var bit: UInt64 {
        let position: UInt64 = switch self {
        case .anger: 0
        case .abuse: 1
        case .threat: 2
        case .churn: 3
        case .`public`: 4
        case .legal: 5
        case .availability: 6
        case .cleanliness: 7
        case .staff: 8
        case .pricing: 9
        case .waiting: 10
        case .quality: 11
        case .refund: 12
        case .replacement: 13
        case .compensation: 14
        case .apology: 15
        case .manager: 16
        case .cancel: 17
        case .safety: 18
        case .profanity: 19
        case .praise: 20
        case .sarcasm: 21
        case .negator: 22
        case .intensifier: 23
        case .reporting: 24
        case .courtesy: 25
        case .conditional: 26
        case .settled: 27
        }
        return 1 << position
    }

    var category: Category? { Category(rawValue: rawValue) }
}

/// One language's knowledge, as written by people in `LanguagePacks/<code>.json` (or `CoachPacks/<code>.json`).
struct LanguagePack<Label: LexiconLabel>: Decodable {
    struct Group: Decodable {
        var label: Label
        var weight: Float?
        var terms: [String]
        /// A better wording for what these terms say (coach packs).
        var suggestion: String?
    }

    /// `el`, `es`, `tr`, `ru`, `tl`, `en`, or `common` for what holds in every language (emoji).
    var language: String
    /// Frequent words that tell this language from the others, with their weight.
    var markers: [String: Float]?
    var rules: [Group]
}

struct Matcher: Sendable {
    /// A word, a word's beginning (`stem*`), up to three words of anything (`~`), or any number (`#`: "5", "10:30",
    /// "5pm" — a token that starts with a digit).
    enum Kind: Sendable { case exact, stem, gap, number }
    var kind: Kind
    var hash: UInt64
    var length: Int
}

/// What a rule means; its matchers live in `Lexicon.matchers`.
struct Rule<Label: LexiconLabel>: Sendable {
    var cue: Label
    /// Index into `Language.allCases`, or -1 for rules that hold in every language.
    var language: Int8
    var weight: Float
    var suggestion: String?
    /// The term has a `~` gap, so words the pack did not write (a "not") may sit inside a match.
    var hasGap = false
}

/// All packs compiled: rules indexed by their first word (exact or stem), language markers, and bloom filters that
/// turn away most words without a dictionary lookup.
/// A bit set words are hashed into: a word whose bit is clear is in no table, so most words skip the lookup.
enum Bloom {
    static let bits = 1 << 18

    @inline(__always)
    static func contains(_ bloom: UnsafeBufferPointer<UInt64>, _ hash: UInt64) -> Bool {
        let bit = Int(truncatingIfNeeded: (hash >> 20) & UInt64(bits - 1))
        return bloom[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    static func insert(_ bloom: inout [UInt64], _ hash: UInt64) {
        let bit = Int(truncatingIfNeeded: (hash >> 20) & UInt64(bits - 1))
        bloom[bit >> 6] |= 1 << UInt64(bit & 63)
    }
}

/// Where the rules starting with one word (or stem, or pair of words) sit in `Lexicon.firstWordRules`.
struct RuleRange: Sendable {
    var start: Int32
    var count: Int32
}

/// A read-only map from word hashes to rule ranges: open addressing over one flat array. The keys are already
/// well-mixed 64-bit hashes, so a lookup hashes nothing (a `Dictionary` runs SipHash on every key, a tenth of the
/// analyzer's time once the packs grew).
struct RuleIndex: Sendable {
    private struct Slot {
        var key: UInt64 = 0
        var range = RuleRange(start: 0, count: 0)  // count 0: an empty slot
    }
    private var slots: [Slot]
    private var mask: Int
    private var shift: UInt64

    /// The home slot: the key's high bits after a Fibonacci multiply (FNV hashes mix their low bits poorly).
    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    init(_ entries: [UInt64: RuleRange]) {
        var capacity = 16
        var bits: UInt64 = 4
        while capacity < entries.count * 2 { capacity <<= 1; bits += 1 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        shift = 64 - bits
        for (key, range) in entries {
            var slot = home(key)
            while slots[slot].range.count != 0 { slot = (slot + 1) & mask }
            slots[slot] = Slot(key: key, range: range)
        }
    }

    init() { self.init([:]) }

    @inline(__always)
    subscript(key: UInt64) -> RuleRange? {
        slots.withUnsafeBufferPointer { slots in
            var slot = home(key)
            while slots[slot].range.count != 0 {
                if slots[slot].key == key { return slots[slot].range }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }
}

struct Lexicon<Label: LexiconLabel>: Sendable {

    var rules: [Rule<Label>] = []
    /// Every rule's matchers, one after another (flat, so matching never touches a per-rule array).
    var matchers: [Matcher] = []
    /// Per rule index, where its matchers start and how many there are, and its first matcher's letter count.
    var matcherStart: [Int32] = []
    var matcherCount: [Int32] = []
    var firstLength: [Int32] = []
    /// Per rule index, its language (`Rule.language`), so matching skips other languages' rules before trying them.
    var ruleLanguages: [Int8] = []
    var exactFirst = RuleIndex()
    var stemFirst = RuleIndex()
    /// Rules whose second word is a plain word, by their first two words (`pairKey`): a first word that starts
    /// thousands of rules ("dont ...") only tries the few whose second word follows it.
    var pairFirst = RuleIndex()
    /// Rule indices grouped by first word: the ranges above point into this.
    var firstWordRules: [Int32] = []
    var markers: [UInt64: [Float]] = [:]
    /// Quick "certainly not" tests before a dictionary lookup: first words of rules, stems, first-two-word keys, and
    /// language markers.
    var exactBloom = [UInt64](repeating: 0, count: Bloom.bits / 64)
    var stemBloom = [UInt64](repeating: 0, count: Bloom.bits / 64)
    var pairBloom = [UInt64](repeating: 0, count: Bloom.bits / 64)
    var markerBloom = [UInt64](repeating: 0, count: Bloom.bits / 64)
    /// Bit n set when some stem has n folded letters.
    var stemLengths: UInt64 = 0

    init(packs: [LanguagePack<Label>]) throws {
        var exactLists: [UInt64: [Int32]] = [:]
        var stemLists: [UInt64: [Int32]] = [:]
        var pairLists: [UInt64: [Int32]] = [:]
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
                    Bloom.insert(&markerBloom, hash)
                }
            }
            for group in pack.rules {
                for term in try group.terms.flatMap({ try Lexicon.expand($0, in: pack.language) }) {
                    let compiled = try Lexicon.compile(term, in: pack.language)
                    let index = Int32(rules.count)
                    rules.append(Rule(cue: group.label, language: Int8(language ?? -1),
                                      weight: group.weight ?? group.label.defaultWeight, suggestion: group.suggestion,
                                      hasGap: compiled.contains { $0.kind == .gap }))
                    ruleLanguages.append(Int8(language ?? -1))
                    matcherStart.append(Int32(matchers.count))
                    matcherCount.append(Int32(compiled.count))
                    matchers += compiled
                    let first = compiled[0]
                    firstLength.append(Int32(first.length))
                    let second = compiled.count > 1 && compiled[1].kind == .exact ? compiled[1].hash : nil
                    if first.kind == .stem {
                        if let second {
                            let key = Lexicon.pairKey(first.hash ^ Lexicon.stemSalt, second)
                            pairLists[key, default: []].append(index)
                            Bloom.insert(&pairBloom, key)
                        } else {
                            stemLists[first.hash, default: []].append(index)
                            Bloom.insert(&stemBloom, first.hash)
                        }
                        stemLengths |= 1 << UInt64(min(first.length, 63))
                    } else {
                        if let second {
                            let key = Lexicon.pairKey(first.hash, second)
                            pairLists[key, default: []].append(index)
                            Bloom.insert(&pairBloom, key)
                        } else {
                            exactLists[first.hash, default: []].append(index)
                            Bloom.insert(&exactBloom, first.hash)
                        }
                    }
                }
            }
        }
        func flatten(_ lists: [UInt64: [Int32]], into table: inout RuleIndex) {
            var ranges: [UInt64: RuleRange] = [:]
            for (hash, list) in lists {
                ranges[hash] = RuleRange(start: Int32(firstWordRules.count), count: Int32(list.count))
                firstWordRules += list
            }
            table = RuleIndex(ranges)
        }
        flatten(exactLists, into: &exactFirst)
        flatten(stemLists, into: &stemFirst)
        flatten(pairLists, into: &pairFirst)
    }

    /// Keeps a stem's hash apart from the same letters as a whole word in `pairFirst`.
    static var stemSalt: UInt64 { 0x5bd1_e995_5bd1_e995 }

    /// The key of a rule's first two words in `pairFirst`. A collision only costs a rule check, never a wrong match:
    /// every rule found is matched word by word.
    @inline(__always)
    static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ second
    }

    /// Expands alternatives: "{i|we} {will|can} send" is four terms, "{|so }sorry" two. Groups do not nest.
    static func expand(_ term: String, in pack: String) throws -> [String] {
        guard let open = term.firstIndex(of: "{") else {
            if term.contains("}") || term.contains("|") { throw LexiconError("\(pack): '\(term)' has a stray } or |") }
            return [term]
        }
        guard let close = term[open...].firstIndex(of: "}") else {
            throw LexiconError("\(pack): '\(term)' opens { without closing it")
        }
        let inside = term[term.index(after: open)..<close]
        if inside.contains("{") { throw LexiconError("\(pack): '\(term)' nests { }") }
        let head = String(term[..<open])
        if head.contains("}") || head.contains("|") { throw LexiconError("\(pack): '\(term)' has a stray } or |") }
        let rest = try expand(String(term[term.index(after: close)...]), in: pack)
        return inside.split(separator: "|", omittingEmptySubsequences: false).flatMap { choice in
            rest.map { head + choice + $0 }
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
            case "#":
                try flush(stem: false)
                matchers.append(Matcher(kind: .number, hash: 0, length: 1))
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
        guard let first = matchers.first, first.kind != .gap, first.kind != .number, matchers.last?.kind != .gap else {
            throw LexiconError("\(pack): '\(term)' must start with a word and end with a word or #")
        }
        return matchers
    }
}

struct LexiconError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
