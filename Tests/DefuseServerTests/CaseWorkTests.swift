// Agents list, filter and page cases, change their details and write messages; every change leaves an event.
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct CaseWorkTests {
    @Test func changesAreAppliedAndLoggedWithBeforeAndAfter() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent", email: "nikos@example.com")
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "Nag-order ako ng pizza, 2 hours na wala pa rin!", name: "Jun", language: "tl"))
            let reference = try #require(created.json["reference"] as? String)
            let path = "/api/v1/cases/\(reference)"
            let patched = try await server.send(.PATCH, path, json: [
                "assignee": "nikos@example.com", "priority": "high", "categories": ["waiting", "quality", "waiting"],
                "fault": "ours", "team": "Delivery",
            ], token: token)
            #expect(patched.status == .ok)
            let record = try #require(patched.json["case"] as? [String: Any])
            #expect(record["priority"] as? String == "high")
            #expect(record["fault"] as? String == "ours")
            #expect(record["team"] as? String == "Delivery")
            #expect(record["categories"] as? [String] == ["waiting", "quality"])
            #expect((record["assignee"] as? [String: Any])?["email"] as? String == "nikos@example.com")
            let events = try #require(patched.json["events"] as? [[String: Any]])
            let kinds = events.map { $0["kind"] as? String ?? "" }
            #expect(kinds == ["opened", "acknowledged_receipt", "assigned", "priority_changed", "fault_changed", "team_changed",
                              "categories_changed"])
            let priority = try #require(events.first { $0["kind"] as? String == "priority_changed" })
            #expect(priority["before"] as? String == "normal")
            #expect(priority["after"] as? String == "high")
            #expect(priority["actor"] as? String == "Test Agent")

            // Clearing the assignee is a change too; repeating a value is not.
            let cleared = try await server.send(.PATCH, path, json: ["assignee": NSNull(), "priority": "high"],
                                                token: token)
            let after = try #require(cleared.json["events"] as? [[String: Any]])
            #expect(after.count == events.count + 1)
            #expect((cleared.json["case"] as? [String: Any])?["assignee"] == nil)
        }
    }

    @Test func messagesAreAddedAndTheFirstReplyIsRecorded() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                "Интернет не работает третий день.", name: "Ольга", language: "ru"))
            let reference = try #require(created.json["reference"] as? String)
            let path = "/api/v1/cases/\(reference)"
            let note = try await server.send(.POST, "\(path)/messages",
                                             json: ["direction": "note", "text": "Проверить узел связи"], token: token)
            #expect(note.status == .created)
            #expect((note.json["author"] as? [String: Any])?["name"] as? String == "Test Agent")
            let reply = try await server.send(.POST, "\(path)/messages", json: [
                "direction": "outbound", "text": "Ольга, простите за неудобства. Мастер приедет сегодня до 18:00.",
            ], token: token)
            #expect(reply.status == .created)
            #expect(reply.json["channel"] as? String == "web")
            let detail = try await server.send(.GET, path, token: token)
            let record = try #require(detail.json["case"] as? [String: Any])
            #expect(record["first_responded_at"] is String)
            let messages = try #require(detail.json["messages"] as? [[String: Any]])
            #expect(messages.map { $0["direction"] as? String ?? "" } == ["inbound", "outbound", "note", "outbound"])
        }
    }

    @Test func listFiltersAndPagesNewestFirst() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            var references: [String] = []
            for (index, language) in ["el", "es", "tr", "ru", "tl", "en", "es"].enumerated() {
                let created = try await server.send(.POST, "/api/v1/complaints", json: complaint(
                    "complaint number \(index)", name: "Customer \(index)", language: language))
                references.append(try #require(created.json["reference"] as? String))
            }
            _ = try await server.send(.PATCH, "/api/v1/cases/\(references[1])", json: ["categories": ["pricing"]],
                                      token: token)
            _ = try await server.send(.PATCH, "/api/v1/cases/\(references[4])", json: ["categories": ["pricing", "staff"]],
                                      token: token)

            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await server.send(
                    .GET, "/api/v1/cases?limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
                #expect(page.status == .ok)
                let cases = try #require(page.json["cases"] as? [[String: Any]])
                #expect(cases.count <= 3)
                seen += cases.compactMap { $0["reference"] as? String }
                cursor = page.json["next_cursor"] as? String
            } while cursor != nil
            #expect(seen == references.reversed())

            let pricing = try await server.send(.GET, "/api/v1/cases?category=pricing", token: token)
            #expect((pricing.json["cases"] as? [[String: Any]])?.compactMap { $0["reference"] as? String }
                == [references[4], references[1]])
            let spanish = try await server.send(.GET, "/api/v1/cases?language=es", token: token)
            #expect((spanish.json["cases"] as? [Any])?.count == 2)
            let fresh = try await server.send(.GET, "/api/v1/cases?stage=new&created_from=2000-01-01", token: token)
            #expect((fresh.json["cases"] as? [Any])?.count == 7)
            let future = try await server.send(.GET, "/api/v1/cases?created_from=2999-01-01", token: token)
            #expect((future.json["cases"] as? [Any])?.isEmpty == true)
            let unassigned = try await server.send(.GET, "/api/v1/cases?assignee=none", token: token)
            #expect((unassigned.json["cases"] as? [Any])?.count == 7)
        }
    }
}
