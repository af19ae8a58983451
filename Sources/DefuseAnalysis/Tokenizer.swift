// Splits text into folded word tokens that remember where they stand in the original (UTF-16 offsets).

/// One word (or emoji) of the text.
struct Token {
    /// UTF-16 offsets into the original text.
    var start: Int
    var end: Int
    /// Range of this token's folded scalars in `TokenizedText.folded`.
    var foldedStart: Int
    var foldedEnd: Int
    var hash: UInt64
    /// Letters written in capitals (for shouting) and all letters.
    var upperLetters: Int
    var letters: Int
    var isEmoji: Bool
    /// Which sentence the token is in (counted from 0): negation does not reach across sentences.
    var sentence: Int = 0
    /// Which clause: sentences split further at commas, colons, dashes, brackets and emoji. A negator reaches only
    /// within its clause ("I don't ask for much, give my money back" still demands a refund).
    var clause: Int = 0
    /// Inside quotation marks: the customer is citing someone ("they said «we apologise»").
    var quoted: Bool = false

    var length: Int { foldedEnd - foldedStart }
}

/// The tokens of one message plus what the analyzer needs besides words: exclamation runs and emphasis.
struct TokenizedText {
    var tokens: [Token] = []
    var folded: [UInt32] = []
    /// UTF-16 spans of runs of two or more `!`.
    var exclamationRuns: [(start: Int, end: Int)] = []
    var letterCount = 0
    var upperCount = 0
    /// Letters per script family, for language identification.
    var greekLetters = 0
    var cyrillicLetters = 0
    var latinLetters = 0
    /// Turkish-only letters (ı ş ğ and capitals) and Spanish-only marks (ñ ¿ ¡).
    var turkishMarks = 0
    var spanishMarks = 0
    /// UTF-16 offsets of quotation marks, and whether each opens (nil when the same mark opens and closes).
    var quoteMarks: [(offset: Int, opens: Bool?)] = []
    /// The first @handle or #hashtag: the message is a public post (a tweet at the company, a tagged complaint).
    var postMarker: (start: Int, end: Int)?

}

