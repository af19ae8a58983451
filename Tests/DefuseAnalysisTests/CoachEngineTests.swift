// How the coach reads a draft, on a small fixed pack so the rules of reading are tested apart from any language
// pack's wording: clearing phrases, negated moves, data requests, deflection, hedges, weak hints, quotes, amounts
// beyond authority, missing moves and the verdict.
@testable import DefuseAnalysis
import Foundation
import Testing

private let fixture = """
{
 "language": "en",
 "rules": [
  {"label": "blame", "terms": ["your fault", "you should have"], "suggestion": "Let's put it right together."},
  {"label": "dismissive", "terms": ["calm down", "sorry you feel that way"]},
  {"label": "overpromise", "terms": ["never happen again", "guarantee"]},
  {"label": "last_word", "weight": 0.5, "terms": ["firstly", "secondly", "in fact", "actually"]},
  {"label": "defensiveness", "terms": ["not our fault"]},
  {"label": "deflection", "terms": ["company policy"]},
  {"label": "apology", "terms": ["sorry", "we apologise"]},
  {"label": "empathy", "terms": ["how frustrating"]},
  {"label": "acknowledge", "terms": ["you are right"]},
  {"label": "clarify", "terms": ["could you tell me"]},
  {"label": "data_request", "terms": ["order number"]},
  {"label": "action", "terms": ["we will refund", "we will send", "i have refunded", "we will ~ replace"]},
  {"label": "timeline", "terms": ["today", "by friday"]},
  {"label": "choice", "terms": ["would you prefer"]},
  {"label": "approval", "terms": ["does that work for you"]},
  {"label": "negator", "terms": ["cannot", "not"]},
  {"label": "clear", "terms": ["not your fault", "sorry you feel that way"]},
  {"label": "hedge", "terms": ["do our best"]},
  {"label": "currency", "terms": ["euros"]}
 ],
 "why": {"blame": "b", "condescension": "c", "defensiveness": "d", "dismissive": "m", "personal": "p",
         "overpromise": "o", "last_word": "l", "authority": "beyond your authority", "acknowledge": "a",
         "apology": "s", "empathy": "e", "clarify": "q", "action": "x", "timeline": "t", "choice": "h",
         "approval": "v"},
 "rewrites": {"blame": "B", "condescension": "C", "defensiveness": "D", "dismissive": "M", "personal": "P",
              "overpromise": "O", "last_word": "L", "authority": "ask a manager"},
 "names": {"blame": "blames", "condescension": "condescending", "defensiveness": "defensive",
           "dismissive": "dismissive", "personal": "personal", "overpromise": "overpromises",
           "last_word": "last word", "acknowledge": "acknowledge", "apology": "an apology", "empathy": "empathy",
           "clarify": "a question", "action": "an action", "timeline": "a time", "choice": "options",
           "approval": "ask if it works"},
 "summary": {"send": "Ready to send", "revise": "Revise", "missing": "Missing"},
 "phrases": {"boundary": ["b"], "hold": ["h"], "acknowledge": ["a"], "dignity": ["d"], "apology": ["I'm sorry."],
             "empathy": ["I can imagine."], "clarify": ["What happened?"], "action": ["x"],
             "timeline": ["By 5 pm today."], "options": ["Refund or replacement?"], "approval": ["Does that work?"],
             "phone_call": ["p"], "escalate": ["e"]}
}
"""

private let fixtureCoach: Coach = {
    let file = try! JSONDecoder().decode(CoachPackFile.self, from: Data(fixture.utf8))
    try! file.pack.validate()
    return Coach(lexicon: try! Lexicon(packs: [file.rules]), packs: ["en": file.pack], analyzer: .shared)
}()

private func review(_ draft: String, customer: String? = nil, limit: Double? = nil) -> DraftReview {
    fixtureCoach.review(draft, customer: customer.map(Analyzer.shared.analyze), authorityLimit: limit)
}

private func flagged(_ review: DraftReview, _ flag: CoachFlag) -> [String] {
    review.findings.filter { $0.kind == .flag(flag) }.map(\.text)
}

