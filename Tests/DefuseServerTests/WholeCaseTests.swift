// One whole case in each of the six languages, the way people would play it: intake and acknowledgement, a reply,
// the stages, options on the customer's page, approval, the promise kept, resolution and the survey.
@testable import DefuseServer
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct WholeCaseTests {
    static let complaints: [(language: String, name: String, text: String)] = [
        ("el", "Γιώργος", "Το πλυντήριο που αγόρασα πριν από δέκα μέρες χάλασε ήδη και κανείς δεν μου απαντά."),
        ("es", "Carmen", "La lavadora que compré hace diez días ya se ha estropeado y nadie me contesta."),
        ("tr", "Ayşe", "On gün önce aldığım çamaşır makinesi bozuldu ve kimse bana cevap vermiyor."),
        ("ru", "Ольга", "Стиральная машина, купленная десять дней назад, уже сломалась, и никто мне не отвечает."),
        ("tl", "Marites", "Sira na agad ang washing machine na binili ko sampung araw pa lang, at walang sumasagot sa akin."),
        ("en", "Tom", "The washing machine I bought ten days ago has already broken down and nobody answers me."),
    ]

    @Test(arguments: complaints)
    func aWholeCaseFromIntakeToSurvey(language: String, name: String, text: String) async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let (reference, created) = try await server.open(text, name: name, language: language)
            #expect(created.json["language"] as? String == language)
            let acknowledgement = try #require(created.json["acknowledgement"] as? String)
            #expect(acknowledgement.contains(reference) && acknowledgement.contains(name))
            #expect(acknowledgement.contains(CustomerTexts.fill(CustomerTexts.of(language).acknowledgement.reachUs,
                                                                ["reference": reference])))

            // The agent answers with the phrase library's own lines: the coach lets them through.
            let lines = Coach.shared.phrases(language)
            let reply = [lines[.apology]?.first, lines[.empathy]?.first].compactMap { $0 }.joined(separator: " ")
            let sent = try await server.send(.POST, "/api/v1/cases/\(reference)/messages",
                                             json: ["direction": "outbound", "text": reply], token: agent)
            #expect(sent.status == .created, "\(sent.text)")
            #expect(try await server.caseRecord(reference).stage == "acknowledged")
            _ = try await server.send(.PATCH, "/api/v1/cases/\(reference)", json: ["fault": "ours"], token: agent)
            for stage in ["clarifying", "owning", "agreeing"] {
                let moved = try await server.send(.POST, "/api/v1/cases/\(reference)/stage", json: ["stage": stage],
                                                  token: agent)
                #expect(moved.status == .ok, "\(stage): \(moved.text)")
            }
            let next = try await server.send(.GET, "/api/v1/cases/\(reference)/next", token: agent)
            let actions = (next.json["actions"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("offer_options") && actions.contains("fix_now"))

            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [["kind": "repair", "detail": "48h"], ["kind": "replacement"], ["kind": "store_credit", "amount": 40]],
                "purchased_on": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-10 * 86_400)).prefix(10),
            ], token: agent)
            #expect(offered.status == .created)
            let link = server.path(of: try #require(offered.json["link"] as? String))
            let page = try await server.send(.GET, link)
            #expect(page.text.contains("<html lang=\"\(language)\""))
            #expect(page.text.contains(CustomerTexts.of(language).offers.approveButton))
            let repair = try #require((offered.json["options"] as? [[String: Any]])?.first?["id"] as? String)
            let approved = try await server.form(link, ["decision": "approve", "option": repair])
            #expect(approved.status == .ok)
            #expect(try await server.caseRecord(reference).stage == "in_progress")

            let open = try await server.send(.GET, "/api/v1/commitments?state=open", token: agent)
            let promise = try #require((open.json["commitments"] as? [[String: Any]])?.first { $0["reference"] as? String == reference })
            let done = try await server.send(.POST, "/api/v1/commitments/\(promise["id"] as? String ?? "")/done", token: agent)
            #expect(done.status == .ok)
            let resolved = try await server.send(.POST, "/api/v1/cases/\(reference)/stage", json: ["stage": "resolved"],
                                                 token: agent)
            #expect(resolved.status == .ok, "\(resolved.text)")

            let messages = try #require(resolved.json["messages"] as? [[String: Any]])
            let surveyMessage = try #require(messages.last?["text"] as? String)
            let surveyLink = try #require(surveyMessage.split(whereSeparator: \.isWhitespace).first { $0.contains("/s/") })
            let surveyPath = server.path(of: String(surveyLink).trimmingCharacters(in: .punctuationCharacters))
            let survey = try await server.send(.GET, surveyPath)
            #expect(survey.status == .ok && survey.text.contains("<html lang=\"\(language)\""))
            let answered = try await server.form(surveyPath, ["score": "5", "comment": text])
            #expect(answered.status == .ok)
            #expect(answered.text.contains(CustomerTexts.of(language).survey.thanksBody))
            let events = try await server.events(reference)
            #expect(events.contains("customer_approved") && events.contains("commitment_done")
                && events.contains("survey_answered"))
            #expect(!events.contains("checklist_skipped"))
        }
    }
}
