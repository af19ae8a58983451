// The next-action panel: safety first, then the customer's state, then what the stage still wants, each with a
// ready line from the phrase library in the customer's language. Customer messages are real sentences read by the
// analyzer.
import DefuseAnalysis
@testable import DefuseCore
import Foundation
import Testing

private let now = Date(timeIntervalSince1970: 1_795_000_000)

private let greek: [PhraseKind: [String]] = [
    .hold: ["Δώστε μου δύο λεπτά να το κοιτάξω και επιστρέφω αμέσως."],
    .apology: ["Ζητώ συγγνώμη, το λάθος ήταν δικό μας."],
]
private let spanish: [PhraseKind: [String]] = [
    .boundary: ["Quiero ayudarle, y para eso necesito que hablemos con respeto.", "Le pido un tono respetuoso."],
    .hold: ["Deme dos minutos para revisarlo y enseguida vuelvo."],
]
private let turkish: [PhraseKind: [String]] = [
    .hold: ["Bana iki dakika verin, hemen dönüyorum."],
    .boundary: ["Size yardım etmek istiyorum; lütfen saygılı bir dil kullanalım."],
]
private let russian: [PhraseKind: [String]] = [
    .phoneCall: ["Давайте я Вам позвоню — так будет быстрее во всём разобраться."],
    .hold: ["Дайте мне, пожалуйста, две минуты, я сейчас вернусь."],
]
private let tagalog: [PhraseKind: [String]] = [
    .escalate: ["Ipapasa ko po ito sa aming manager, at babalikan ko kayo bago mag-alas singko."],
]
private let english: [PhraseKind: [String]] = [
    .acknowledge: ["I can see the kettle arrived broken, and that is not what you paid for."],
    .clarify: ["Could you tell me what happened when you first switched it on?"],
    .apology: ["I'm sorry, we got this wrong."],
    .empathy: ["I understand how frustrating this must have been."],
    .options: ["We can replace it tomorrow or refund you in full: which would you prefer?"],
    .approval: ["Does that work for you?"],
    .escalate: ["A manager decides on this; you will hear from us by 15:00 today."],
]

private func read(_ text: String) -> MessageAnalysis { Analyzer.shared.analyze(text) }

private func situation(
    stage: Stage = .owning, fault: Fault = .unknown, channel: Channel = .web, language: String = "en",
    messages: [MessageAnalysis] = [], facts: PlaybookFacts? = nil, role: Role = .agent, policy: Policy = .standard,
    pendingEscalations: Int = 0, declinedEscalations: Int = 0, openCommitments: Int = 0,
    overdueCommitments: Int = 0, firstResponseDue: Date = now.addingTimeInterval(3600),
    firstRespondedAt: Date? = nil
) -> CaseSituation {
    let facts = facts ?? PlaybookFacts(fault: fault, customerInformed: true, replyMoves: Set(CoachMove.allCases),
                                       problemNamed: true, optionsOffered: true, customerApproved: true,
                                       openCommitments: openCommitments)
    return CaseSituation(
        stage: stage, fault: fault, channel: channel, language: language, customerMessages: messages,
        checklist: Playbook.checklist(for: stage, facts), role: role, policy: policy,
        pendingEscalations: pendingEscalations, declinedEscalations: declinedEscalations,
        openCommitments: openCommitments, overdueCommitments: overdueCommitments,
        firstResponseDue: firstResponseDue, firstRespondedAt: firstRespondedAt, now: now)
}

private func actions(_ situation: CaseSituation, _ phrases: [PhraseKind: [String]]) -> [String] {
    NextActions.suggest(situation, phrases: phrases).map(\.action)
}

private func action(_ name: String, _ situation: CaseSituation, _ phrases: [PhraseKind: [String]]) -> NextAction? {
    NextActions.suggest(situation, phrases: phrases).first { $0.action == name }
}