@Test func aFlagComesWithItsSpanWhyAndTheRulesOwnSuggestion() {
    let result = review("Well, it was your fault.")
    #expect(result.flags == [.blame])
    let finding = result.findings[0]
    #expect(finding.text == "your fault" && finding.start == 13 && finding.end == 23)
    #expect(finding.why == "b")
    #expect(finding.suggestion == "Let's put it right together.")
    #expect(result.verdict == .revise)
    #expect(result.summary == "Revise: blames.")
}

@Test func aClearingPhraseCancelsWhatItHoldsButNotWhatCoversIt() {
    #expect(review("It was not your fault at all.").flags == [])
    // "sorry you feel that way" is dismissive, and the "sorry" inside it is no apology.
    let nonApology = review("I'm sorry you feel that way.")
    #expect(nonApology.flags == [.dismissive])
    #expect(!nonApology.moves.contains(.apology))
    #expect(review("We apologise, we are sorry.").moves == [.apology])
}

@Test func negatedMovesDoNotCount() {
    #expect(!review("We cannot refund this order.").moves.contains(.action))
    #expect(review("We will refund this order today.").moves == [.action, .timeline])
    // A "not" that falls into a gap of the phrase turns it around too.
    #expect(review("We will not replace it.").moves == [])
    #expect(review("We will gladly replace it.").moves == [.action])
}

@Test func askingForAnOrderNumberIsNoClarifyingQuestion() {
    #expect(!review("Could you tell me your order number?").moves.contains(.clarify))
    #expect(review("Could you tell me what happened when it arrived?").moves == [.clarify])
}

@Test func pointingAtPolicyIsDefensiveOnlyWithNothingOffered() {
    #expect(review("That is company policy.").flags == [.defensiveness])
    let offered = review("Company policy doesn't allow a refund, but we will send a voucher. Would you prefer that?")
    #expect(offered.flags == [])
    #expect(offered.moves.contains(.action) && offered.moves.contains(.choice))
}

@Test func aHedgedPromiseIsNoOverpromise() {
    #expect(review("It will never happen again.").flags == [.overpromise])
    #expect(review("We will do our best so it will never happen again.").flags == [])
    // The hedge reaches its own sentence only.
    #expect(review("We will do our best. It will never happen again.").flags == [.overpromise])
}

@Test func weakHintsNeedCompany() {
    #expect(review("Actually, the parcel left today.").flags == [])
    let rebuttal = review("Firstly, the parcel left on time. Secondly, the address was wrong. In fact, we did call.")
    #expect(rebuttal.flags == [.lastWord])
    #expect(flagged(rebuttal, .lastWord) == ["Firstly", "Secondly", "In fact"])
}

@Test func quotedWordsAreNotTheAgentsOwn() {
    let result = review("You wrote \"calm down, it was your fault\" in the survey; we are sorry that happened.")
    #expect(result.flags == [])
    #expect(result.moves == [.apology])
}

@Test func anAmountBeyondTheAgentsAuthorityIsAnOverpromise() {
    let draft = "We will refund 250 euros today. Does that work for you?"
    #expect(review(draft).flags == [])
    #expect(review(draft, limit: 500).flags == [])
    let beyond = review(draft, limit: 100)
    #expect(beyond.flags == [.overpromise])
    let finding = try! #require(beyond.findings.first { $0.kind == .flag(.overpromise) })
    #expect(finding.text == "250" && finding.why == "beyond your authority" && finding.suggestion == "ask a manager")
    #expect(review("I have refunded €1.250,50 today.", limit: 1000).flags == [.overpromise])
    #expect(review("I have refunded €49,99 today.", limit: 50).flags == [])
    // A number that is no money, or money mentioned without a promise, is left alone.
    #expect(review("We will send 300 stickers today.", limit: 100).flags == [])
    #expect(review("You paid 300 euros for it.", limit: 100).flags == [])
}

