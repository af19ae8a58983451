// The playbook over HTTP: acknowledgement at intake, stages and checklists, next actions, offers within authority
// and escalations, the customer's own pages, promises and their sweep, the survey; and one whole case per language.
@testable import DefuseServer
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Foundation
import Testing
import Vapor

extension TestServer {
    func open(_ text: String, name: String = "Alex", language: String) async throws -> (reference: String, reply: Reply) {
        let created = try await send(.POST, "/api/v1/complaints", json: complaint(text, name: name, language: language))
        #expect(created.status == .created)
        return (try #require(created.json["reference"] as? String), created)
    }

    /// A form post from the customer's page.
    func form(_ path: String, _ fields: [String: String]) async throws -> Reply {
        var components = URLComponents()
        components.queryItems = fields.map { URLQueryItem(name: $0.key, value: $0.value) }
        let body = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        return try await send(.POST, path, raw: Data(body.utf8), contentType: "application/x-www-form-urlencoded")
    }

    func path(of link: String) -> String {
        URLComponents(string: link)?.path ?? link
    }

    func caseRecord(_ reference: String) async throws -> Case {
        try await CaseRecords.require(reference: reference, on: app.db)
    }

    func events(_ reference: String) async throws -> [String] {
        let record = try await caseRecord(reference)
        return try await CaseEvent.query(on: app.db).filter(\.$case.$id == record.requireID()).sort(\.$id).all().map(\.kind)
    }
}

@Suite(.serialized) struct PlaybookTests {
    @Test func intakeAcknowledgesInTheCustomersLanguageWithADeadlineInBusinessHours() async throws {
        try await withServer { server in
            let (reference, reply) = try await server.open(
                "Παρήγγειλα ένα ψυγείο πριν από δύο εβδομάδες και ακόμα δεν έχει έρθει. Είμαι πολύ απογοητευμένη.",
                name: "Ελένη", language: "el")
            let acknowledgement = try #require(reply.json["acknowledgement"] as? String)
            #expect(acknowledgement.contains(reference))
            #expect(acknowledgement.contains("Ελένη"))
            #expect(acknowledgement.contains("(\(TimeZone(identifier: "UTC")!.identifier))"))
            #expect(acknowledgement.range(of: "[α-ωΑ-Ω]{4,}", options: .regularExpression) != nil)
            // The standard policy opens Monday to Friday 09:00-17:00: the promised answer falls inside those hours.
            let due = try #require(ISO8601DateFormatter().date(from: reply.json["first_response_due"] as? String ?? ""))
            #expect(Policy.standard.calendar(in: TimeZone(identifier: "UTC")!).isOpen(at: due.addingTimeInterval(-1)))
            let detail = try await server.caseRecord(reference)
            let messages = try await Message.query(on: server.app.db).filter(\.$case.$id == detail.requireID()).all()
            #expect(messages.filter { $0.direction == "outbound" }.map(\.text) == [acknowledgement])
            #expect(detail.firstRespondedAt == nil)
            #expect(try await server.events(reference).contains("acknowledged_receipt"))
        }
    }

    @Test func movingPastUnmetChecklistItemsNeedsAReasonAndIsRecorded() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open("Something is wrong with my order.", language: "en")
            let stage = "/api/v1/cases/\(reference)/stage"
            let next = try await server.send(.GET, "/api/v1/cases/\(reference)/next", token: token)
            #expect(next.status == .ok)
            let checklist = try #require(next.json["checklist"] as? [[String: Any]])
            #expect(checklist.first?["id"] as? String == "acknowledgement_sent")
            #expect(checklist.first?["done"] as? Bool == true)

            let refused = try await server.send(.POST, stage, json: ["stage": "agreeing"], token: token)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["field"] as? String == "reason")
            #expect((refused.json["message"] as? String ?? "").contains("problem_acknowledged"))
            #expect(try await server.caseRecord(reference).stage == "new")

            let moved = try await server.send(.POST, stage, json: ["stage": "agreeing", "reason": "customer called, all clear"],
                                              token: token)
            #expect(moved.status == .ok)
            #expect((moved.json["case"] as? [String: Any])?["stage"] as? String == "agreeing")
            #expect(try await server.events(reference).suffix(2) == ["stage_changed", "checklist_skipped"])

