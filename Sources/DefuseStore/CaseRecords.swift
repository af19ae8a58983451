// Opening, listing, reading and changing cases; each change leaves an event.
import DefuseAnalysis
import DefuseCore
import Fluent
import Foundation

/// Everything about a new case that is decided before it is stored.
public struct CaseOpening: Sendable {
    public var complaint: ValidComplaint
    /// The language the text was read as, when the analyzer could tell.
    public var detectedLanguage: String?
    /// The organisation's language, used when nothing better is known.
    public var defaultLanguage: String
    public var priority: Priority
    public var categories: [Category]
    public var analysis: MessageAnalysis?
    public var targets: ServiceTargets
    /// The desk's hours: deadlines count business time only.
    public var calendar: BusinessCalendar
    /// Who answers: with it, the customer gets an acknowledgement in their language that sets expectations.
    public var organisation: String?
    public var openedAt: Date

    public init(
        complaint: ValidComplaint, detectedLanguage: String? = nil, defaultLanguage: String = "en",
        priority: Priority = .normal, categories: [Category] = [],
        analysis: MessageAnalysis? = nil, targets: ServiceTargets = Policy.standard.targets,
        calendar: BusinessCalendar = .always(), organisation: String? = nil, openedAt: Date = Date()
    ) {
        self.complaint = complaint
        self.detectedLanguage = detectedLanguage
        self.defaultLanguage = defaultLanguage
        self.priority = priority
        self.categories = categories
        self.analysis = analysis
        self.targets = targets
        self.calendar = calendar
        self.organisation = organisation
        self.openedAt = openedAt
    }
}

/// The changes an agent may make to a case's details; nil means "leave as it is".
public struct CaseChanges: Sendable, Equatable {
    public enum Assignment: Sendable, Equatable {
        case agent(UUID)
        case nobody
    }

    public var assignee: Assignment?
    public var priority: Priority?
    public var categories: [Category]?
    public var fault: Fault?
    public var team: String??

    public init(
        assignee: Assignment? = nil, priority: Priority? = nil, categories: [Category]? = nil, fault: Fault? = nil,
        team: String?? = nil
    ) {
        self.assignee = assignee
        self.priority = priority
        self.categories = categories
        self.fault = fault
        self.team = team
    }
}

public enum CaseRecords {
    /// Opens a case for a complaint: finds or creates the customer, stores the case, its categories, the first
    /// message and the `opened` event. Call inside `Database.write` so it is all or nothing.
    public static func open(_ opening: CaseOpening, on db: any Database) async throws -> Case {
        try await open([opening], on: db)[0]
    }

