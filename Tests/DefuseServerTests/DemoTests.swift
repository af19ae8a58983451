// `--demo` fills an empty desk with a living sample, and never touches a desk that has cases.
@testable import DefuseServer
import DefuseStore
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

            // A second run leaves the desk alone.
            #expect(try await DemoData.load(into: server.app) == nil)
            #expect(try await Case.query(on: server.app.db).count() == cases.count)
        }
    }
}