@Test func threatPutsSafetyFirst() throws {
    let message = read("Αν δεν μου επιστρέψετε τα χρήματα, θα έρθω στο μαγαζί και θα σας σπάσω το κεφάλι.")
    #expect(message.language == "el")
    #expect(message.threat)
    let suggested = NextActions.suggest(situation(language: "el", messages: [message]), phrases: greek)
    let first = try #require(suggested.first)
    #expect(first.action == "ensure_safety")
    #expect(first.line == nil)
    #expect(first.reason.contains("safety incident"))
    // The hostility comes second, with the hold line.
    #expect(suggested.map(\.action).contains("cool_down"))
}

@Test func safetyLooksAtTheLatestMessageOnly() {
    let threat = read("Αν δεν μου επιστρέψετε τα χρήματα, θα έρθω στο μαγαζί και θα σας σπάσω το κεφάλι.")
    let calm = read("Καλησπέρα, η παραγγελία μου δεν έχει φτάσει ακόμα. Μπορείτε να με ενημερώσετε;")
    #expect(!calm.threat)
    #expect(!actions(situation(language: "el", messages: [threat, calm]), greek).contains("ensure_safety"))
}

@Test func abuseSetsABoundaryWithALineFromThePhraseLibrary() throws {
    let message = read("Sois unos inútiles y unos ladrones, idiotas.")
    #expect(message.language == "es")
    #expect(message.abuse)
    let suggested = NextActions.suggest(situation(channel: .chat, language: "es", messages: [message]),
                                        phrases: spanish)
    let boundary = try #require(suggested.first)
    #expect(boundary.action == "set_boundary")
    #expect(boundary.line == "Quiero ayudarle, y para eso necesito que hablemos con respeto.")
    // Without a boundary line in the library the action still shows, with no line.
    let bare = try #require(action("set_boundary", situation(language: "es", messages: [message]), [:]))
    #expect(bare.line == nil)
}

@Test func hostileMessageAsksForACoolDownWithTheHoldLine() throws {
    let message = read("Bu tam bir rezalet! Üç haftadır bekliyorum, artık yeter, sizi mahkemeye vereceğim!!!")
    #expect(message.language == "tr")
    #expect(message.anger == 3)
    #expect(!message.abuse)
    let suggested = NextActions.suggest(situation(language: "tr", messages: [message]), phrases: turkish)
    let first = try #require(suggested.first)
    #expect(first.action == "cool_down")
    #expect(first.line == "Bana iki dakika verin, hemen dönüyorum.")
    #expect(!suggested.map(\.action).contains("set_boundary"))
}

@Test func merelyAngryMessageNeedsNoCoolDown() {
    let message = read("Siparişim 3 haftadır gelmedi, çok sinirliyim.")
    #expect(message.anger == 2)
    #expect(!actions(situation(language: "tr", messages: [message]), turkish).contains("cool_down"))
}

@Test func twoAngryWrittenMessagesInARowSuggestACall() throws {
    let first = read("Я уже третий раз пишу! Заказ так и не пришёл, это возмутительно!")
    let second = read("Это безобразие! Вы опять не ответили, я очень зол, верните деньги немедленно!")
    #expect(first.language == "ru")
    #expect(first.anger == 2)
    #expect(second.anger == 2)
    let call = try #require(action("suggest_call", situation(channel: .email, language: "ru",
                                                             messages: [first, second]), russian))
    #expect(call.line == "Давайте я Вам позвоню — так будет быстрее во всём разобраться.")
    // One angry message is not yet a pattern.
    #expect(!actions(situation(channel: .email, language: "ru", messages: [second]), russian).contains("suggest_call"))
}

@Test func angryExchangeOnThePhoneDoesNotSuggestACall() {
    let first = read("Я уже третий раз пишу! Заказ так и не пришёл, это возмутительно!")
    let second = read("Это безобразие! Вы опять не ответили, я очень зол, верните деньги немедленно!")
    #expect(!actions(situation(channel: .phone, language: "ru", messages: [first, second]), russian)
        .contains("suggest_call"))
    #expect(!actions(situation(channel: .inPerson, language: "ru", messages: [first, second]), russian)
        .contains("suggest_call"))
}