@Test func theCustomersMessageDecidesWhatIsMissing() {
    let angry = "This is the THIRD time you lost my parcel!!! Useless, I'm furious."
    let bare = review("We will send a new parcel today.", customer: angry)
    #expect(bare.flags == [])
    #expect(bare.verdict == .revise)  // an angry customer and no apology or empathy
    // The parcel could be resent or refunded, and the customer asked for neither: offer a choice.
    #expect(bare.missing == [.acknowledge, .apology, .empathy, .choice, .approval])
    #expect(bare.lines.map(\.move) == bare.missing)
    #expect(bare.lines.first { $0.move == .apology }?.line == "I'm sorry.")
    #expect(bare.summary == "Revise. Missing: acknowledge, an apology, empathy, options, ask if it works.")

    let soothing = review(
        "We apologise, how frustrating. We will send a new parcel today, or would you prefer a refund? Does that work for you?",
        customer: angry)
    #expect(soothing.missing == [])
    #expect(soothing.verdict == .send)
    #expect(soothing.summary == "Ready to send.")

    // Without the customer's message only the draft's own gaps count: an action wants a time and a yes.
    #expect(review("We will send a new parcel.").missing == [.timeline, .approval])
    // A vague complaint wants a question before a fix.
    #expect(review("We apologise.", customer: "I am not happy with you.").missing.contains(.clarify))
}

@Test func emptyOrOddDraftsGetASensibleReview() {
    #expect(review("").verdict == .revise)
    #expect(review("🙂").findings.isEmpty)
    let long = String(repeating: "Calm down. ", count: 200_000)
    let result = review(long)
    #expect(result.truncated)
    #expect(result.flags == [.dismissive])
    let mixed = "Calm down Κύριε, успокойтесь 😡 \u{0}\u{7} calm down"
    let read = review(mixed)
    #expect(read.flags == [.dismissive])
    #expect(read.findings.count == 2)
    #expect(read.findings.allSatisfy { spanPointsAtItsText(mixed, $0.start, $0.end, $0.text) })
}

@Test func alternativesInATermExpandToEveryCombination() throws {
    #expect(try Lexicon<CoachCue>.expand("{i|we} {will|can} send", in: "en")
        == ["i will send", "i can send", "we will send", "we can send"])
    #expect(try Lexicon<CoachCue>.expand("{|so }sorry", in: "en") == ["sorry", "so sorry"])
    #expect(try Lexicon<CoachCue>.expand("plain words", in: "en") == ["plain words"])
    #expect(throws: LexiconError.self) { try Lexicon<CoachCue>.expand("{open", in: "en") }
    #expect(throws: LexiconError.self) { try Lexicon<CoachCue>.expand("{a|{b}}", in: "en") }
    #expect(throws: LexiconError.self) { try Lexicon<CoachCue>.expand("stray|bar", in: "en") }
}

@Test func aHashMatchesAnyNumberAndAPhraseInTwoGroupsCountsOnce() throws {
    let pack = """
    {"language": "en", "rules": [
      {"label": "timeline", "terms": ["by #", "before # pm"]},
      {"label": "last_word", "weight": 0.5, "terms": ["to be clear"]},
      {"label": "last_word", "weight": 0.5, "terms": ["to be clear"]}
    ]}
    """
    let lexicon = try Lexicon(packs: [JSONDecoder().decode(LanguagePack<CoachCue>.self, from: Data(pack.utf8))])
    let text = Tokenizer.tokenize("You'll have it by 5pm, or before 10 pm at the latest. To be clear.", limit: 1000)
    let hits = lexicon.hits(in: text, language: "en")
    #expect(hits.filter { lexicon.rules[$0.rule].cue == .timeline }.count == 2)
    #expect(throws: LexiconError.self) { try Lexicon<CoachCue>.compile("# days", in: "en") }
    // The fixture coach has "to be clear" once; a pack that lists it twice must not make it an argument.
    var file = try JSONDecoder().decode(CoachPackFile.self, from: Data(fixture.utf8))
    file.rules.rules.append(.init(label: .lastWord, weight: 0.5, terms: ["firstly"], suggestion: nil))
    let doubled = Coach(lexicon: try Lexicon(packs: [file.rules]), packs: ["en": file.pack], analyzer: .shared)
    #expect(doubled.review("Firstly, the parcel left on time.").flags == [])
}
