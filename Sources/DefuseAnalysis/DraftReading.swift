// Turns the coach rules that matched a draft into flags, moves, missing moves and a verdict.
import Foundation

struct DraftReading {
    let text: String
    let tokens: TokenizedText
    let hits: [LexiconHit]
    let lexicon: Lexicon<CoachCue>
    let pack: CoachPack

    /// How far back (in words) a negator reaches.
    static let negationReach = 3
    /// A label counts once its hits weigh this much: two weak hints (0.5) or one clear phrase.
    static let presence: Float = 0.999

    private(set) var flagHits: [CoachFlag: [LexiconHit]] = [:]
    private(set) var moveHits: [CoachMove: [LexiconHit]] = [:]
    /// Amounts promised beyond the agent's authority, as UTF-16 spans.
    private(set) var beyondAuthority: [(start: Int, end: Int)] = []

    init(text: String, tokens: TokenizedText, hits: [LexiconHit], lexicon: Lexicon<CoachCue>, pack: CoachPack) {
        self.text = text
        self.tokens = tokens
        self.hits = hits
        self.lexicon = lexicon
        self.pack = pack
    }

    mutating func interpret(authorityLimit: Double?) {
        let words = tokens.tokens
        var helpers: [CoachCue: [LexiconHit]] = [:]
        var candidates: [LexiconHit] = []
        for hit in hits {
            let cue = lexicon.rules[hit.rule].cue
            if cue.flag != nil || cue.move != nil { candidates.append(hit) } else { helpers[cue, default: []].append(hit) }
        }
        func sentence(_ hit: LexiconHit) -> Int { words[hit.first].sentence }
        func inSentence(_ cue: CoachCue, of hit: LexiconHit) -> Bool {
            helpers[cue, default: []].contains { sentence($0) == sentence(hit) }
        }
        /// A negator just before the move, or inside a gap of it ("we will not refund" is no "we will ~ refund").
        func negated(_ hit: LexiconHit) -> Bool {
            let gapped = lexicon.rules[hit.rule].hasGap
            return helpers[.negator, default: []].contains {
                ($0.last < hit.first && hit.first - $0.last <= DraftReading.negationReach && sentence($0) == sentence(hit))
                    || (gapped && $0.first > hit.first && $0.last < hit.last)
            }
        }
        func cleared(_ hit: LexiconHit) -> Bool {
            helpers[.clear, default: []].contains { clear in
                clear.first <= hit.last && hit.first <= clear.last && !(hit.first <= clear.first && hit.last >= clear.last)
            }
        }
        var weights: [CoachCue: Float] = [:]
        var kept: [CoachCue: [LexiconHit]] = [:]
        /// The same words matched twice for one label (a phrase listed in two groups) count once.
        var counted = Set<Int>()
        func key(_ hit: LexiconHit, _ cue: CoachCue) -> Int {
            hit.first << 40 | hit.last << 8 | CoachCue.allCases.firstIndex(of: cue)!
        }
        for hit in candidates where !words[hit.first].quoted && !cleared(hit) {
            let cue = lexicon.rules[hit.rule].cue
            guard counted.insert(key(hit, cue)).inserted else { continue }
            if cue.move != nil, negated(hit) { continue }
            if cue == .clarify, inSentence(.dataRequest, of: hit) { continue }
            if cue == .overpromise, inSentence(.hedge, of: hit) { continue }
            weights[cue, default: 0] += lexicon.rules[hit.rule].weight
            kept[cue, default: []].append(hit)
        }
        for move in CoachMove.allCases {
            let cue = CoachCue(move)
            if weights[cue, default: 0] >= DraftReading.presence { moveHits[move] = kept[cue] }
        }
        // Pointing at a policy or a colleague is defensive only when nothing is done for the customer.
        if moveHits[.action] == nil, moveHits[.choice] == nil {
            for hit in helpers[.deflection, default: []] where !words[hit.first].quoted && !cleared(hit) {
                guard counted.insert(key(hit, .defensiveness)).inserted else { continue }
                weights[.defensiveness, default: 0] += lexicon.rules[hit.rule].weight
                kept[.defensiveness, default: []].append(hit)
            }
        }
        for flag in CoachFlag.allCases {
            let cue = CoachCue(flag)
            if weights[cue, default: 0] >= DraftReading.presence { flagHits[flag] = kept[cue] }
        }
        if let authorityLimit { findAmounts(above: authorityLimit, currency: helpers[.currency, default: []]) }
    }