@Test func customerCalmingDownNeedsNoCall() {
    let angry = read("Nakakainis na talaga kayo! Tatlong linggo na akong naghihintay sa order ko!")
    let calmer = read("Gusto kong makausap ang manager ninyo ngayon din.")
    #expect(angry.language == "tl")
    #expect(angry.anger == 2)
    #expect(calmer.anger < 2)
    #expect(!actions(situation(channel: .chat, language: "tl", messages: [angry, calmer]), tagalog)
        .contains("suggest_call"))
}

@Test func overdueFirstAnswerComesUp() throws {
    let late = try #require(action("answer_now", situation(stage: .new, firstResponseDue: now.addingTimeInterval(-30 * 60)),
                                   english))
    #expect(late.reason == "the first answer was due 30 min ago")
    let later = try #require(action("answer_now", situation(stage: .new,
                                                            firstResponseDue: now.addingTimeInterval(-3 * 3600)),
                                    english))
    #expect(later.reason == "the first answer was due 3 h ago")
    // Answered, or not yet due: nothing to chase.
    #expect(!actions(situation(stage: .new, firstResponseDue: now.addingTimeInterval(-1800),
                               firstRespondedAt: now.addingTimeInterval(-3600)), english).contains("answer_now"))
    #expect(!actions(situation(stage: .new), english).contains("answer_now"))
    #expect(!actions(situation(stage: .closed, firstResponseDue: now.addingTimeInterval(-1800)), english)
        .contains("answer_now"))
}

@Test func demandForAManagerBringsOneInForAnAgent() throws {
    let tagalogMessage = read("Gusto kong makausap ang manager ninyo ngayon din.")
    #expect(tagalogMessage.language == "tl")
    #expect(tagalogMessage.demands.contains(.manager))
    let bring = try #require(action("bring_manager", situation(language: "tl", messages: [tagalogMessage]), tagalog))
    #expect(bring.line == "Ipapasa ko po ito sa aming manager, at babalikan ko kayo bago mag-alas singko.")
    // A manager answering the case is the manager.
    #expect(!actions(situation(language: "tl", messages: [tagalogMessage], role: .manager), tagalog)
        .contains("bring_manager"))
    let englishMessage = read("I want to speak to your manager right now.")
    #expect(englishMessage.demands.contains(.manager))
    #expect(actions(situation(messages: [englishMessage]), english).contains("bring_manager"))
}

@Test func faultOursWhileOwningMeansFixItNow() throws {
    let fix = try #require(action("fix_now", situation(stage: .owning, fault: .ours, language: "el"), greek))
    #expect(fix.line == "Ζητώ συγγνώμη, το λάθος ήταν δικό μας.")
    #expect(fix.reason.contains("up to EUR 20 is approved at once"))
    #expect(!actions(situation(stage: .owning, fault: .unknown), english).contains("fix_now"))
    #expect(!actions(situation(stage: .inProgress, fault: .ours), english).contains("fix_now"))
    var noFastPath = Policy.standard
    noFastPath.fastPathAmount = 0
    #expect(!actions(situation(stage: .owning, fault: .ours, policy: noFastPath), english).contains("fix_now"))
}

@Test func unmetChecklistItemsBecomeActionsWithTheirLines() throws {
    let nothingYet = PlaybookFacts()
    let cases: [(Stage, Fault, String, String?)] = [
        (.new, .unknown, "acknowledge", english[.acknowledge]?.first),
        (.acknowledged, .unknown, "acknowledge", english[.acknowledge]?.first),
        (.clarifying, .unknown, "clarify", english[.clarify]?.first),
        (.owning, .ours, "apologise", english[.apology]?.first),
        (.owning, .unknown, "empathise", english[.empathy]?.first),
        (.agreeing, .unknown, "offer_options", english[.options]?.first),
        (.awaitingApproval, .unknown, "await_approval", english[.approval]?.first),
    ]
    for (stage, fault, expected, line) in cases {
        var facts = nothingYet
        facts.fault = fault
        let suggested = try #require(action(expected, situation(stage: stage, fault: fault, facts: facts), english),
                                     "\(stage.rawValue) should suggest \(expected)")
        #expect(suggested.line == line, "\(stage.rawValue): \(expected)")
    }
    // Done items suggest nothing.
    #expect(!actions(situation(stage: .agreeing), english).contains("offer_options"))
}

