// The store on a real SQLite file: migrations, opening cases, the append-only log, and paging.
import DefuseAnalysis
import DefuseCore
@testable import DefuseStore
import FluentSQLiteDriver
import Foundation
import Logging
import NIOPosix
import Testing

/// A migrated temp-file SQLite database for one test, shut down and deleted afterwards.
func withDatabase(_ body: (any Database) async throws -> Void) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("defuse-store-\(UUID()).sqlite").path
    let databases = Databases(threadPool: NIOThreadPool.singleton, on: MultiThreadedEventLoopGroup.singleton)
    databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
    let migrations = Migrations()
    Schema.register(on: databases, migrations: migrations)
    let logger = Logger(label: "store-test")
    let migrator = Migrator(databases: databases, migrations: migrations, logger: logger,
                            on: MultiThreadedEventLoopGroup.singleton.any())
    do {
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
        let db = databases.database(logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())!
        try await body(db)
    } catch {
        await databases.shutdownAsync()
        try? FileManager.default.removeItem(atPath: path)
        throw error
    }
    await databases.shutdownAsync()
    try? FileManager.default.removeItem(atPath: path)
}

/// A case opening for a complaint checked the way the API checks it.
func opening(_ text: String, email: String? = nil, language: Language? = nil, at date: Date = Date(),
             categories: [DefuseAnalysis.Category] = []) throws -> CaseOpening {
    let complaint = try ComplaintIntake.validate(ComplaintSubmission(
        customerName: "Test Customer", customerEmail: email, customerLanguage: language?.rawValue, text: text))
    return CaseOpening(complaint: complaint, defaultLanguage: "en", categories: categories, openedAt: date)
}

@Test func openingACaseStoresCustomerMessageAndEvent() async throws {
    try await withDatabase { db in
        let record = try await db.write { db in
            try await CaseRecords.open(try opening("La cuenta tenía un cargo doble.", email: "pablo@example.es",
                                               language: .es, categories: [.pricing]), on: db)
        }
        #expect(record.language == "es")
        #expect(record.stage == "new")
        let detail = try await CaseRecords.detail(reference: record.reference, on: db)
        #expect(detail.messages.count == 1)
        #expect(detail.events.map(\.kind) == ["opened"])
        #expect(detail.categories.map(\.category) == ["pricing"])
        let again = try await db.write { db in
            try await CaseRecords.open(try opening("Otra vez el cargo doble.", email: "PABLO@example.es"), on: db)
        }
        #expect(again.$customer.id == record.$customer.id)
        #expect(again.language == "es")  // remembered from the customer
    }
}

@Test func eventsCannotBeChangedOrDeleted() async throws {
    try await withDatabase { db in
        let record = try await db.write { db in try await CaseRecords.open(try opening("Broken kettle"), on: db) }
        let caseID = try record.requireID()
        let event = try #require(try await CaseEvent.query(on: db).filter(\.$case.$id == caseID).first())
        event.kind = "rewritten"
        await #expect(throws: AppendOnlyViolation.self) { try await event.update(on: db) }
        await #expect(throws: AppendOnlyViolation.self) { try await event.delete(on: db) }
        let stored = try await CaseEvent.query(on: db).all()
        #expect(stored.map(\.kind) == ["opened"])
    }
}

struct Interrupted: Error {}

@Test func aFailedOperationLeavesNothingBehind() async throws {
    try await withDatabase { (db: any Database) async throws -> Void in
        do {
            try await db.write { db in
                _ = try await CaseRecords.open(try opening("Half-written?", email: "half@example.com"), on: db)
                throw Interrupted()
            }
            Issue.record("the interrupted write should have failed")
        } catch is Interrupted {}
        let counts = [try await Case.query(on: db).count(), try await Customer.query(on: db).count(),
                      try await Message.query(on: db).count()]
        #expect(counts == [0, 0, 0])
    }
}

@Test func listPagesByCreationAndFiltersByCategory() async throws {
    try await withDatabase { db in
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var references: [String] = []
        for index in 0..<9 {
            let record = try await db.write { db in
                try await CaseRecords.open(
                    opening("case \(index)", at: start.addingTimeInterval(Double(index) * 60),
                            categories: index.isMultiple(of: 3) ? [.waiting] : [.quality]), on: db)
            }
            references.append(record.reference)
        }
        var seen: [String] = []
        var query = CaseListQuery(limit: 4)
        while true {
            let page = try await CaseRecords.list(query, on: db)
            seen += page.cases.map(\.reference)
            guard let next = page.next else { break }
            query.before = next
        }
        #expect(seen == references.reversed())
        let waiting = try await CaseRecords.list(CaseListQuery(category: .waiting), on: db)
        #expect(waiting.cases.map(\.reference) == [references[6], references[3], references[0]])
        let window = try await CaseRecords.list(
            CaseListQuery(createdFrom: start.addingTimeInterval(120), createdTo: start.addingTimeInterval(300)), on: db)
        #expect(window.cases.count == 3)
    }
}

@Test func aBatchOfComplaintsSharesNewCustomersAndGetsDistinctReferences() async throws {
    try await withDatabase { db in
        let openings = try [
            opening("Πρώτο παράπονο", email: "nikos@example.gr", language: .el),
            opening("Segunda queja", email: "marta@example.es"),
            opening("Και δεύτερο", email: "NIKOS@example.gr"),
            opening("Sin email"),
        ]
        let cases = try await db.write { db in try await CaseRecords.open(openings, on: db) }
        #expect(cases.count == 4)
        #expect(Set(cases.map(\.reference)).count == 4)
        #expect(cases[0].$customer.id == cases[2].$customer.id)
        #expect(cases[0].$customer.id != cases[1].$customer.id)
        #expect(cases[2].language == "el")  // the customer's language, known from earlier in the same batch
        #expect(try await Customer.query(on: db).count() == 3)
        #expect(try await Message.query(on: db).count() == 4)
        #expect(try await CaseEvent.query(on: db).filter(\.$kind == "opened").count() == 4)
        // What the batch stored reads back through the models.
        let detail = try await CaseRecords.detail(reference: cases[1].reference, on: db)
        #expect(detail.messages.first?.text == "Segunda queja")
    }
}

@Test func waitingOnTheCustomerPausesTheResolutionClockInBusinessHours() throws {
    // Monday 2026-11-23 10:00 UTC; the standard week opens 09:00-17:00.
    let monday10 = Date(timeIntervalSince1970: 1_795_428_000)
    let desk = Desk(organisation: "Test", defaultLanguage: "en", policy: .standard, timeZone: TimeZone(identifier: "UTC")!, linkSecret: "k")
    let record = Case(id: UUID(), reference: "C-TEST1", customerID: UUID(), channel: "web", language: "en",
                      subject: nil, stage: "agreeing", priority: "normal", fault: "ours", createdAt: monday10,
                      firstResponseDue: monday10, resolutionDue: monday10.addingTimeInterval(3 * 86_400))
    PlaybookRecords.pauseClock(record, at: monday10)
    PlaybookRecords.pauseClock(record, at: monday10.addingTimeInterval(3600))  // already waiting: the start stays
    #expect(record.waitingSince == monday10)
    // The customer answers at 12:00 on Tuesday: 7 business hours on Monday and 3 on Tuesday were spent waiting.
    PlaybookRecords.resumeClock(record, desk: desk, at: monday10.addingTimeInterval(26 * 3600))
    #expect(record.waitingSince == nil)
    // Thursday 10:00 plus 10 business hours is Friday 12:00.
    #expect(record.resolutionDue == monday10.addingTimeInterval(4 * 86_400 + 2 * 3600))
}