            let back = try await server.send(.POST, stage, json: ["stage": "owning"], token: token)
            #expect(back.status == .ok)
            let bad = try await server.send(.POST, stage, json: ["stage": "finished"], token: token)
            #expect(bad.status == .unprocessableEntity && bad.json["field"] as? String == "stage")
            let same = try await server.send(.POST, stage, json: ["stage": "owning"], token: token)
            #expect(same.status == .conflict)
            let close = try await server.send(.POST, stage, json: ["stage": "closed"], token: token)
            #expect(close.status == .unprocessableEntity && close.json["field"] as? String == "reason")
        }
    }

    @Test func nextActionsPutSafetyAndABoundaryFirst() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open(
                "You idiots sold me a heater with exposed wires, it sparked next to my kid! I will sue you.",
                language: "en")
            let next = try await server.send(.GET, "/api/v1/cases/\(reference)/next", token: token)
            let actions = try #require(next.json["actions"] as? [[String: Any]])
            let names = actions.compactMap { $0["action"] as? String }
            #expect(names.first == "ensure_safety")
            #expect(names.contains("set_boundary"))
            let boundary = try #require(actions.first { $0["action"] as? String == "set_boundary" })
            #expect(boundary["line"] as? String == Coach.shared.phrases("en")[.boundary]?.first)
            #expect(!(boundary["reason"] as? String ?? "").isEmpty)
        }
    }

    @Test func optionsWithinAuthorityGoToTheCustomerAndTheRestWaitForAManager() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let (reference, _) = try await server.open("My blender broke after a week.", language: "en")
            _ = try await server.send(.PATCH, "/api/v1/cases/\(reference)", json: ["fault": "ours"], token: agent)

            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [
                    ["kind": "store_credit", "amount": 15, "detail": "to spend on anything"],
                    ["kind": "refund", "amount": 120, "currency": "EUR"],
                ],
            ], token: agent)
            #expect(offered.status == .created)
            let options = try #require(offered.json["options"] as? [[String: Any]])
            #expect(options.map { $0["status"] as? String } == ["offered", "escalated"])
            #expect(options[0]["fast_path"] as? Bool == true)
            let escalation = try #require(options[1]["escalation"] as? [String: Any])
            let reasons = escalation["reasons"] as? [String] ?? []
            #expect(reasons.contains { $0.contains("agent limit of EUR 50") })
            #expect(reasons.contains { $0.contains("receipt") })
            #expect(offered.json["stage"] as? String == "awaiting_approval")
            let link = try #require(offered.json["link"] as? String)
            let sent = (offered.json["message"] as? [String: Any])?["text"] as? String ?? ""
            #expect(sent.contains(link))

            // The customer sees only what is on offer, in their language.
            let page = try await server.send(.GET, server.path(of: link))
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"en\""))
            #expect(page.text.contains(CustomerTexts.of("en").offers.remedy["store_credit"]!))
            #expect(!page.text.contains(CustomerTexts.of("en").offers.remedy["refund"]!))

            let escalationID = try #require(escalation["id"] as? String)
            let byAgent = try await server.send(.POST, "/api/v1/escalations/\(escalationID)/decision",
                                                json: ["decision": "approve"], token: agent)
            #expect(byAgent.status == .forbidden)
            let list = try await server.send(.GET, "/api/v1/escalations?state=pending", token: manager)
            #expect((list.json["escalations"] as? [[String: Any]])?.count == 1)
            let approved = try await server.send(.POST, "/api/v1/escalations/\(escalationID)/decision",
                                                 json: ["decision": "approve", "reason": "receipt seen in store"],
                                                 token: manager)
            #expect(approved.status == .ok)
            #expect(approved.json["state"] as? String == "approved")
            let again = try await server.send(.POST, "/api/v1/escalations/\(escalationID)/decision",
                                              json: ["decision": "decline"], token: manager)
            #expect(again.status == .conflict)
            let now = try await server.send(.GET, server.path(of: link))
            #expect(now.text.contains(CustomerTexts.of("en").offers.remedy["refund"]!))
        }
    }

    @Test func anOverrideNeedsAReasonAndIsAudited() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let (reference, _) = try await server.open("The wedding cake collapsed. I want my money back.", language: "en")
            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [["kind": "refund", "amount": 900]], "evidence": ["receipt"],
            ], token: agent)
            #expect(offered.status == .created)
            #expect(offered.json["link"] == nil)
            #expect(offered.json["stage"] as? String == "agreeing")
            let option = try #require((offered.json["options"] as? [[String: Any]])?.first)
            let id = try #require((option["escalation"] as? [String: Any])?["id"] as? String)
            let path = "/api/v1/escalations/\(id)/decision"
            let beyond = try await server.send(.POST, path, json: ["decision": "approve"], token: manager)
            #expect(beyond.status == .unprocessableEntity)
            #expect((beyond.json["message"] as? String ?? "").contains("override"))
            let noReason = try await server.send(.POST, path, json: ["decision": "override"], token: manager)
            #expect(noReason.status == .unprocessableEntity && noReason.json["field"] as? String == "reason")
            let overridden = try await server.send(.POST, path, json: ["decision": "override", "reason": "our mistake, big day"],
                                                   token: manager)
            #expect(overridden.status == .ok)
            let audit = try await server.send(.GET, "/api/v1/audit", token: manager)
            let entries = try #require(audit.json["entries"] as? [[String: Any]])
            #expect(entries.contains { $0["action"] as? String == "escalation_overridden"
                && ($0["detail"] as? String ?? "").contains("our mistake, big day") })
            #expect(try await server.caseRecord(reference).stage == "awaiting_approval")
            let alerts = try await server.send(.GET, "/api/v1/alerts", token: agent)
            #expect((alerts.json["alerts"] as? [[String: Any]])?.first?["kind"] as? String == "escalation_decided")
        }
    }

    @Test func theCustomerChoosesAndApprovesAndTheLinkIsSignedAndExpires() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open("Mi pedido llegó roto y nadie me responde.", name: "Lucía",
                                                       language: "es")
            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [["kind": "replacement", "detail": "mismo modelo"], ["kind": "discount", "amount": 10]],
            ], token: agent)
            let link = server.path(of: try #require(offered.json["link"] as? String))
            let optionID = try #require((offered.json["options"] as? [[String: Any]])?.first?["id"] as? String)
            let record = try await server.caseRecord(reference)
            #expect(record.waitingSince != nil)

            let empty = try await server.form(link, ["decision": "approve"])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains(CustomerTexts.of("es").offers.chooseFirst))
            let chosen = try await server.form(link, ["decision": "approve", "option": optionID])
            #expect(chosen.status == .ok)
            #expect(chosen.text.contains(CustomerTexts.of("es").offers.approvedTitle))
            let after = try await server.caseRecord(reference)
            #expect(after.stage == "in_progress")
            #expect(after.waitingSince == nil)
            let promises = try await Commitment.query(on: server.app.db).filter(\.$case.$id == after.requireID()).all()
            #expect(promises.count == 1)
            #expect(try await server.events(reference).contains("customer_approved"))
            let twice = try await server.send(.GET, link)
            #expect(twice.status == .conflict)

            // A token changed by one character, or one signed with another key, is not ours.
            var forged = Array(link)
            forged[forged.count - 2] = forged[forged.count - 2] == "A" ? "B" : "A"
            #expect(try await server.send(.GET, String(forged)).status == .notFound)
            let offer = try #require(try await Offer.query(on: server.app.db).first())
            let foreign = CustomerLink.token(.options, id: try offer.requireID(), expires: Date().addingTimeInterval(3600),
                                             secret: "someone else's key")
            #expect(try await server.send(.GET, "/c/\(foreign)").status == .notFound)
            let desk = try await DeskRecords.current(on: server.app.db)
            let stale = CustomerLink.token(.options, id: try offer.requireID(), expires: Date().addingTimeInterval(-60),
                                           secret: desk.linkSecret)
            let expired = try await server.send(.GET, "/c/\(stale)")
            #expect(expired.status == .gone)
            #expect(expired.text.contains(CustomerTexts.of("en").links.expiredTitle))
            // An options token does not open a survey.
            let crossed = CustomerLink.token(.options, id: try offer.requireID(), expires: Date().addingTimeInterval(3600),
                                             secret: desk.linkSecret)
            #expect(try await server.send(.GET, "/s/\(crossed)").status == .notFound)
        }
    }

    @Test func noneOfTheOptionsWorksGoesBackToAgreeingWithTheReason() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open("Sipariş ettiğim ürün eksik geldi.", language: "tr")
            let offered = try await server.send(.POST, "/api/v1/cases/\(reference)/offers", json: [
                "options": [["kind": "discount", "amount": 5]],
            ], token: agent)
            let link = server.path(of: try #require(offered.json["link"] as? String))
            let page = try await server.send(.GET, link)
            #expect(page.text.contains("<html lang=\"tr\""))
            let noReason = try await server.form(link, ["decision": "none", "reason": "  "])
            #expect(noReason.status == .unprocessableEntity)
            let rejected = try await server.form(link, ["decision": "none", "reason": "İndirim istemiyorum, eksik parçayı istiyorum <b>hemen</b>"])
            #expect(rejected.status == .ok)
            let record = try await server.caseRecord(reference)
            #expect(record.stage == "agreeing")
            let inbound = try await Message.query(on: server.app.db).filter(\.$case.$id == record.requireID())
                .filter(\.$direction == "inbound").sort(\.$id).all()
            #expect(inbound.last?.text.contains("<b>hemen</b>") == true)
            #expect(inbound.last?.analysis != nil)
        }
    }

    @Test func promisesAreValidatedKeptAndTheOverdueOnesEscalateOnce() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let (reference, _) = try await server.open("Где мой заказ? Обещали вчера.", language: "ru")
            let path = "/api/v1/cases/\(reference)/commitments"
            let formatter = ISO8601DateFormatter()
            let past = try await server.send(.POST, path, json: [
                "what": "call back", "due": formatter.string(from: Date().addingTimeInterval(-60)),
            ], token: agent)
            #expect(past.status == .unprocessableEntity && past.json["field"] as? String == "due")
            let garbled = try await server.send(.POST, path, json: ["what": "call back", "due": "tomorrow"], token: agent)
            #expect(garbled.status == .unprocessableEntity && garbled.json["field"] as? String == "due")
            let before = try await server.count(Commitment.self)

            let soon = try await server.send(.POST, path, json: [
                "what": "call back with the courier's answer", "due": formatter.string(from: Date().addingTimeInterval(120)),
            ], token: agent)
            #expect(soon.status == .created)
            let later = try await server.send(.POST, path, json: [
                "what": "send the tracking number", "due": formatter.string(from: Date().addingTimeInterval(3600)),
            ], token: agent)
            let laterID = try #require(later.json["id"] as? String)
            #expect(try await server.count(Commitment.self) == before + 2)
            let done = try await server.send(.POST, "/api/v1/commitments/\(laterID)/done", token: agent)
            #expect(done.status == .ok && done.json["state"] as? String == "done")
            #expect(try await server.send(.POST, "/api/v1/commitments/\(laterID)/done", token: agent).status == .conflict)
            #expect(try await server.send(.POST, "/api/v1/commitments/\(UUID())/done", token: agent).status == .notFound)

            // Two instances sweep at the same moment, three minutes on: the overdue promise is handled once.
            let future = Date().addingTimeInterval(180)
            async let first = CommitmentRecords.sweepOverdue(now: future, on: server.app.db)
            async let second = CommitmentRecords.sweepOverdue(now: future, on: server.app.db)
            let handled = try await first.count + second.count
            #expect(handled == 1)
            #expect(try await CommitmentRecords.sweepOverdue(now: future, on: server.app.db).isEmpty)
            let ownerAlerts = try await server.send(.GET, "/api/v1/alerts", token: agent)
            #expect((ownerAlerts.json["alerts"] as? [[String: Any]])?.filter { $0["kind"] as? String == "commitment_overdue" }.count == 1)
            let managerAlerts = try await server.send(.GET, "/api/v1/alerts", token: manager)
            #expect((managerAlerts.json["alerts"] as? [[String: Any]])?.filter { $0["kind"] as? String == "commitment_escalated" }.count == 1)

            let open = try await server.send(.GET, "/api/v1/commitments?state=open&owner=me", token: agent)
            #expect((open.json["commitments"] as? [[String: Any]])?.count == 1)
            let wrongState = try await server.send(.GET, "/api/v1/commitments?state=late", token: agent)
            #expect(wrongState.status == .unprocessableEntity && wrongState.json["field"] as? String == "state")
            let report = try await server.send(.GET, "/api/v1/reports/promises", token: manager)
            let overall = try #require(report.json["overall"] as? [String: Any])
            #expect(overall["kept"] as? Int == 1)
            #expect(try await server.send(.GET, "/api/v1/reports/promises", token: agent).status == .forbidden)
        }
    }

    @Test func resolvingSendsASurveyAndRejectingTheOutcomeReopens() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let (reference, _) = try await server.open("Hindi gumagana ang aircon na binili ko, sobrang init na po.",
                                                       language: "tl")
            let resolved = try await server.send(.POST, "/api/v1/cases/\(reference)/stage",
                                                 json: ["stage": "resolved", "reason": "technician fixed it on site"],
                                                 token: agent)
            #expect(resolved.status == .ok)
            let messages = try #require(resolved.json["messages"] as? [[String: Any]])
            let surveyText = try #require(messages.last?["text"] as? String)
            let link = try #require(surveyText.split(separator: " ").first { $0.contains("/s/") }).trimmingCharacters(in: .punctuationCharacters)
            let page = try await server.send(.GET, server.path(of: String(link)) )
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"tl\""))
            for label in CustomerTexts.of("tl").survey.scale { #expect(page.text.contains(label)) }
            let noScore = try await server.form(server.path(of: String(link)), ["comment": "ok"])
            #expect(noScore.status == .unprocessableEntity)
            let answered = try await server.form(server.path(of: String(link)), [
                "score": "2", "comment": "Sira pa rin po, <script>alert(1)</script>", "reject": "yes",
            ])
            #expect(answered.status == .ok)
            #expect(answered.text.contains(CustomerTexts.of("tl").survey.rejectedBody))
            let record = try await server.caseRecord(reference)
            #expect(record.stage == "reopened")
            let events = try await server.events(reference)
            #expect(events.contains("survey_answered") && events.contains("outcome_rejected"))
            let survey = try #require(try await Survey.query(on: server.app.db).first())
            #expect(survey.score == 2 && survey.rejectedOutcome)
        }
    }

    @Test func thePolicyIsReadByAgentsAndChangedOnlyByAdmins() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let admin = try await server.agentToken(role: "admin")
            let shown = try await server.send(.GET, "/api/v1/policy", token: agent)
            #expect(shown.status == .ok)
            var policy = shown.json
            #expect(policy["currency"] as? String == "EUR")
            #expect(try await server.send(.PUT, "/api/v1/policy", json: policy, token: agent).status == .forbidden)
            policy["currency"] = "TRY"
            policy["limits"] = ["agent": 500, "manager": 5000, "admin": 50000]
            let changed = try await server.send(.PUT, "/api/v1/policy", json: policy, token: admin)
            #expect(changed.status == .ok && changed.json["currency"] as? String == "TRY")
            // This instance works to the new rules at once, not after its settings cache expires.
            let reread = try await server.send(.GET, "/api/v1/policy", token: agent)
            #expect(reread.json["currency"] as? String == "TRY")
            policy["currency"] = "LIRA"
            let bad = try await server.send(.PUT, "/api/v1/policy", json: policy, token: admin)
            #expect(bad.status == .unprocessableEntity && bad.json["field"] as? String == "currency")
            policy["currency"] = "TRY"
            policy["business_hours"] = ["mon": "9-5"]
            let hours = try await server.send(.PUT, "/api/v1/policy", json: policy, token: admin)
            #expect(hours.json["field"] as? String == "business_hours.mon")
            #expect(try await DeskRecords.current(on: server.app.db).policy.currency == "TRY")
            let audit = try await server.send(.GET, "/api/v1/audit", token: admin)
            #expect((audit.json["entries"] as? [[String: Any]])?.filter { $0["action"] as? String == "policy_changed" }.count == 1)
        }
    }

    @Test func badOffersAndDecisionsAreClearErrorsThatWriteNothing() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let (reference, _) = try await server.open("The parcel never came.", language: "en")
            let path = "/api/v1/cases/\(reference)/offers"
            let cases: [(Any, String)] = [
                (["options": [["kind": "refund", "amount": 10, "currency": "XYZ"]]], "options[0].currency"),
                (["options": [["kind": "refund", "amount": 10, "currency": "USD"]]], "options[0].currency"),
                (["options": [["kind": "refund", "amount": -5]]], "options[0].amount"),
                (["options": [["kind": "refund", "amount": "ten"]]], "options[0].amount"),
                (["options": [["kind": "refund"]]], "options[0].amount"),
                (["options": [["kind": "hug"]]], "options[0].kind"),
                (["options": [["kind": "loyalty_points"]]], "options[0].points"),
                (["options": []], "options"),
                (["options": Array(repeating: ["kind": "repair"], count: 4)], "options"),
                ([:] as [String: Any], "options"),
                (["options": [["kind": "repair"]], "purchased_on": "yesterday"], "purchased_on"),
            ]
            for (body, field) in cases {
                let reply = try await server.send(.POST, path, json: body, token: agent)
                #expect(reply.status == .unprocessableEntity, "\(field)")
                #expect(reply.json["field"] as? String == field)
            }
            let malformed = try await server.send(.POST, path, raw: Data("{\"options\": [".utf8), token: agent)
            #expect(malformed.status == .badRequest)
            let unknownCase = try await server.send(.POST, "/api/v1/cases/C-ZZZZZ/offers",
                                                    json: ["options": [["kind": "repair"]]], token: agent)
            #expect(unknownCase.status == .notFound)
            #expect(try await server.count(Offer.self) == 0)
            #expect(try await server.count(OfferOption.self) == 0)

            let unknown = try await server.send(.POST, "/api/v1/escalations/\(UUID())/decision",
                                                json: ["decision": "approve"], token: manager)
            #expect(unknown.status == .notFound)
            let notAnID = try await server.send(.POST, "/api/v1/escalations/abc/decision",
                                                json: ["decision": "approve"], token: manager)
            #expect(notAnID.status == .notFound)
            let badDecision = try await server.send(.POST, "/api/v1/escalations/\(UUID())/decision",
                                                    json: ["decision": "maybe"], token: manager)
            #expect(badDecision.status == .unprocessableEntity && badDecision.json["field"] as? String == "decision")
            let handoff = try await server.send(.POST, "/api/v1/cases/\(reference)/handoff",
                                                json: ["skill": "billing", "note": "needs a refund expert"], token: agent)
            #expect(handoff.status == .unprocessableEntity && handoff.json["field"] as? String == "skill")
            #expect(try await server.send(.GET, "/api/v1/cases/\(reference)/next").status == .unauthorized)
        }
    }

    @Test func aHandOffGoesToTheLeastLoadedAgentWithTheSkillAndLanguage() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let admin = try await server.agentToken(role: "admin")
            for (email, languages) in [("nikos@example.com", ["el", "en"]), ("sara@example.com", ["es"])] {
                let added = try await server.send(.POST, "/api/v1/agents", json: [
                    "name": email, "email": email, "role": "agent", "languages": languages,
                    "skills": ["Billing", "refunds"], "password": "long enough pass",
                ], token: admin)
                #expect(added.status == .created)
                #expect(added.json["skills"] as? [String] == ["billing", "refunds"])
            }
            let badSkill = try await server.send(.POST, "/api/v1/agents", json: [
                "name": "X", "email": "x@example.com", "role": "agent", "skills": [""], "password": "long enough pass",
            ], token: admin)
            #expect(badSkill.status == .unprocessableEntity && badSkill.json["field"] as? String == "skills[0]")
            let (reference, _) = try await server.open("Μου χρεώσατε δύο φορές τον ίδιο λογαριασμό.", language: "el")
            let handed = try await server.send(.POST, "/api/v1/cases/\(reference)/handoff",
                                               json: ["skill": "billing", "note": "double charge, needs billing"], token: agent)
            #expect(handed.status == .ok)
            let assignee = (handed.json["case"] as? [String: Any])?["assignee"] as? [String: Any]
            #expect(assignee?["email"] as? String == "nikos@example.com")
            #expect(try await server.events(reference).contains("handed_off"))
            // The case now counts in Nikos's load, which the next hand-off and the dashboard read.
            let nikos = try #require(try await AgentRecords.find(email: "nikos@example.com", on: server.app.db))
            let load = try await AgentRecords.routingCandidates(on: server.app.db)
            #expect(load.first { $0.id == nikos.id }?.openCases == 1)
            #expect(load.filter { $0.id != nikos.id }.allSatisfy { $0.openCases == 0 })
        }
    }
}
