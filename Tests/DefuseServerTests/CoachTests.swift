// The reply coach over HTTP: review a draft against a case, refuse a flagged reply unless the agent insists, and
// keep the review and the override in the case's record.
import DefuseStore
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct CoachTests {
    @Test func aDraftIsReviewedAgainstTheCustomersLatestMessage() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "This is the THIRD time my order arrives broken. I'm furious, you people are useless!",
                name: "Sam", language: "en"))
            let reference = try #require(created.json["reference"] as? String)
            let draft = "Calm down. You should have checked the box when it arrived."

            let alone = try await server.send(.POST, "/api/v1/coach", json: ["text": draft], token: token)
            #expect(alone.status == .ok)
            #expect(alone.json["verdict"] as? String == "revise")
            #expect(Set(alone.json["flags"] as? [String] ?? []) == ["dismissive", "blame"])
            #expect(alone.json["missing"] as? [String] == [])

            let inCase = try await server.send(.POST, "/api/v1/coach", json: ["text": draft, "case": reference],
                                               token: token)
            #expect(inCase.status == .ok)
            // The customer is angry and the draft neither apologises nor shows empathy.
            let missing = Set(inCase.json["missing"] as? [String] ?? [])
            #expect(missing.isSuperset(of: ["apology", "empathy"]))
            let findings = try #require(inCase.json["findings"] as? [[String: Any]])
            let calm = try #require(findings.first { $0["flag"] as? String == "dismissive" })
            #expect(calm["text"] as? String == "Calm down")
            #expect(calm["start"] as? Int == 0 && calm["end"] as? Int == 9)
            #expect(!(calm["why"] as? String ?? "").isEmpty)
            #expect(!(calm["suggestion"] as? String ?? "").isEmpty)
            #expect(!(inCase.json["summary"] as? String ?? "").isEmpty)
        }
    }

    @Test func aFlaggedReplyIsOnlySentWithSendAnywayWhichIsRecorded() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "My coffee was cold and the barista ignored me.", name: "Ana", language: "en"))
            let reference = try #require(created.json["reference"] as? String)
            let path = "/api/v1/cases/\(reference)/messages"
            let flagged = "It's made properly, you just like a dry cappuccino. Calm down."
            let messagesBefore = try await server.count(Message.self)

            let refused = try await server.send(.POST, path, json: ["direction": "outbound", "text": flagged],
                                                token: token)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"] as? String == "draft_flagged")
            #expect(refused.json["field"] as? String == "send_anyway")
            let review = try #require(refused.json["review"] as? [String: Any])
            let flags = review["flags"] as? [String] ?? []
            #expect(flags.contains("dismissive"))
            #expect(try await server.count(Message.self) == messagesBefore)

            let wrongType = try await server.send(
                .POST, path, json: ["direction": "outbound", "text": flagged, "send_anyway": "yes"], token: token)
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.json["error"] as? String == "invalid_field")
            #expect(wrongType.json["field"] as? String == "send_anyway")

            let sent = try await server.send(
                .POST, path, json: ["direction": "outbound", "text": flagged, "send_anyway": true], token: token)
            #expect(sent.status == .created)
            let stored = try #require(sent.json["coach"] as? [String: Any])
            #expect(stored["verdict"] as? String == "revise")

            let good = "I'm sorry your coffee was cold. I've added a free drink to your card, and I'll talk to the team today. Does that work for you?"
            let fine = try await server.send(.POST, path, json: ["direction": "outbound", "text": good], token: token)
            #expect(fine.status == .created)
            #expect((fine.json["coach"] as? [String: Any])?["flags"] as? [String] == [])

            let detail = try await server.send(.GET, "/api/v1/cases/\(reference)", token: token)
            let events = try #require(detail.json["events"] as? [[String: Any]])
            let overrides = events.filter { $0["kind"] as? String == "sent_anyway" }
            #expect(overrides.count == 1)
            let overridden = overrides.first?["after"] as? String ?? ""
            #expect(overridden.contains("dismissive"))
            #expect(overrides.first?["actor"] as? String == "Test Agent")
        }
    }

    @Test func badCoachRequestsAreClearErrors() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let anonymous = try await server.send(.POST, "/api/v1/coach", json: ["text": "Hello"])
            #expect(anonymous.status == .unauthorized)
            let empty = try await server.send(.POST, "/api/v1/coach", json: ["text": "   "], token: token)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.json["field"] as? String == "text")
            let missing = try await server.send(.POST, "/api/v1/coach", json: ["case": "C-AAAAA"], token: token)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.json["field"] as? String == "text")
            let unknown = try await server.send(.POST, "/api/v1/coach", json: ["text": "Hello", "case": "C-ZZZZZ"],
                                                token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["field"] as? String == "case")
            let huge = try await server.send(.POST, "/api/v1/coach",
                                             json: ["text": String(repeating: "calm down ", count: 5_000)], token: token)
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.json["field"] as? String == "text")
        }
    }

    @Test func thePhraseLibraryIsServedInEachLanguage() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            for language in ["el", "es", "tr", "ru", "tl", "en"] {
                let reply = try await server.send(.GET, "/api/v1/phrases?language=\(language)", token: token)
                #expect(reply.status == .ok)
                let phrases = try #require(reply.json["phrases"] as? [String: [String]])
                for kind in ["boundary", "hold", "acknowledge", "dignity", "options", "approval", "phone_call"] {
                    #expect(!(phrases[kind] ?? []).isEmpty, "\(language) has no \(kind) lines")
                }
            }
            let greek = try await server.send(.GET, "/api/v1/phrases?language=el", token: token)
            let boundary = (greek.json["phrases"] as? [String: [String]])?["boundary"]?.first ?? ""
            #expect(boundary.unicodeScalars.contains { (0x370..<0x400).contains($0.value) })
            let unknown = try await server.send(.GET, "/api/v1/phrases?language=xx", token: token)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.json["field"] as? String == "language")
            #expect(try await server.send(.GET, "/api/v1/phrases?language=en").status == .unauthorized)
        }
    }

    @Test func aPromiseBeyondTheAgentsAuthorityOnTheCaseSaysToEscalate() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "The oven you installed broke after two days.", name: "Kim", language: "en"))
            let reference = try #require(created.json["reference"] as? String)
            let draft = "I'm sorry, Kim. We will refund you €200 today."
            let byAgent = try await server.send(.POST, "/api/v1/coach", json: ["text": draft, "case": reference],
                                                token: agent)
            #expect(byAgent.json["flags"] as? [String] == ["overpromise"])
            let findings = try #require(byAgent.json["findings"] as? [[String: Any]])
            let promise = try #require(findings.first { $0["flag"] as? String == "overpromise" })
            #expect((promise["text"] as? String).map { $0.contains("200") } == true)
            // A manager's limit (EUR 500 under the standard policy) covers it.
            let byManager = try await server.send(.POST, "/api/v1/coach", json: ["text": draft, "case": reference],
                                                  token: manager)
            #expect(byManager.json["flags"] as? [String] == [])
        }
    }
}
