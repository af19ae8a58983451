// `--demo`: fills an empty desk with believable cases in six languages and two logins, so a newcomer sees it live.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

public struct DemoLogin: Sendable {
    public var role: String
    public var email: String
    public var password: String
    public var token: String
}

public enum DemoData {
    struct DemoCase: Decodable {
        struct Person: Decodable {
            var name: String
            var preferredName: String?
            var email: String?
            var phone: String?
            var language: String
            var yearlyValue: Double?
        }

        struct Line: Decodable {
            var direction: String
            var hoursAfter: Double
            var text: String
        }

        var business: String
        var customer: Person
        var channel: String
        var subject: String?
        var categories: [String]
        var priority: String
        var stage: String
        var fault: String
        var assignedTo: String?
        var daysAgo: Int
        var messages: [Line]
    }

    /// Loads the demo into an empty database and returns the logins to print; nil when there are cases already.
    public static func load(into app: Application, now: Date = Date()) async throws -> [DemoLogin]? {
        guard try await Case.query(on: app.db).count() == 0 else { return nil }
        guard let url = Bundle.module.url(forResource: "cases", withExtension: "json", subdirectory: "DemoData") else {
            throw ConfigError("the demo data file is missing from this build")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let cases = try decoder.decode([DemoCase].self, from: Data(contentsOf: url))
        let people = [
            (role: Role.manager, name: "Eleni Markou", email: "manager@demo.example", team: "Escalations",
             languages: ["el", "en", "es"]),
            (role: Role.agent, name: "Tomas Reyes", email: "agent@demo.example", team: "Front line",
             languages: ["es", "tl", "en", "tr", "ru"]),
        ]
        var logins: [DemoLogin] = []
        var staff: [String: Agent] = [:]
        for person in people {
            let password = Accounts.generatePassword()
            let hash = try await app.password.async.hash(password)
            let agent = try await app.db.write { db in
                try await Accounts.createAgent(
                    NewAgent(name: person.name, email: person.email, role: person.role.rawValue,
                             languages: person.languages, team: person.team, password: password),
                    hash: { _ in hash }, on: db)
            }
            let token = try await Accounts.issueToken(email: person.email, label: "demo", on: app.db)
            staff[person.role.rawValue] = agent
            logins.append(DemoLogin(role: person.role.rawValue, email: person.email, password: password, token: token))
        }
        let team = staff
        try await app.db.write { db in
            let references = try await CaseRecords.unusedReferences(cases.count, on: db)
            for (index, demo) in cases.enumerated() {
                try await store(demo, index: index, reference: references[index], staff: team, now: now, on: db)
            }
        }
        return logins
    }

    static func store(
        _ demo: DemoCase, index: Int, reference: String, staff: [String: Agent], now: Date, on db: any Database
    ) async throws {
        let email = demo.customer.email?.lowercased()
        let customer: Customer
        if let email, let existing = try await Customer.query(on: db).filter(\.$email == email).first() {
            customer = existing
        } else {
            customer = Customer(name: demo.customer.name, preferredName: demo.customer.preferredName, email: email,
                                phone: demo.customer.phone, language: demo.customer.language)
            customer.yearlyValue = demo.customer.yearlyValue
            try await customer.create(on: db)
        }
        // Spread cases over the day so the list does not look machine-made.
        let opened = now.addingTimeInterval(-Double(demo.daysAgo) * 86_400 - Double((index * 7_919) % 43_200))
        let priority = Priority(rawValue: demo.priority) ?? .normal
        let due = Policy.standard.targets.deadlines(openedAt: opened, priority: priority)
        let record = Case(
            id: TimeOrderedID.make(at: opened), reference: reference,
            customerID: try customer.requireID(), channel: demo.channel, language: demo.customer.language,
            subject: demo.subject, stage: demo.stage, priority: priority.rawValue, fault: demo.fault,
            createdAt: opened, firstResponseDue: due.firstResponse, resolutionDue: due.resolution)
        let assignee = demo.assignedTo.flatMap { staff[$0] }
        record.$assignee.id = assignee?.id
        let caseID = try record.requireID()
        var events: [CaseEvent] = [CaseEvent(caseID: caseID, actor: .customer, kind: "opened", after: record.reference,
                                             at: opened)]
        // Customers' messages are analysed and agents' replies reviewed, each against what the customer said last.
        var customerSaid: MessageAnalysis?
        let lines = demo.messages.map { line in
            let direction = MessageDirection(rawValue: line.direction) ?? .inbound
            let analysis = direction == .inbound ? Analyzer.shared.analyze(line.text) : nil
            if let analysis { customerSaid = analysis }
            return (at: min(now, opened.addingTimeInterval(line.hoursAfter * 3600)), direction: direction,
                    text: line.text, analysis: analysis,
                    coach: direction == .outbound ? Coach.shared.review(line.text, customer: customerSaid) : nil)
        }
        record.peakAnger = lines.compactMap { $0.analysis?.anger }.max()
        record.firstRespondedAt = lines.first { $0.direction == .outbound }?.at
        let last = lines.map(\.at).max() ?? opened
        record.updatedAt = last
        try await record.create(on: db)
        for category in Set(demo.categories).sorted() {
            try await CaseCategory(caseID: caseID, category: category).create(on: db)
        }
        for line in lines {
            let author = line.direction == .inbound ? nil : (assignee ?? staff["agent"])
            try await Message(
                id: TimeOrderedID.make(at: line.at), caseID: caseID, direction: line.direction.rawValue,
                authorID: author?.id, channel: demo.channel, text: line.text, language: demo.customer.language,
                analysis: line.analysis, coach: line.coach, createdAt: line.at
            ).create(on: db)
        }
        if let assignee {
            events.append(CaseEvent(caseID: caseID, actor: .system, kind: "assigned", after: assignee.email,
                                    at: opened.addingTimeInterval(600)))
        }
        if demo.stage != Stage.new.rawValue {
            events.append(CaseEvent(caseID: caseID, actor: .system, kind: "stage_changed", before: Stage.new.rawValue,
                                    after: demo.stage, at: last))
        }
        for event in events { try await event.create(on: db) }
    }
}