    /// Amounts of money above `limit` in sentences that promise or offer something.
    private mutating func findAmounts(above limit: Double, currency: [LexiconHit]) {
        let words = tokens.tokens
        var promising = Set<Int>()
        for (_, list) in moveHits.filter({ $0.key == .action || $0.key == .choice }) {
            for hit in list { promising.insert(words[hit.first].sentence) }
        }
        for hit in flagHits[.overpromise] ?? [] { promising.insert(words[hit.first].sentence) }
        guard !promising.isEmpty else { return }
        let utf16 = Array(text.utf16)
        let symbols: Set<UInt16> = [0x20AC, 0x24, 0xA3, 0x20BA, 0x20BD, 0x20B1]  // € $ £ ₺ ₽ ₱
        func digit(at position: Int) -> Bool { position >= 0 && position < utf16.count && (0x30...0x39).contains(utf16[position]) }
        func symbol(at position: Int) -> Bool { position >= 0 && position < utf16.count && symbols.contains(utf16[position]) }
        for (index, token) in words.enumerated() where promising.contains(token.sentence) {
            // The number starts here, not after the "." or "," of "1.250".
            guard digit(at: token.start),
                  !(digit(at: token.start - 2) && [0x2E, 0x2C].contains(utf16[token.start - 1])) else { continue }
            var end = token.start
            while digit(at: end) || ([0x2E, 0x2C].contains(utf16[min(end, utf16.count - 1)]) && digit(at: end + 1)) { end += 1 }
            guard let amount = DraftReading.amount(String(decoding: utf16[token.start..<end], as: UTF16.self)) else { continue }
            let symbolNear = symbol(at: token.start - 1) || symbol(at: token.start - 2) && utf16[token.start - 1] == 0x20
                || symbol(at: end) || symbol(at: end + 1) && utf16[end] == 0x20
            let wordNear = currency.contains { $0.first == index + 1 || $0.first == index + 2 || $0.last == index - 1 }
            if (symbolNear || wordNear), amount > limit { beyondAuthority.append((token.start, end)) }
        }
    }

    /// "1.250,50" and "1,250.50" and "49,99" as numbers: the last separator followed by two digits is the decimal one.
    static func amount(_ written: String) -> Double? {
        let parts = written.split(whereSeparator: { $0 == "." || $0 == "," })
        guard let last = parts.last else { return nil }
        if parts.count > 1, last.count == 2 {
            return Double(parts.dropLast().joined() + "." + last)
        }
        return Double(parts.joined())
    }

    func result(customer: MessageAnalysis?, truncated: Bool) -> DraftReview {
        let flags = CoachFlag.allCases.filter { flagHits[$0] != nil || ($0 == .overpromise && !beyondAuthority.isEmpty) }
        let moves = CoachMove.allCases.filter { moveHits[$0] != nil }
        let missing = missingMoves(moves: Set(moves), customer: customer)
        var findings: [CoachFinding] = []
        for flag in CoachFlag.allCases {
            for hit in outermost(flagHits[flag] ?? []) {
                let rule = lexicon.rules[hit.rule]
                findings.append(finding(.flag(flag), hit, why: pack.why[flag.rawValue] ?? "",
                                        suggestion: rule.suggestion ?? pack.rewrites[flag.rawValue]))
            }
        }
        for span in beyondAuthority {
            findings.append(CoachFinding(
                kind: .flag(.overpromise), start: span.start, end: span.end, text: text.utf16Slice(span.start, span.end),
                why: pack.why["authority"] ?? "", suggestion: pack.rewrites["authority"]))
        }
        for move in CoachMove.allCases {
            for hit in outermost(moveHits[move] ?? []) {
                findings.append(finding(.move(move), hit, why: pack.why[move.rawValue] ?? "", suggestion: nil))
            }
        }
        findings.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        let upset = customer.map { $0.anger >= 2 || $0.abuse } ?? false
        let unsoothed = upset && !moves.contains(.apology) && !moves.contains(.empathy)
        let verdict: Verdict = !flags.isEmpty || unsoothed || tokens.tokens.isEmpty ? .revise : .send
        return DraftReview(
            language: pack.language, flags: flags, moves: moves, missing: missing, findings: findings,
            lines: missing.compactMap { move in
                pack.phrases[PhraseKind(move).rawValue]?.first.map { MissingLine(move: move, line: $0) }
            },
            verdict: verdict, summary: summary(verdict, flags: flags, missing: missing), truncated: truncated)
    }

