// `--demo` fills an empty desk with a living sample, and never touches a desk that has cases.
@testable import DefuseServer
import DefuseStore
import Fluent
import Foundation
import Testing
import Vapor

@Suite(.serialized) struct DemoTests {
    @Test func demoFillsAnEmptyDeskInSixLanguages() async throws {
        try await withServer { server in
            let logins = try #require(try await DemoData.load(into: server.app))
            #expect(logins.map(\.role) == ["manager", "agent"])
            let cases = try await Case.query(on: server.app.db).all()
            #expect((180...220).contains(cases.count))
            #expect(Set(cases.map(\.language)) == ["el", "es", "tr", "ru", "tl", "en"])
            #expect(Set(cases.map(\.stage)).count >= 9)
            #expect(try await CaseCategory.query(on: server.app.db).unique().all(\.$category).count == 6)

            // The printed logins work.
            let token = try #require(logins.last?.token)
            let list = try await server.send(.GET, "/api/v1/cases?limit=5", token: token)
            #expect(list.status == .ok)
            #expect((list.json["cases"] as? [Any])?.count == 5)
            let agents = try await server.send(.GET, "/api/v1/agents", token: logins[0].token)
            #expect(agents.status == .ok)

            // The playbook is alive too: options waiting on customers, decisions waiting on the manager, promises
            // open, late and kept, surveys answered.
            let manager = logins[0].token
            let pending = try await server.send(.GET, "/api/v1/escalations?state=pending", token: manager)
            let escalations = try #require(pending.json["escalations"] as? [Any])
            #expect(escalations.count >= 5)
            for state in ["overdue", "open"] {
                let listed = try await server.send(.GET, "/api/v1/commitments?state=\(state)", token: manager)
                let commitments = try #require(listed.json["commitments"] as? [Any])
                #expect(commitments.count >= 3, "\(state)")
            }
            let promises = try await server.send(.GET, "/api/v1/reports/promises", token: manager)
            let rate = try #require((promises.json["overall"] as? [String: Any])?["rate"] as? Double)
            #expect(rate > 0.5 && rate < 1)
            #expect(try await Offer.query(on: server.app.db).filter(\.$state == "open").count() >= 10)
            #expect(try await Survey.query(on: server.app.db).filter(\.$score != nil).count() >= 10)

            // A second run leaves the desk alone.
            #expect(try await DemoData.load(into: server.app) == nil)
            #expect(try await Case.query(on: server.app.db).count() == cases.count)
        }
    }
}
