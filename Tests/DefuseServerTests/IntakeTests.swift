// Public intake: a complaint becomes a case an agent can read, the customer is found again, and abuse of the
// endpoint is limited.
import DefuseStore
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct IntakeTests {
    @Test func complaintBecomesACaseAnAgentCanRead() async throws {
        try await withServer { server in
            let text = "Ο καφές ήταν κρύος και ο σερβιτόρος μου μίλησε απότομα. Θέλω τα χρήματά μου πίσω."
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                text, email: "Maria@Example.gr", language: "el", subject: "Κρύος καφές"))
            #expect(created.status == .created)
            let reference = try #require(created.json["reference"] as? String)
            #expect(reference.hasPrefix("C-") && reference.count == 7)
            #expect(created.json["language"] as? String == "el")
            #expect(created.json["stage"] as? String == "new")
            #expect(created.json["first_response_due"] is String)

            let token = try await server.agentToken(role: "agent")
            let detail = try await server.send(.GET, "/api/v1/cases/\(reference)", token: token)
            #expect(detail.status == .ok)
            let record = try #require(detail.json["case"] as? [String: Any])
            #expect(record["subject"] as? String == "Κρύος καφές")
            #expect(record["channel"] as? String == "web")
            let messages = try #require(detail.json["messages"] as? [[String: Any]])
            // The complaint, then the acknowledgement the customer got at once.
            #expect(messages.count == 2)
            #expect(messages.first?["text"] as? String == text)
            #expect(messages.map { $0["direction"] as? String ?? "" } == ["inbound", "outbound"])
            let acknowledgement = try #require(messages.last?["text"] as? String)
            #expect(acknowledgement.contains(reference))
            let events = try #require(detail.json["events"] as? [[String: Any]])
            #expect(events.first?["kind"] as? String == "opened")
            let customer = try #require(detail.json["customer"] as? [String: Any])
            #expect(customer["email"] as? String == "maria@example.gr")

            // The reference is found however it is typed.
            let typed = try await server.send(.GET, "/api/v1/cases/\(reference.lowercased())", token: token)
            #expect(typed.status == .ok)
        }
    }

    @Test func returningCustomerIsFoundByEmailOrPhone() async throws {
        try await withServer { server in
            let first = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "Mi pedido llegó roto.", name: "Lucía", email: "lucia@example.es", language: "es"))
            let second = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "Y ahora me cobraron dos veces.", name: "Lucía G.", email: "LUCIA@example.es",
                phone: "+34 612 34 56 78"))
            let third = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "Sigo esperando respuesta.", name: "Lucía", phone: "+34612345678"))
            let customerID = try #require(first.json["customer_id"] as? String)
            #expect(second.json["customer_id"] as? String == customerID)
            #expect(third.json["customer_id"] as? String == customerID)
            // The customer's language is remembered for complaints that do not state one.
            #expect(third.json["language"] as? String == "es")

            let token = try await server.agentToken(role: "agent")
            let profile = try await server.send(.GET, "/api/v1/customers/\(customerID)", token: token)
            #expect(profile.status == .ok)
            #expect((profile.json["cases"] as? [Any])?.count == 3)
            let customer = try #require(profile.json["customer"] as? [String: Any])
            #expect(customer["phone"] as? String == "+34612345678")
            #expect(customer["name"] as? String == "Lucía")

            let search = try await server.send(.GET, "/api/v1/customers?email=Lucia@Example.es", token: token)
            let found = try #require(search.json["customers"] as? [[String: Any]])
            #expect(found.first?["id"] as? String == customerID)
            let none = try await server.send(.GET, "/api/v1/customers?email=nobody@example.es", token: token)
            #expect((none.json["customers"] as? [Any])?.isEmpty == true)
            let unknown = try await server.send(.GET, "/api/v1/customers/\(UUID())", token: token)
            #expect(unknown.status == .notFound)
        }
    }

    @Test func publicIntakeIsRateLimitedPerAddressButNotForTokens() async throws {
        try await withServer(intakeRateLimit: 2) { server in
            let body = complaint("Three hours on hold and nobody answered.", name: "Sam", language: "en")
            for _ in 0..<2 {
                #expect(try await server.send(.POST, "/api/v1/complaints", json: body).status == .created)
            }
            let limited = try await server.send(.POST, "/api/v1/complaints", json: body)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.json["error"] as? String == "rate_limited")
            let retryAfter = try #require(limited.headers.first(name: .retryAfter).flatMap(Int.init))
            #expect(retryAfter >= 1 && retryAfter <= 60)

            let token = try await server.agentToken(role: "agent")
            let viaAPI = try await server.send(.POST, "/api/v1/complaints", json: body, token: token)
            #expect(viaAPI.status == .created)
            let badToken = try await server.send(.POST, "/api/v1/complaints", json: body, token: "dfs_wrong")
            #expect(badToken.status == .unauthorized)
            #expect(try await server.count(Case.self) == 3)
        }
    }

    @Test func aBurstOfComplaintsIsWrittenInBatchesAndEachGetsItsOwnCase() async throws {
        try await withServer { server in
            // Concurrent requests meet in the intake queue and are written together.
            let replies = try await withThrowingTaskGroup(of: TestServer.Reply.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await server.send(.POST, "/api/v1/complaints", json: complaint(
                            "Парцела \(index) не пришла", name: "Клиент", email: "client\(index % 5)@example.ru"))
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(replies.allSatisfy { $0.status == .created })
            #expect(Set(replies.compactMap { $0.json["reference"] as? String }).count == 40)
            #expect(Set(replies.compactMap { $0.json["customer_id"] as? String }).count == 5)
            #expect(replies.allSatisfy { $0.json["language"] as? String == "ru" })
            #expect(try await server.count(Case.self) == 40)
            #expect(try await server.count(Customer.self) == 5)
        }
    }

    @Test func healthReportsTheDatabase() async throws {
        try await withServer { server in
            let health = try await server.send(.GET, "/healthz")
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            #expect(["sqlite", "postgresql"].contains(health.json["database"] as? String ?? ""))
            #expect(health.headers.first(name: "X-Request-Id")?.isEmpty == false)
        }
    }
}
