// Case list parameters are parsed strictly, and a cursor comes back as the id it was made from.
import DefuseAnalysis
import DefuseCore
import Foundation
import Testing

@Test func listParametersAreParsed() throws {
    let id = TimeOrderedID.make()
    let query = try CaseListQuery.parse([
        "stage": "awaiting_approval", "category": "waiting", "language": "tl", "min_anger": "2",
        "created_from": "2026-11-01", "created_to": "2026-11-23T10:00:00Z", "limit": "20",
        "cursor": CaseCursor.encode(id), "assignee": "Agent@Demo.example",
    ])
    #expect(query.stage == .awaitingApproval)
    #expect(query.category == .waiting)
    #expect(query.language == .tl)
    #expect(query.minAnger == 2)
    #expect(query.limit == 20)
    #expect(query.before == id)
    #expect(query.assignee == .email("agent@demo.example"))
    #expect(query.createdFrom == Date(timeIntervalSince1970: 1_793_491_200))
}

@Test func badListParametersNameTheParameter() {
    let cases: [(String, String)] = [
        ("stage", "lost"), ("category", "noise"), ("min_anger", "9"), ("limit", "0"), ("limit", "5000"),
        ("created_from", "yesterday"), ("cursor", "!!"), ("language", "de"),
    ]
    for (name, value) in cases {
        #expect(throws: DefuseError.self) { try CaseListQuery.parse([name: value]) }
        do {
            _ = try CaseListQuery.parse([name: value])
        } catch {
            #expect(error.field == name)
        }
    }
}
