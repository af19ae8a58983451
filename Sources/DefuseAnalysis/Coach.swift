// Reads an agent's draft reply before it reaches the customer: what will make things worse (flags), what good
// practice it already does (moves), what the situation calls for and the draft lacks, and whether to send it.
import Foundation

public struct Coach: Sendable {
    /// Drafts longer than this (UTF-16 units) are read up to here; the review says so in `truncated`.
    public static let maximumLength = 20_000

    let lexicon: Lexicon<CoachCue>
    let packs: [String: CoachPack]
    let analyzer: Analyzer

    /// The coach with the bundled coach packs, loaded once.
    public static let shared: Coach = {
        do {
            return try Coach.bundled()
        } catch {
            fatalError("the bundled coach packs are broken: \(error)")
        }
    }()

    /// Loads every `CoachPacks/*.json` shipped with the module, or those in `folder` (to try pack edits without a
    /// rebuild). Every language needs a complete pack.
    public static func bundled(folder: URL? = nil, analyzer: Analyzer = .shared) throws -> Coach {
        let folder = try folder ?? PackFiles.bundled("CoachPacks")
        let files: [CoachPackFile] = try PackFiles.decode(folder: folder)
        let packs = files.map(\.pack)
        for pack in packs { try pack.validate() }
        for language in Language.allCases where !packs.contains(where: { $0.language == language.rawValue }) {
            throw LexiconError("there is no coach pack for \(language.rawValue)")
        }
        return Coach(lexicon: try Lexicon(packs: files.map(\.rules)),
                     packs: Dictionary(packs.map { ($0.language, $0) }, uniquingKeysWith: { first, _ in first }),
                     analyzer: analyzer)
    }

    /// The phrase library of a language (English when the language has none).
    public func phrases(_ language: String) -> [PhraseKind: [String]] {
        let pack = packs[language] ?? packs["en"]!
        var library: [PhraseKind: [String]] = [:]
        for kind in PhraseKind.allCases { library[kind] = pack.phrases[kind.rawValue] ?? [] }
        return library
    }

    /// Reviews `draft`. With the customer's message (`customer`, as the analyzer read it) the coach also says which
    /// moves the situation calls for; with `authorityLimit`, an amount above it in a promise is an overpromise.
    public func review(_ draft: String, customer: MessageAnalysis? = nil, authorityLimit: Double? = nil) -> DraftReview {
        let tokens = Tokenizer.tokenize(draft, limit: Coach.maximumLength)
        var language = analyzer.identifyLanguage(tokens).0
        if packs[language] == nil { language = customer.map(\.language).flatMap { packs[$0] == nil ? nil : $0 } ?? "en" }
        var reading = DraftReading(
            text: draft, tokens: tokens, hits: lexicon.hits(in: tokens, language: language), lexicon: lexicon,
            pack: packs[language]!)
        reading.interpret(authorityLimit: authorityLimit)
        return reading.result(customer: customer, truncated: draft.utf16.count > Coach.maximumLength)
    }
}