    /// What the situation calls for and the draft lacks. Without the customer's message only what follows from
    /// the draft itself: an action needs a time and the customer's agreement.
    func missingMoves(moves: Set<CoachMove>, customer: MessageAnalysis?) -> [CoachMove] {
        var missing = Set<CoachMove>()
        let acts = moves.contains(.action) || moves.contains(.choice)
        if moves.contains(.action), !moves.contains(.timeline) { missing.insert(.timeline) }
        if acts, !moves.contains(.approval) { missing.insert(.approval) }
        if let customer {
            let soothed = moves.contains(.apology) || moves.contains(.empathy)
            if customer.anger >= 2 || customer.abuse {
                if !moves.contains(.apology) { missing.insert(.apology) }
                if !moves.contains(.empathy) { missing.insert(.empathy) }
            } else if customer.anger == 1, !soothed {
                missing.insert(.empathy)
            }
            let complains = customer.anger >= 1 || !customer.categories.isEmpty || !customer.demands.isEmpty
            if complains, !soothed, !moves.contains(.acknowledge) { missing.insert(.acknowledge) }
            // A complaint that names no problem needs a question before a fix.
            if complains, customer.categories.isEmpty, !moves.contains(.clarify), !acts { missing.insert(.clarify) }
            // One fix offered where a refund, replacement or credit could all do, and the customer asked for none.
            if moves.contains(.action), !moves.contains(.choice), customer.demands.isEmpty,
               !customer.categories.isEmpty, !customer.categories.allSatisfy({ $0 == .staff || $0 == .cleanliness }) {
                missing.insert(.choice)
            }
        }
        return CoachMove.allCases.filter(missing.contains)
    }

    func summary(_ verdict: Verdict, flags: [CoachFlag], missing: [CoachMove]) -> String {
        var text = verdict == .send ? pack.summary.send : pack.summary.revise
        if !flags.isEmpty { text += ": " + flags.map { pack.names[$0.rawValue] ?? $0.rawValue }.joined(separator: ", ") }
        text += "."
        if !missing.isEmpty {
            text += " \(pack.summary.missing): " + missing.map { pack.names[$0.rawValue] ?? $0.rawValue }
                .joined(separator: ", ") + "."
        }
        return text
    }

    /// The hits not inside another hit of the same label, so "I'm so sorry" is one span, not three. (A label never
    /// keeps two hits on the same words: `interpret` counts those once.)
    func outermost(_ list: [LexiconHit]) -> [LexiconHit] {
        list.filter { hit in
            !list.contains { other in
                (other.first < hit.first && other.last >= hit.last) || (other.first <= hit.first && other.last > hit.last)
            }
        }
    }

    func finding(_ kind: CoachFinding.Kind, _ hit: LexiconHit, why: String, suggestion: String?) -> CoachFinding {
        let start = tokens.tokens[hit.first].start, end = tokens.tokens[hit.last].end
        return CoachFinding(kind: kind, start: start, end: end, text: text.utf16Slice(start, end), why: why, suggestion: suggestion)
    }
}
