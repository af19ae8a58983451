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
             languages: ["el", "en", "es"], skills: ["billing", "refunds"]),
            (role: Role.agent, name: "Tomas Reyes", email: "agent@demo.example", team: "Front line",
             languages: ["es", "tl", "en", "tr", "ru"], skills: ["delivery", "technical"]),
        ]
        var logins: [DemoLogin] = []
        var staff: [String: Agent] = [:]
        for person in people {
            let password = Accounts.generatePassword()
            let hash = try await app.password.async.hash(password)
            let agent = try await app.db.write { db in
                try await Accounts.createAgent(
                    NewAgent(name: person.name, email: person.email, role: person.role.rawValue,
                             languages: person.languages, team: person.team, skills: person.skills,
                             password: password),
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
        if [Stage.resolved.rawValue, Stage.closed.rawValue].contains(demo.stage) { record.resolvedAt = last }
        try await record.create(on: db)
        for category in Set(demo.categories).sorted() {
            try await CaseCategory(caseID: caseID, category: category, language: record.language).create(on: db)
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
        if let owner = assignee ?? staff["agent"] {
            try await addPlaybook(to: record, stage: Stage(rawValue: demo.stage) ?? .new, index: index, owner: owner,
                                  at: last, now: now, on: db)
        }
    }

    /// What a case at its stage would have by now: options on offer, a manager's decision pending, promises open,
    /// kept or late, surveys sent and answered; so the playbook's lists and reports have something to show.
    static func addPlaybook(
        to record: Case, stage: Stage, index: Int, owner: Agent, at last: Date, now: Date, on db: any Database
    ) async throws {
        let actor = Actor(agentID: try owner.requireID(), label: owner.name)
        let ours = record.fault == Fault.ours.rawValue
        let small = RemedyOption(kind: ours ? .storeCredit : .discount, amount: Decimal(10 + index % 4 * 5),
                                 detail: nil)
        let inKind = RemedyOption(kind: index % 2 == 0 ? .replacement : .repair)
        switch stage {
        case .agreeing where index % 2 == 0:
            let large = RemedyOption(kind: .refund, amount: Decimal(120 + index % 5 * 40))
            _ = try await OfferRecords.create(
                on: record, [WeighedOption(option: large, verdict: .escalate([
                    "EUR \(NSDecimalNumber(decimal: large.amount ?? 0).stringValue) is above the agent limit of EUR 50 per case",
                ]))], currency: "EUR", by: actor, at: last, on: db)
        case .awaitingApproval:
            let made = try await OfferRecords.create(
                on: record, [WeighedOption(option: small, verdict: .offer(fastPath: ours)),
                             WeighedOption(option: inKind, verdict: .offer(fastPath: false))],
                currency: "EUR", by: actor, at: last, on: db)
            made.offer.linkExpiresAt = now.addingTimeInterval(OfferRecords.linkLifetime)
            try await made.offer.update(on: db)
            record.waitingSince = last
            try await record.update(on: db)
        case .inProgress, .resolved, .closed:
            let made = try await OfferRecords.create(
                on: record, [WeighedOption(option: inKind, verdict: .offer(fastPath: false)),
                             WeighedOption(option: small, verdict: .offer(fastPath: ours))],
                currency: "EUR", by: actor, at: last.addingTimeInterval(-7200), on: db)
            let chosen = try await OfferRecords.approve(made.offer, option: try made.options[index % 2].requireID(),
                                                        at: last.addingTimeInterval(-3600), on: db)
            // Most promises are kept; some in progress are already late, a few resolved ones were done late.
            let due: Date
            if stage == .inProgress {
                due = now.addingTimeInterval(index % 3 == 0 ? -3 * 3600 : Double(4 + index % 44) * 3600)
            } else {
                due = last.addingTimeInterval(Double(24 + index % 48) * 3600)
            }
            let commitment = Commitment(
                id: TimeOrderedID.make(at: last), caseID: try record.requireID(), what: "Deliver \(chosen.kind)",
                ownerID: try owner.requireID(), dueAt: due, createdBy: nil, createdAt: last.addingTimeInterval(-3600))
            if stage != .inProgress {
                commitment.doneAt = index % 7 == 0 ? due.addingTimeInterval(5 * 3600) : min(now, last)
            }
            try await commitment.create(on: db)
            guard stage != .inProgress else { return }
            let survey = try await SurveyRecords.create(on: record, at: min(now, last), on: db)
            if stage == .closed {
                try await SurveyRecords.answer(survey, score: [5, 4, 5, 3, 4, 2, 5][index % 7], comment: nil,
                                               rejectsOutcome: false, at: min(now, last.addingTimeInterval(7200)), on: db)
            }
        default:
            break
        }
    }
}