enum Tokenizer {
    /// Tokenizes at most `limit` UTF-16 units of `text`. URLs and @handles are skipped; # is dropped from hashtags.
    static func tokenize(_ text: String, limit: Int) -> TokenizedText {
        var result = TokenizedText()
        result.tokens.reserveCapacity(96)
        result.folded.reserveCapacity(512)
        var offset = 0
        var tokenStart = -1
        var foldedStart = 0
        var upper = 0
        var letters = 0
        var runValue: UInt32 = 0
        var runLength = 0
        var skipping = false  // inside a URL or @handle
        var markerStart = -1  // where the @handle or #hashtag being read began
        var wordBoundary = true  // the previous character starts a new word (whitespace, bracket, start of text)
        var handleAt = -1  // where the last "@" that starts a word was
        var dotAfterDigit = false
        var exclamationStart = -1
        var exclamations = 0
        var previous: UInt32 = 0
        var sentence = 0
        var clause = 0

        func finishToken(at end: Int) {
            if markerStart >= 0, tokenStart >= 0, result.postMarker == nil { result.postMarker = (markerStart, end) }
            markerStart = -1
            if tokenStart >= 0, result.folded.count > foldedStart {
                let hash = WordHash.hash(result.folded[foldedStart..<result.folded.count])
                result.tokens.append(Token(
                    start: tokenStart, end: end, foldedStart: foldedStart, foldedEnd: result.folded.count,
                    hash: hash, upperLetters: upper, letters: letters, isEmoji: false, sentence: sentence,
                    clause: clause))
            }
            tokenStart = -1
            upper = 0
            letters = 0
            runLength = 0
            runValue = 0
            foldedStart = result.folded.count
        }

        for scalar in text.unicodeScalars {
            if offset >= limit { break }
            let value = scalar.value
            let width = value > 0xFFFF ? 2 : 1
            defer {
                offset += width
                previous = value
            }
            if value == 0x21 {  // !
                if exclamations == 0 { exclamationStart = offset }
                exclamations += 1
            } else if exclamations > 0 {
                if exclamations >= 2 { result.exclamationRuns.append((exclamationStart, offset)) }
                exclamations = 0
            }
            if dotAfterDigit {
                dotAfterDigit = false
                if !(0x30...0x39).contains(value) { sentence += 1; clause += 1 }
            }
            let boundaryBefore = wordBoundary
            wordBoundary = value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D || value == 0x28
            if value == 0x40 { handleAt = boundaryBefore ? offset : -1 }
            if (value == 0x40 || value == 0x23), boundaryBefore, result.postMarker == nil { markerStart = offset }
            if skipping {
                if markerStart >= 0, Folding.fold(value) == 0, value != 0x5F {  // a handle is letters, digits and _
                    result.postMarker = (markerStart, offset)
                    markerStart = -1
                }
                if value == 0x20 || value == 0x0A || value == 0x09 || value == 0x0D { skipping = false }
                continue
            }
            let folded = Folding.fold(value)
            if markerStart >= 0, markerStart == offset - 1, folded == 0 || (0x30...0x39).contains(value) {
                markerStart = -1  // "# 5", "#12345" (an order number), "@ 5pm": not a handle or hashtag
            }
            if folded != 0 {
                if tokenStart < 0 {
                    // "@handle" and "http..." are not words of the message ("бл@ть" is one, masked).
                    if previous == 0x40, handleAt == offset - 1 { skipping = true; continue }
                    tokenStart = offset
                    foldedStart = result.folded.count
                }
                letters += 1
                result.letterCount += 1
                if Folding.isUpper(value) { upper += 1; result.upperCount += 1 }
                switch value {
                case 0x370..<0x400, 0x1F00..<0x2000: result.greekLetters += 1
                case 0x400..<0x530: result.cyrillicLetters += 1
                case 0x41...0x5A, 0x61...0x7A, 0xC0..<0x250: result.latinLetters += 1
                default: break
                }
                switch value {
                case 0x131, 0x130, 0x15E, 0x15F, 0x11E, 0x11F: result.turkishMarks += 1
                case 0xF1, 0xD1: result.spanishMarks += 2  // ñ
                case 0xE1, 0xE9, 0xED, 0xF3, 0xFA: result.spanishMarks += 1  // á é í ó ú
                default: break
                }
                if folded == runValue {
                    runLength += 1
                } else {
                    runValue = folded
                    runLength = 1
                }
                // Elongation ("sooo", "πολύυυυ", "нееет") folds to a single letter.
                if runLength == 3 {
                    result.folded.removeLast()
                } else if runLength < 3 {
                    result.folded.append(folded)
                }
                continue
            }
            if value == 0x27 || value == 0x2019 {  // apostrophe inside a word: "don't" → "dont"
                if tokenStart >= 0 { continue }
            }
            if tokenStart >= 0 {
                let word = result.folded[foldedStart..<result.folded.count]
                finishToken(at: offset)
                if value == 0x3A, word.elementsEqual([0x68, 0x74, 0x74, 0x70]) || word.elementsEqual([0x68, 0x74, 0x74, 0x70, 0x73]) {
                    result.tokens.removeLast()  // a URL: drop "http" and skip the rest
                    skipping = true
                    continue
                }
            }
            if value == 0xBF || value == 0xA1 { result.spanishMarks += 1 }
            switch value {
            case 0x2E where (0x30...0x39).contains(previous):
                dotAfterDigit = true  // "4.870 TL", "12.03": a sentence ends here only if no digit follows
            case 0x2E, 0x21, 0x3F, 0x0A, 0x3B, 0x37E, 0x2026: sentence += 1; clause += 1  // . ! ? newline ; (and Greek ;) …
            case 0x2C, 0x3A, 0x2013, 0x2014, 0x28, 0x29: clause += 1  // , : – — ( )
            case 0x22: result.quoteMarks.append((offset, nil))  // "
            case 0x201C, 0xAB, 0x201E: result.quoteMarks.append((offset, true))  // “ « „
            case 0x201D, 0xBB: result.quoteMarks.append((offset, false))  // ” »
            default: break
            }
            if isEmoji(value) {
                result.folded.append(value)
                result.tokens.append(Token(
                    start: offset, end: offset + width, foldedStart: result.folded.count - 1,
                    foldedEnd: result.folded.count, hash: WordHash.add(WordHash.seed, value), upperLetters: 0,
                    letters: 0, isEmoji: true, sentence: sentence, clause: clause))
                clause += 1
                foldedStart = result.folded.count
            }
        }
        if skipping, markerStart >= 0 { result.postMarker = (markerStart, min(offset, limit)) }
        finishToken(at: min(offset, limit))
        if exclamations >= 2 { result.exclamationRuns.append((exclamationStart, offset)) }
        markQuoted(&result)
        return result
    }

    /// Pairs quotation marks (an opening one with the next closing one, at most 300 units apart) and marks the
    /// tokens between them as quoted. An unpaired mark quotes nothing.
    static func markQuoted(_ text: inout TokenizedText) {
        guard text.quoteMarks.count >= 2 else { return }
        var spans: [(Int, Int)] = []
        var open: Int?
        for mark in text.quoteMarks {
            if let start = open, mark.opens != true {
                if mark.offset - start <= 300 { spans.append((start, mark.offset)) }
                open = nil
            } else if mark.opens != false {
                open = mark.offset
            }
        }
        guard !spans.isEmpty else { return }
        var span = 0
        for index in text.tokens.indices {
            let start = text.tokens[index].start
            while span < spans.count, spans[span].1 < start { span += 1 }
            if span < spans.count, spans[span].0 < start { text.tokens[index].quoted = true }
        }
    }

    @inline(__always)
    static func isEmoji(_ value: UInt32) -> Bool {
        (0x1F300...0x1FAFF).contains(value) || (0x2600...0x27BF).contains(value)
    }
}

extension String {
    /// The text between two UTF-16 offsets, as findings' spans give them.
    func utf16Slice(_ start: Int, _ end: Int) -> String {
        let lower = utf16.index(utf16.startIndex, offsetBy: start)
        return String(utf16[lower..<utf16.index(lower, offsetBy: end - start)]) ?? ""
    }
}