    /// Opens several cases with one statement per table, so a burst of complaints shares one transaction and one
    /// sync to disk (see `IntakeQueue`). The cases come back in the order of `openings`.
    public static func open(_ openings: [CaseOpening], on db: any Database) async throws -> [Case] {
        let customers = try await CustomerRecords.findOrCreate(for: openings.map(\.complaint), on: db)
        var references = try await unusedReferences(openings.count, on: db)
        var cases: [Case] = []
        var categories: [CaseCategory] = []
        var messages: [Message] = []
        var events: [CaseEvent] = []
        for (opening, customer) in zip(openings, customers) {
            // What the customer chose beats what we read in the text, which beats what we knew, then the default.
            let language = opening.complaint.customerLanguage?.rawValue ?? opening.detectedLanguage
                ?? customer.language ?? opening.defaultLanguage
            let due = opening.targets.deadlines(openedAt: opening.openedAt, priority: opening.priority,
                                                calendar: opening.calendar)
            let caseID = TimeOrderedID.make(at: opening.openedAt)
            let record = Case(
                id: caseID, reference: references.removeLast(), customerID: try customer.requireID(),
                channel: opening.complaint.channel.rawValue, language: language, subject: opening.complaint.subject,
                stage: Stage.new.rawValue, priority: opening.priority.rawValue, fault: Fault.unknown.rawValue,
                createdAt: opening.openedAt, firstResponseDue: due.firstResponse, resolutionDue: due.resolution)
            record.peakAnger = opening.analysis?.anger
            record.alarm = opening.analysis.map { $0.abuse || $0.threat }
            record.$customer.value = customer
            let found = Set(opening.categories + (opening.analysis?.categories ?? [])).sorted()
            let caseCategories = found.map { category in
                let row = CaseCategory(caseID: caseID, category: category.rawValue, language: language)
                row.id = UUID()
                return row
            }
            record.$categories.value = caseCategories
            categories += caseCategories
            messages.append(Message(
                id: TimeOrderedID.make(at: opening.openedAt), caseID: caseID,
                direction: MessageDirection.inbound.rawValue, authorID: nil,
                channel: opening.complaint.channel.rawValue, text: opening.complaint.text,
                language: opening.analysis.map { $0.language == "und" ? language : $0.language } ?? language,
                analysis: opening.analysis, createdAt: opening.openedAt))
            events.append(CaseEvent(caseID: caseID, actor: .customer, kind: "opened", after: record.reference,
                                    at: opening.openedAt))
            if let organisation = opening.organisation {
                let text = CustomerMessages.acknowledgement(AcknowledgementFacts(
                    language: language, customerName: customer.preferredName ?? customer.name,
                    reference: record.reference, firstResponseDue: due.firstResponse,
                    timeZone: opening.calendar.timeZone, organisation: organisation))
                // A moment after the complaint, so the conversation reads in order.
                let sent = opening.openedAt.addingTimeInterval(0.001)
                messages.append(Message(
                    id: TimeOrderedID.make(at: sent), caseID: caseID, direction: MessageDirection.outbound.rawValue,
                    authorID: nil, channel: opening.complaint.channel.rawValue, text: text, language: language,
                    analysis: nil, createdAt: sent))
                events.append(CaseEvent(caseID: caseID, actor: .system, kind: "acknowledged_receipt",
                                        after: language, at: sent))
            }
            cases.append(record)
        }
        try await BulkInsert.insert(into: Case.schema, columns: Case.insertColumns, rows: cases.map(\.insertRow), on: db)
        try await BulkInsert.insert(into: CaseCategory.schema, columns: CaseCategory.insertColumns,
                                    rows: categories.map(\.insertRow), on: db)
        try await BulkInsert.insert(into: Message.schema, columns: Message.insertColumns,
                                    rows: messages.map(\.insertRow), on: db)
        try await BulkInsert.insert(into: CaseEvent.schema, columns: CaseEvent.insertColumns,
                                    rows: events.map(\.insertRow), on: db)
        for record in cases { record.$id.exists = true }
        return cases
    }

    /// `count` distinct references no stored case has, checked with one query per round. With a million cases
    /// about 3% of fresh references are taken, so a second round is common and a third rare; a race with another
    /// instance still ends at the unique index, and `Database.write` retries.
    public static func unusedReferences(_ count: Int, on db: any Database) async throws -> [String] {
        var chosen = Set<String>()
        for _ in 0..<10 where chosen.count < count {
            let candidates = Set((0..<(count - chosen.count)).map { _ in CaseReference.make() }).subtracting(chosen)
            let taken = try await Case.query(on: db).filter(\.$reference ~~ Array(candidates)).all(\.$reference)
            chosen.formUnion(candidates.subtracting(taken))
        }
        guard chosen.count == count else { throw DefuseError.conflict("could not find free case references") }
        return Array(chosen)
    }

    /// The case with this public reference, or a not-found error naming it.
    public static func require(reference: String, on db: any Database) async throws -> Case {
        guard let normalised = CaseReference.normalise(reference),
              let record = try await Case.query(on: db).filter(\.$reference == normalised).first()
        else { throw DefuseError.notFound("case \(reference)", field: "reference") }
        return record
    }

