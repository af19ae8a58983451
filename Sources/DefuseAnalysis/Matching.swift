// Finding a lexicon's rules in tokenized text: one pass over the words, by exact word or stem.

/// A rule that matched tokens `first...last`.
struct LexiconHit {
    var rule: Int
    var first: Int
    var last: Int
}

extension Lexicon {
    /// Every rule that matched, keeping only rules of `language`, of every language, and of English where English is
    /// mixed in (Taglish); English rules on a Turkish or Greek message only misfire ("internet" in a calm question).
    func hits(in text: TokenizedText, language: String) -> [LexiconHit] {
        var allowed: UInt8 = 0
        if let code = Language(rawValue: language) { allowed |= 1 << UInt8(code.index) }
        if language == "tl" || language == "en" { allowed |= 1 << UInt8(Language.en.index) }
        return hits(in: text, languages: allowed)
    }

    /// One pass over the tokens: every rule whose words appear, by exact word or stem. This is the hot loop, so
    /// it reads the tables through buffer pointers (no reference counting per word).
    /// Only rules of the languages in the `languages` bit set (by `Language.allCases` index) and rules of every
    /// language are tried.
    func hits(in text: TokenizedText, languages: UInt8) -> [LexiconHit] {
        var hits: [LexiconHit] = []
        let exactFirst = exactFirst
        let stemFirst = stemFirst
        let pairFirst = pairFirst
        let stemLengths = stemLengths
        exactBloom.withUnsafeBufferPointer { exactBloom in
        stemBloom.withUnsafeBufferPointer { stemBloom in
        pairBloom.withUnsafeBufferPointer { pairBloom in
        firstWordRules.withUnsafeBufferPointer { firstWordRules in
        firstLength.withUnsafeBufferPointer { firstLength in
        matcherStart.withUnsafeBufferPointer { matcherStart in
        matcherCount.withUnsafeBufferPointer { matcherCount in
        matchers.withUnsafeBufferPointer { matchers in
        ruleLanguages.withUnsafeBufferPointer { ruleLanguages in
        text.folded.withUnsafeBufferPointer { folded in
        text.tokens.withUnsafeBufferPointer { tokens in
            let words = Matching.Words(tokens: tokens, folded: folded)
            func match(_ rule: Int, _ index: Int) {
                let language = ruleLanguages[rule]
                guard language < 0 || languages & (1 << UInt8(language)) != 0 else { return }
                let count = Int(matcherCount[rule])
                if count == 1 {
                    hits.append(LexiconHit(rule: rule, first: index, last: index))
                    return
                }
                let start = Int(matcherStart[rule])
                let ruleMatchers = UnsafeBufferPointer(rebasing: matchers[start..<(start + count)])
                if let last = Matching.matchRest(ruleMatchers, 1, index + 1, words) {
                    hits.append(LexiconHit(rule: rule, first: index, last: last))
                }
            }
            /// Tries every rule of `range` at token `index`; a stem's rules only when it is `length` letters long.
            func matchAll(_ range: RuleRange?, _ index: Int, stemLength length: Int? = nil) {
                guard let range else { return }
                for slot in range.start..<(range.start + range.count) {
                    let rule = Int(firstWordRules[Int(slot)])
                    if length == nil || firstLength[rule] == length! { match(rule, index) }
                }
            }
            for index in 0..<tokens.count {
                let token = tokens[index]
                let next: UInt64? = index + 1 < tokens.count ? tokens[index + 1].hash : nil
                if Bloom.contains(exactBloom, token.hash) { matchAll(exactFirst[token.hash], index) }
                if let next {
                    let key = Lexicon.pairKey(token.hash, next)
                    if Bloom.contains(pairBloom, key) { matchAll(pairFirst[key], index) }
                }
                guard !token.isEmoji, token.length >= 3 else { continue }
                var hash = WordHash.seed
                var length = 0
                for position in token.foldedStart..<token.foldedEnd {
                    hash = WordHash.add(hash, folded[position])
                    length += 1
                    guard length >= 3, length < 64, stemLengths & (1 << UInt64(length)) != 0 else { continue }
                    if Bloom.contains(stemBloom, hash) { matchAll(stemFirst[hash], index, stemLength: length) }
                    if let next {
                        let key = Lexicon.pairKey(hash ^ Lexicon.stemSalt, next)
                        if Bloom.contains(pairBloom, key) { matchAll(pairFirst[key], index, stemLength: length) }
                    }
                }
            }
        }}}}}}}}}}}
        return hits
    }
}

/// Matching the rest of a rule after its first word.
enum Matching {
    /// The tokens and folded letters of a message, as buffers for matching.
    struct Words {
        let tokens: UnsafeBufferPointer<Token>
        let folded: UnsafeBufferPointer<UInt32>

        func prefixHash(_ index: Int, length: Int) -> UInt64 {
            let token = tokens[index]
            guard token.length >= length else { return 0 }
            var hash = WordHash.seed
            for position in token.foldedStart..<(token.foldedStart + length) { hash = WordHash.add(hash, folded[position]) }
            return hash
        }
    }

    /// Matches `matchers[at...]` starting at token `token`; returns the last token matched.
    static func matchRest(_ matchers: UnsafeBufferPointer<Matcher>, _ at: Int, _ token: Int, _ words: Words) -> Int? {
        guard at < matchers.count else { return token - 1 }
        let matcher = matchers[at]
        if matcher.kind == .gap {
            // A gap skips words of the same sentence only: "…arrived late. Sorry" is not "late ~ sorry".
            let sentence = words.tokens[token - 1].sentence
            for skip in 0...matcher.length {
                guard token + skip < words.tokens.count, words.tokens[token + skip].sentence == sentence else { break }
                if let last = matchRest(matchers, at + 1, token + skip, words) { return last }
            }
            return nil
        }
        guard token < words.tokens.count else { return nil }
        let matches = switch matcher.kind {
        case .exact: words.tokens[token].hash == matcher.hash
        case .stem: words.prefixHash(token, length: matcher.length) == matcher.hash
        case .number: (0x30...0x39).contains(words.folded[words.tokens[token].foldedStart])
        case .gap: false
        }
        return matches ? matchRest(matchers, at + 1, token + 1, words) : nil
    }
}
