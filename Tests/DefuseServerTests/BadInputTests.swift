// Bad input gets a clear 4xx naming the field and the problem, and leaves nothing half-written.
import DefuseStore
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct BadInputTests {
    @Test func badComplaintsAreRejectedAndNothingIsStored() async throws {
        try await withServer { server in
            let tooLong = String(repeating: "ñ", count: 20_001)
            let cases: [(String, Data?, [String: Any]?, HTTPResponseStatus, String?)] = [
                ("malformed JSON", Data(#"{"customer": {"name": "Ana"}, "text": "hola"#.utf8), nil, .badRequest, nil),
                ("not an object", Data("[1, 2]".utf8), nil, .badRequest, nil),
                ("invalid UTF-8", Data([0x7B, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]),
                 nil, .badRequest, nil),
                ("empty body", Data(), nil, .badRequest, nil),
                ("wrong type", nil, ["customer": ["name": 42], "text": "hola"], .unprocessableEntity, "customer.name"),
                ("customer not an object", nil, ["customer": "Ana", "text": "hola"], .unprocessableEntity, "customer"),
                ("missing text", nil, ["customer": ["name": "Ana"]], .unprocessableEntity, "text"),
                ("empty text", nil, ["customer": ["name": "Ana"], "text": "   "], .unprocessableEntity, "text"),
                ("text too long", nil, ["customer": ["name": "Ana"], "text": tooLong], .unprocessableEntity, "text"),
                ("missing customer", nil, ["text": "hola"], .unprocessableEntity, "customer.name"),
                ("bad email", nil, ["customer": ["name": "Ana", "email": "ana@"], "text": "hola"],
                 .unprocessableEntity, "customer.email"),
                ("unknown language", nil, ["customer": ["name": "Ana", "language": "xx"], "text": "hola"],
                 .unprocessableEntity, "customer.language"),
                ("unknown channel", nil, ["customer": ["name": "Ana"], "channel": "fax", "text": "hola"],
                 .unprocessableEntity, "channel"),
            ]
            for (name, raw, json, status, field) in cases {
                let reply = try await server.send(.POST, "/api/v1/complaints", json: json, raw: raw)
                #expect(reply.status == status, "\(name)")
                #expect(reply.json["error"] is String, "\(name): \(reply.text)")
                #expect(reply.json["message"] is String, "\(name)")
                #expect(reply.json["field"] as? String == field, "\(name): \(reply.text)")
            }
            // A body over 256 KiB is refused before it is read.
            let huge = Data(String(repeating: "a", count: 300 * 1024).utf8)
            let tooLarge = try await server.send(.POST, "/api/v1/complaints", raw: huge)
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.json["error"] as? String == "payload_too_large")
            // Not JSON at all.
            let form = try await server.send(.POST, "/api/v1/complaints", raw: Data("text=hi".utf8),
                                             contentType: "application/x-www-form-urlencoded")
            #expect(form.status == .badRequest)

            #expect(try await server.count(Case.self) == 0)
            #expect(try await server.count(Customer.self) == 0)
            #expect(try await server.count(Message.self) == 0)
        }
    }

    @Test func badChangesToACaseAreRejectedAndChangeNothing() async throws {
        try await withServer { server in
            let token = try await server.agentToken(role: "agent")
            let created = try await server.send(.POST, "/api/v1/complaints",
                                                json: complaint("Kargom kayboldu", name: "Emre", language: "tr"))
            let reference = try #require(created.json["reference"] as? String)
            let path = "/api/v1/cases/\(reference)"
            let bad: [([String: Any], String?)] = [
                (["priority": "whenever"], "priority"),
                (["fault": "gremlins"], "fault"),
                (["categories": ["waiting", "noise"]], "categories[1]"),
                (["categories": "waiting"], "categories"),
                (["assignee": "ghost@example.com"], "assignee"),
                (["priority": "high", "fault": "nobody"], "fault"),
                ([:], nil),
            ]
            for (body, field) in bad {
                let reply = try await server.send(.PATCH, path, json: body, token: token)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(body)")
                #expect(reply.json["field"] as? String == field, "\(body): \(reply.text)")
            }
            let detail = try await server.send(.GET, path, token: token)
            let record = try #require(detail.json["case"] as? [String: Any])
            #expect(record["priority"] as? String == "normal")  // the half-good patch changed nothing
            #expect((detail.json["events"] as? [[String: Any]])?.map { $0["kind"] as? String ?? "" }
                == ["opened", "acknowledged_receipt"])

            let unknown = try await server.send(.GET, "/api/v1/cases/C-ZZZZZ", token: token)
            #expect(unknown.status == .notFound)
            #expect(unknown.json["field"] as? String == "reference")
            let message = try await server.send(.POST, "/api/v1/cases/C-ZZZZZ/messages",
                                                json: ["direction": "note", "text": "x"], token: token)
            #expect(message.status == .notFound)
            let noText = try await server.send(.POST, "\(path)/messages", json: ["direction": "outbound"], token: token)
            #expect(noText.json["field"] as? String == "text")
            let badDirection = try await server.send(.POST, "\(path)/messages",
                                                     json: ["direction": "sideways", "text": "x"], token: token)
            #expect(badDirection.json["field"] as? String == "direction")
            let badFilter = try await server.send(.GET, "/api/v1/cases?min_anger=7", token: token)
            #expect(badFilter.status == .unprocessableEntity)
            #expect(badFilter.json["field"] as? String == "min_anger")
            #expect(try await server.count(Message.self) == 2)  // the complaint and its acknowledgement
        }
    }
}
