// Every agent route needs a token; roles are enforced on the server.
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct AccessTests {
    @Test func agentRoutesNeedAValidToken() async throws {
        try await withServer { server in
            for path in ["/api/v1/cases", "/api/v1/cases/C-ABCDE", "/api/v1/customers?email=a@b.co", "/api/v1/settings"] {
                let anonymous = try await server.send(.GET, path)
                #expect(anonymous.status == .unauthorized, "\(path)")
                #expect(anonymous.json["error"] as? String == "unauthenticated")
                let forged = try await server.send(.GET, path, token: "dfs_forged_token_value")
                #expect(forged.status == .unauthorized, "\(path)")
            }
        }
    }

    @Test func rolesAreEnforcedOnTheServer() async throws {
        try await withServer { server in
            let agent = try await server.agentToken(role: "agent")
            let manager = try await server.agentToken(role: "manager")
            let admin = try await server.agentToken(role: "admin")
            #expect(try await server.send(.GET, "/api/v1/agents", token: agent).status == .forbidden)
            #expect(try await server.send(.GET, "/api/v1/agents", token: manager).status == .ok)

            let newAgent: [String: Any] = ["name": "Aylin Demir", "email": "aylin@example.com", "role": "agent",
                                           "languages": ["tr", "en"], "password": "a long enough secret"]
            #expect(try await server.send(.POST, "/api/v1/agents", json: newAgent, token: manager).status == .forbidden)
            let created = try await server.send(.POST, "/api/v1/agents", json: newAgent, token: admin)
            #expect(created.status == .created)
            #expect(created.json["password_hash"] == nil)
            #expect(created.json["languages"] as? [String] == ["tr", "en"])
            let again = try await server.send(.POST, "/api/v1/agents", json: newAgent, token: admin)
            #expect(again.status == .conflict)
            #expect(again.json["field"] as? String == "email")

            let settings: [String: Any] = ["name": "Kafe Plaka", "default_language": "el", "time_zone": "Europe/Athens"]
            #expect(try await server.send(.PATCH, "/api/v1/settings", json: settings, token: agent).status == .forbidden)
            let updated = try await server.send(.PATCH, "/api/v1/settings", json: settings, token: admin)
            #expect(updated.status == .ok)
            #expect(updated.json["default_language"] as? String == "el")
            let badZone = try await server.send(.PATCH, "/api/v1/settings", json: ["time_zone": "Mars/Olympus"],
                                                token: admin)
            #expect(badZone.json["field"] as? String == "time_zone")

            // The organisation's language now applies to complaints that give none.
            let created2 = try await server.send(.POST, "/api/v1/complaints", json: complaint("?", name: "Anon"))
            #expect(created2.json["language"] as? String == "el")
        }
    }
}
