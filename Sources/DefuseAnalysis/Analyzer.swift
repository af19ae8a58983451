// Reads a customer's message: language, anger, abuse, threats, churn/public/legal, categories and demands, each
// finding with the span of text behind it.
import Foundation

public struct Analyzer: Sendable {
    /// Messages longer than this (UTF-16 units) are read up to here; the result says so in `truncated`.
    public static let maximumLength = 20_000

    let lexicon: Lexicon<Cue>
    public var calibration: AngerCalibration

    /// The analyzer with the bundled language packs, loaded once.
    public static let shared: Analyzer = {
        do {
            return try Analyzer.bundled()
        } catch {
            fatalError("the bundled language packs are broken: \(error)")
        }
    }()

    /// Loads every `LanguagePacks/*.json` shipped with the module, or those in `folder` (to try pack edits
    /// without a rebuild).
    public static func bundled(folder: URL? = nil) throws -> Analyzer {
        let packs: [LanguagePack<Cue>] = try PackFiles.decode(folder: folder ?? PackFiles.bundled("LanguagePacks"))
        return Analyzer(lexicon: try Lexicon(packs: packs))
    }

    init(lexicon: Lexicon<Cue>, calibration: AngerCalibration = .standard) {
        self.lexicon = lexicon
        self.calibration = calibration
    }

    public func analyze(_ text: String) -> MessageAnalysis {
        let tokens = Tokenizer.tokenize(text, limit: Analyzer.maximumLength)
        let (language, confidence) = identifyLanguage(tokens)
        let hits = lexicon.hits(in: tokens, language: language)
        var reading = Reading(text: text, tokens: tokens, hits: hits, lexicon: lexicon, calibration: calibration)
        reading.interpret()
        return reading.result(language: language, confidence: confidence,
                              truncated: text.utf16.count > Analyzer.maximumLength)
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
        lexicon.markerBloom.withUnsafeBufferPointer { bloom in
            for token in text.tokens where Bloom.contains(bloom, token.hash) {
                if let weights = lexicon.markers[token.hash] {
                    for index in scores.indices { scores[index] += weights[index] }
                }
            }
        }
        scores[Language.tr.index] += Float(text.turkishMarks) * 1.5
        scores[Language.es.index] += Float(text.spanishMarks) * 0.75
        // Greek or Cyrillic letters in mostly Latin text still count for something.
        scores[Language.el.index] += Float(text.greekLetters) * 0.2
        scores[Language.ru.index] += Float(text.cyrillicLetters) * 0.2
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
