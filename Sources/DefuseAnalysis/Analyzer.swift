// Reads a customer's message: language, anger, abuse, threats, churn/public/legal, categories and demands, each
// finding with the span of text behind it.
import Foundation

public struct Analyzer: Sendable {
    /// Messages longer than this (UTF-16 units) are read up to here; the result says so in `truncated`.
    public static let maximumLength = 20_000

    let lexicon: Lexicon
    public var calibration: AngerCalibration

    /// The analyzer with the bundled language packs, loaded once.
    public static let shared: Analyzer = {
        do {
            return try Analyzer.bundled()
        } catch {
            fatalError("the bundled language packs are broken: \(error)")
        }
    }()

    /// Loads every `LanguagePacks/*.json` shipped with the module.
    public static func bundled() throws -> Analyzer {
        guard let folder = Bundle.module.url(forResource: "LanguagePacks", withExtension: nil) else {
            throw LexiconError("the LanguagePacks folder is missing from this build")
        }
        let urls = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.path < $1.path }
        let decoder = JSONDecoder()
        let packs = try urls.map { url in
            do {
                return try decoder.decode(LanguagePack.self, from: Data(contentsOf: url))
            } catch {
                throw LexiconError("\(url.lastPathComponent): \(error)")
            }
        }
        return Analyzer(lexicon: try Lexicon(packs: packs))
    }

    init(lexicon: Lexicon, calibration: AngerCalibration = .standard) {
        self.lexicon = lexicon
        self.calibration = calibration
    }

    public func analyze(_ text: String) -> MessageAnalysis {
        let tokens = Tokenizer.tokenize(text, limit: Analyzer.maximumLength)
        var hits = collectHits(tokens)
        let (language, confidence) = identifyLanguage(tokens)
        let languageIndex = Int8(Language(rawValue: language).flatMap { Language.allCases.firstIndex(of: $0) } ?? -2)
        let english = Int8(Language.allCases.firstIndex(of: .en)!)
        lexicon.rules.withUnsafeBufferPointer { rules in
            hits.removeAll { hit in
                let ruleLanguage = rules[hit.rule].language
                return ruleLanguage >= 0 && ruleLanguage != languageIndex && ruleLanguage != english
            }
        }
        var reading = Reading(text: text, tokens: tokens, hits: hits, lexicon: lexicon, calibration: calibration)
        reading.interpret()
        return reading.result(language: language, confidence: confidence,
                              truncated: text.utf16.count > Analyzer.maximumLength)
    }

    /// A rule that matched tokens `first...last`.
    struct Hit {
        var rule: Int
        var first: Int
        var last: Int
    }

    /// One pass over the tokens: every rule whose words appear, by exact word or stem. This is the hot loop, so
    /// it reads the tables through buffer pointers (no reference counting per word).
    func collectHits(_ text: TokenizedText) -> [Hit] {
        var hits: [Hit] = []
        let exactFirst = lexicon.exactFirst
        let stemFirst = lexicon.stemFirst
        let stemLengths = lexicon.stemLengths
        lexicon.exactBloom.withUnsafeBufferPointer { exactBloom in
        lexicon.stemBloom.withUnsafeBufferPointer { stemBloom in
        lexicon.firstWordRules.withUnsafeBufferPointer { firstWordRules in
        lexicon.firstLength.withUnsafeBufferPointer { firstLength in
        lexicon.matcherStart.withUnsafeBufferPointer { matcherStart in
        lexicon.matcherCount.withUnsafeBufferPointer { matcherCount in
        lexicon.matchers.withUnsafeBufferPointer { matchers in
        text.folded.withUnsafeBufferPointer { folded in
        text.tokens.withUnsafeBufferPointer { tokens in
            let words = Words(tokens: tokens, folded: folded)
            func match(_ rule: Int, _ index: Int) {
                let count = Int(matcherCount[rule])
                if count == 1 {
                    hits.append(Hit(rule: rule, first: index, last: index))
                    return
                }
                let start = Int(matcherStart[rule])
                let ruleMatchers = UnsafeBufferPointer(rebasing: matchers[start..<(start + count)])
                if let last = Analyzer.matchRest(ruleMatchers, 1, index + 1, words) {
                    hits.append(Hit(rule: rule, first: index, last: last))
                }
            }
            for index in 0..<tokens.count {
                let token = tokens[index]
                if Lexicon.bloomContains(exactBloom, token.hash), let range = exactFirst[token.hash] {
                    for slot in range.start..<(range.start + range.count) { match(Int(firstWordRules[Int(slot)]), index) }
                }
                guard !token.isEmoji, token.length >= 3 else { continue }
                var hash = WordHash.seed
                var length = 0
                for position in token.foldedStart..<token.foldedEnd {
                    hash = WordHash.add(hash, folded[position])
                    length += 1
                    guard length >= 3, length < 64, stemLengths & (1 << UInt64(length)) != 0,
                          Lexicon.bloomContains(stemBloom, hash), let range = stemFirst[hash]
                    else { continue }
                    for slot in range.start..<(range.start + range.count) {
                        let rule = Int(firstWordRules[Int(slot)])
                        if firstLength[rule] == length { match(rule, index) }
                    }
                }
            }
        }}}}}}}}}
        return hits
    }

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
            for skip in 0...matcher.length {
                if let last = matchRest(matchers, at + 1, token + skip, words) { return last }
            }
            return nil
        }
        guard token < words.tokens.count else { return nil }
        let matches = matcher.kind == .exact
            ? words.tokens[token].hash == matcher.hash
            : words.prefixHash(token, length: matcher.length) == matcher.hash
        return matches ? matchRest(matchers, at + 1, token + 1, words) : nil
    }

    /// Script first (Greek, Cyrillic), then the marker words of each language for Latin-script text.
    func identifyLanguage(_ text: TokenizedText) -> (String, Double) {
        let letters = text.greekLetters + text.cyrillicLetters + text.latinLetters
        guard letters >= 2 else { return ("und", 0) }
        if text.greekLetters * 2 >= letters { return ("el", min(1, 0.6 + Double(text.greekLetters) / Double(letters) * 0.4)) }
        if text.cyrillicLetters * 2 >= letters {
            return ("ru", min(1, 0.6 + Double(text.cyrillicLetters) / Double(letters) * 0.4))
        }
        var scores = [Float](repeating: 0, count: Language.allCases.count)
        lexicon.exactBloom.withUnsafeBufferPointer { bloom in
            for token in text.tokens where Lexicon.bloomContains(bloom, token.hash) {
                if let weights = lexicon.markers[token.hash] {
                    for index in scores.indices { scores[index] += weights[index] }
                }
            }
        }
        let turkish = Language.allCases.firstIndex(of: .tr)!
        let spanish = Language.allCases.firstIndex(of: .es)!
        scores[turkish] += Float(text.turkishMarks) * 1.5
        scores[spanish] += Float(text.spanishMarks) * 0.75
        // Greek or Cyrillic letters in mostly Latin text still count for something.
        scores[0] += Float(text.greekLetters) * 0.2
        scores[Language.allCases.firstIndex(of: .ru)!] += Float(text.cyrillicLetters) * 0.2
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
        let best = scores[ranked[0]]
        guard best > 0 else {
            return text.latinLetters >= 3 ? ("en", 0.3) : ("und", 0)
        }
        let second = max(0, scores[ranked[1]])
        let confidence = Double(best / (best + second)) * min(1, Double(best) / 1.5)
        return (Language.allCases[ranked[0]].rawValue, max(0.3, confidence))
    }
}