    /// One page of cases, newest first, and the id to continue after when there are more.
    public static func list(_ query: CaseListQuery, on db: any Database) async throws -> (cases: [Case], next: UUID?) {
        let builder = Case.query(on: db)
        if let stage = query.stage { builder.filter(\.$stage == stage.rawValue) }
        if let language = query.language { builder.filter(\.$language == language.rawValue) }
        if let minAnger = query.minAnger { builder.filter(\.$peakAnger >= minAnger) }
        if let from = query.createdFrom { builder.filter(\.$createdAt >= from) }
        if let to = query.createdTo { builder.filter(\.$createdAt < to) }
        switch query.assignee {
        case .agent(let id): builder.filter(\.$assignee.$id == id)
        case .email(let email):
            builder.join(Agent.self, on: \Case.$assignee.$id == \Agent.$id).filter(Agent.self, \.$email == email)
        case .unassigned: builder.filter(\.$assignee.$id == nil)
        case nil: break
        }
        if let category = query.category {
            // Page along the (category, case_id) index itself: ordering by the cases table's id would make the
            // database sort every case of the category (a third of a second at a million cases).
            builder.join(CaseCategory.self, on: \Case.$id == \CaseCategory.$case.$id)
                .filter(CaseCategory.self, \.$category == category.rawValue)
            if let before = query.before { builder.filter(CaseCategory.self, \.$case.$id < before) }
            builder.sort(CaseCategory.self, \.$case.$id, .descending)
        } else {
            if let before = query.before { builder.filter(\.$id < before) }
            builder.sort(\.$id, .descending)
        }
        let page = try await builder
            .limit(query.limit + 1)
            .with(\.$customer)
            .with(\.$assignee)
            .with(\.$categories)
            .all()
        let cases = Array(page.prefix(query.limit))
        return (cases, page.count > query.limit ? cases.last?.id : nil)
    }

    /// Applies an agent's changes and records one event per field that really changed, in the order of the fields.
    public static func change(
        _ record: Case, _ changes: CaseChanges, by actor: Actor, on db: any Database
    ) async throws {
        let caseID = try record.requireID()
        var notes: [(kind: String, before: String?, after: String?)] = []
        func note(_ kind: String, _ before: String?, _ after: String?) {
            if before != after { notes.append((kind, before, after)) }
        }
        if let assignment = changes.assignee {
            let previous = try await record.$assignee.get(on: db)?.email
            switch assignment {
            case .agent(let id):
                guard let agent = try await Agent.find(id, on: db), agent.active else {
                    throw DefuseError.invalidField("assignee", "is not an active agent")
                }
                record.$assignee.id = id
                note("assigned", previous, agent.email)
            case .nobody:
                record.$assignee.id = nil
                note("assigned", previous, nil)
            }
        }
        if let priority = changes.priority {
            note("priority_changed", record.priority, priority.rawValue)
            record.priority = priority.rawValue
        }
        if let fault = changes.fault {
            note("fault_changed", record.fault, fault.rawValue)
            record.fault = fault.rawValue
        }
        if let team = changes.team {
            note("team_changed", record.team, team)
            record.team = team
        }
        if let categories = changes.categories {
            let stored = try await record.$categories.get(reload: true, on: db)
            let before = stored.map(\.category).sorted()
            let after = Set(categories).sorted().map(\.rawValue)
            if before != after {
                try await CaseCategory.query(on: db).filter(\.$case.$id == caseID).delete()
                for category in after {
                    try await CaseCategory(caseID: caseID, category: category, language: record.language).create(on: db)
                }
                note("categories_changed", before.joined(separator: ","), after.joined(separator: ","))
            }
        }
        guard !notes.isEmpty else { return }
        // Ids made together, now, after the lookups above: ids made at a moment other requests have since passed
        // would not keep their order within the millisecond (see TimeOrderedID).
        let date = Date()
        let events = notes.map { CaseEvent(caseID: caseID, actor: actor, kind: $0.kind, before: $0.before,
                                           after: $0.after, at: date) }
        record.updatedAt = date
        try await record.update(on: db)
        for event in events { try await event.create(on: db) }
    }