@Test func openPromisesMustBeKeptBeforeResolving() throws {
    let busy = situation(stage: .inProgress, facts: PlaybookFacts(openCommitments: 2), openCommitments: 2)
    let keep = try #require(action("keep_promises", busy, english))
    #expect(keep.reason == "2 promise(s) still open: do them, then resolve the case")
    #expect(!actions(busy, english).contains("resolve"))
}

@Test func overduePromisesComeBeforeTheChecklist() throws {
    let suggested = actions(situation(stage: .agreeing, facts: PlaybookFacts(), openCommitments: 1,
                                      overdueCommitments: 1), english)
    let keep = try #require(suggested.firstIndex(of: "keep_promises"))
    let offer = try #require(suggested.firstIndex(of: "offer_options"))
    #expect(keep < offer)
}

@Test func pendingEscalationsMeanWaitingForTheDecision() throws {
    let wait = try #require(action("await_decision", situation(stage: .agreeing, pendingEscalations: 2), english))
    #expect(wait.reason.hasPrefix("2 option(s) wait for a manager's decision"))
    #expect(wait.line == "A manager decides on this; you will hear from us by 15:00 today.")
    #expect(!actions(situation(stage: .agreeing), english).contains("await_decision"))
}

@Test func declinedEscalationWhileAgreeingMeansStatingThePolicyGently() {
    #expect(actions(situation(stage: .agreeing, declinedEscalations: 1), english).contains("state_policy_gently"))
    #expect(!actions(situation(stage: .inProgress, declinedEscalations: 1), english).contains("state_policy_gently"))
}

@Test func inProgressWithEveryPromiseKeptMeansResolve() {
    let calm = read("Hello, my order arrived with a broken handle.")
    #expect(calm.anger < 2)
    #expect(actions(situation(stage: .inProgress, messages: [calm]), english) == ["resolve"])
    #expect(actions(situation(stage: .resolved), english) == ["close"])
}

@Test func reopenedCaseStartsWithAnAcknowledgement() throws {
    let again = try #require(action("acknowledge", situation(stage: .reopened), english))
    #expect(again.line == "I can see the kettle arrived broken, and that is not what you paid for.")
}

@Test func overdueNewCaseAsksForTheAnswerThenTheAcknowledgement() {
    let suggested = actions(situation(stage: .new, facts: PlaybookFacts(),
                                      firstResponseDue: now.addingTimeInterval(-600)), english)
    #expect(suggested == ["answer_now", "acknowledge"])
}

@Test func anActionIsSuggestedOnceWithItsMostUrgentReason() {
    let suggested = NextActions.suggest(situation(stage: .inProgress, facts: PlaybookFacts(openCommitments: 2),
                                                  openCommitments: 2, overdueCommitments: 1), phrases: english)
    #expect(suggested.map(\.action) == ["keep_promises"])
    #expect(suggested.map(\.reason) == ["1 promise(s) on this case are overdue: do them now or tell the customer "
        + "honestly when, before they have to chase"])
}

@Test func anAngryMessageAfterACalmOneIsNoReasonToSuggestACall() {
    func said(_ anger: Int) -> MessageAnalysis {
        var analysis = Analyzer.shared.analyze("The parcel is late.")
        analysis.anger = anger
        return analysis
    }
    func suggestsCall(_ angers: [Int]) -> Bool {
        let situation = CaseSituation(
            stage: .agreeing, fault: .unknown, channel: .email, language: "en", customerMessages: angers.map(said),
            checklist: [], role: .agent, policy: .standard, firstResponseDue: .distantFuture, now: Date())
        return NextActions.suggest(situation, phrases: [:]).contains { $0.action == "suggest_call" }
    }
    #expect(!suggestsCall([2, 0, 2]))
    #expect(suggestsCall([0, 2, 3]))
    #expect(!suggestsCall([3, 2]))
}
