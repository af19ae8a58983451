// Whatever arrives, the analyzer answers sensibly and its evidence always points into the text.
import DefuseAnalysis
import Foundation
import Testing

@Test func veryLongTextIsReadUpToALimitAndSaysSo() {
    let sentence = "Το πακέτο ήρθε σπασμένο και κανείς δεν απαντά. "
    let text = String(repeating: sentence, count: 1_000_000 / sentence.utf8.count)
    let analysis = analyzer.analyze(text)
    #expect(analysis.truncated)
    #expect(analysis.language == "el")
    #expect(analysis.evidence.allSatisfy { $0.end <= Analyzer.maximumLength })
    #expect(spansPointAtTheirText(text, analysis))
    #expect(!analyzer.analyze(sentence).truncated)
}

@Test func controlCharactersMixedScriptsAndEmojiAreHandled() {
    for text in ["\u{0}\u{1}\u{7}refund\u{1B}[31m now\u{7F}", "Ваш курьер 👎 was rude, ο σερβιτόρος επίσης 😡",
                 "🤬🤬🤬", "\u{200B}\u{FEFF}hello\u{202E}", "a\u{301}\u{301}\u{301}", "💩 service!!!",
                 "https://example.com/ @airline #fail"] {
        let analysis = analyzer.analyze(text)
        #expect((0...3).contains(analysis.anger))
        #expect(spansPointAtTheirText(text, analysis), "\(text.debugDescription)")
    }
    #expect(analyzer.analyze("🤬🤬🤬").anger >= 1)
}

@Test func fuzzedInputNeverBreaksTheAnalyzer() throws {
    var generator = SystemRandomNumberGenerator()
    let seeds = try corpus("Corpus").map(\.text).prefix(300)
    let alphabet: [Unicode.Scalar] = Array("aeiouστρζжщşğı ñ!?.,'\"«»“”@#:/-*~\n\t".unicodeScalars)
        + ["\u{0}", "\u{D7FF}", "\u{E000}", "\u{10FFFF}", "\u{1F621}", "\u{301}", "\u{200D}"]
    for round in 0..<2_000 {
        var scalars = Array(seeds[round % seeds.count].unicodeScalars)
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            let position = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: scalars.insert(alphabet.randomElement(using: &generator)!, at: position)
            case 1: if !scalars.isEmpty { scalars.remove(at: position) }
            case 2: scalars.insert(Unicode.Scalar(UInt32.random(in: 0x20...0xD7FF, using: &generator))!, at: position)
            default: scalars += scalars.prefix(Int.random(in: 0...40, using: &generator))
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        let analysis = analyzer.analyze(text)
        #expect(spansPointAtTheirText(text, analysis), "\(text.debugDescription)")
        #expect((0...3).contains(analysis.anger))
    }
    // Random bytes, decoded the way the API would never let them through but a file might.
    for _ in 0..<500 {
        let bytes = (0..<Int.random(in: 0...400, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(spansPointAtTheirText(text, analyzer.analyze(text)))
    }
}

@Test func jsonLinesKeepGoingPastBadLines() {
    let good = AnalysisLines.process(Array(#"{"id": 7, "text": "I want a refund"}"#.utf8), with: analyzer)
    #expect(good.contains(#""id":7"#))
    #expect(good.contains(#""refund""#))
    #expect(AnalysisLines.process(Array("not json".utf8), with: analyzer).contains(#""error""#))
    #expect(AnalysisLines.process([0x7B, 0xFF, 0x7D], with: analyzer).contains("UTF-8"))
    let missing = AnalysisLines.process(Array(#"{"id": "a"}"#.utf8), with: analyzer)
    #expect(missing.contains(#""id":"a""#) && missing.contains("text is required"))
    #expect(AnalysisLines.process(Array(#"{"id": 1, "text": "  "}"#.utf8), with: analyzer).contains("text is empty"))
}

@Test func theReportMarksEvidenceInTheText() {
    let text = "Θέλω τα λεφτά μου πίσω!!"
    let report = AnalysisReport.render(text, analyzer.analyze(text))
    #expect(report.contains("language    el"))
    #expect(report.contains("]{"))
    #expect(report.contains("refund"))
}