    /// Adds a message to a case. An outbound message is the first response if none was sent yet.
    /// Adds a message: the customer's with the analyzer's reading, an agent's reply with the coach's review. A
    /// reply sent despite the coach's flags is recorded as a `sent_anyway` event naming them.
    public static func addMessage(
        to record: Case, direction: MessageDirection, text: String, channel: Channel, language: String?,
        analysis: MessageAnalysis?, coach: DraftReview? = nil, by actor: Actor, at date: Date = Date(),
        on db: any Database
    ) async throws -> Message {
        let caseID = try record.requireID()
        let message = Message(
            id: TimeOrderedID.make(at: date), caseID: caseID, direction: direction.rawValue,
            authorID: direction == .inbound ? nil : actor.agentID, channel: channel.rawValue, text: text,
            language: language, analysis: analysis, coach: coach, createdAt: date)
        try await message.create(on: db)
        if let flags = coach?.flags, !flags.isEmpty {
            try await CaseEvent(caseID: caseID, actor: actor, kind: "sent_anyway",
                                after: flags.map(\.rawValue).joined(separator: ","), at: date).create(on: db)
        }
        if direction == .outbound, record.firstRespondedAt == nil { record.firstRespondedAt = date }
        if let anger = analysis?.anger, anger > (record.peakAnger ?? -1) { record.peakAnger = anger }
        if let analysis, analysis.abuse || analysis.threat { record.alarm = true }
        record.updatedAt = date
        try await record.update(on: db)
        try await CaseEvent(caseID: caseID, actor: actor, kind: "message_added", after: direction.rawValue, at: date)
            .create(on: db)
        if let found = analysis?.categories, !found.isEmpty {
            // What the customer now complains about joins what the case was already about.
            let stored = try await CaseCategory.query(on: db).filter(\.$case.$id == caseID).all().map(\.category)
            let added = Set(found.map(\.rawValue)).subtracting(stored).sorted()
            for category in added {
                try await CaseCategory(caseID: caseID, category: category, language: record.language).create(on: db)
            }
            if !added.isEmpty {
                try await CaseEvent(caseID: caseID, actor: .system, kind: "categories_changed",
                                    before: stored.sorted().joined(separator: ","),
                                    after: (stored + added).sorted().joined(separator: ","), at: date).create(on: db)
            }
        }
        return message
    }

    /// What the customer was told when the complaint arrived: the case's first outbound message.
    public static func acknowledgement(of record: Case, on db: any Database) async throws -> String? {
        try await Message.query(on: db).filter(\.$case.$id == record.requireID())
            .filter(\.$direction == MessageDirection.outbound.rawValue).sort(\.$id).first()?.text
    }

    /// What the customer said last on a case, as the analyzer read it: the context an agent's reply answers.
    public static func latestCustomerMessage(on record: Case, on db: any Database) async throws -> Message? {
        try await Message.query(on: db).filter(\.$case.$id == record.requireID())
            .filter(\.$direction == MessageDirection.inbound.rawValue).sort(\.$id, .descending).first()
    }

    /// A case with everything its page shows: customer, assignee, categories, messages and events in order.
    public static func detail(reference: String, on db: any Database) async throws -> Case {
        let record = try await require(reference: reference, on: db)
        let caseID = try record.requireID()
        _ = try await record.$customer.get(on: db)
        _ = try await record.$assignee.get(on: db)
        _ = try await record.$categories.get(on: db)
        record.$messages.value = try await Message.query(on: db).filter(\.$case.$id == caseID)
            .with(\.$author).sort(\.$id).all()
        record.$events.value = try await CaseEvent.query(on: db).filter(\.$case.$id == caseID).sort(\.$id).all()
        return record
    }
}
