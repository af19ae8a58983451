// Cases for signed-in agents: list with filters, read one, change its details, add a message.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum CaseController {
    @Sendable static func list(_ request: Request) async throws -> Response {
        let parameters = try request.query.decode([String: String].self)
        let query = try CaseListQuery.parse(parameters)
        let page = try await CaseRecords.list(query, on: request.db)
        return JSON.response(CaseList(cases: page.cases.map { CaseSummary($0) },
                                      nextCursor: page.next.map(CaseCursor.encode)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let record = try await CaseRecords.detail(reference: try reference(request), on: request.db)
        return JSON.response(CaseDetail(record))
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(CasePatchRequest.self, from: request)
        let reference = try reference(request)
        try await request.db.write { db in
            let record = try await CaseRecords.require(reference: reference, on: db)
            try await CaseRecords.change(record, try await changes(from: body, on: db), by: agent.actor, on: db)
        }
        return JSON.response(CaseDetail(try await CaseRecords.detail(reference: reference, on: request.db)))
    }

    @Sendable static func addMessage(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(MessageRequest.self, from: request)
        guard let directionText = body.direction else { throw DefuseError.invalidField("direction", "is required") }
        let direction = try MessageDirection.parse(directionText, field: "direction")
        let text = try Field.requiredText(body.text, field: "text", limit: Limits.messageCharacters)
        let channel = try body.channel.map { value throws(DefuseError) in try DefuseCore.Channel.parse(value, field: "channel") }
        switch try await post(text, direction: direction, channel: channel, sendAnyway: body.sendAnyway == true,
                              reference: try reference(request), by: agent, request) {
        case .flagged(let review):
            return JSON.response(FlaggedDraft(review: review), status: .unprocessableEntity)
        case .sent(let message):
            try await message.$author.load(on: request.db)
            return JSON.response(MessageBody(message), status: .created)
        }
    }

    enum Posted {
        case sent(Message)
        /// A reply the coach flagged, not sent: nothing was written.
        case flagged(DraftReview)
    }

    /// Adds a message to a case, for the API and the composer alike: what the customer says is read by the
    /// analyzer; a reply to them is reviewed by the coach first and only sent flagged when the agent insists.
    static func post(
        _ text: String, direction: MessageDirection, channel: DefuseCore.Channel?, sendAnyway: Bool, reference: String,
        by agent: SignedInAgent, _ request: Request
    ) async throws -> Posted {
        let desk = try await request.desk()
        let analysis = direction == .inbound ? Analyzer.shared.analyze(text) : nil
        let review = direction == .outbound
            ? try await reviewReply(text, reference: reference, role: agent.role, policy: desk.policy, on: request.db)
            : nil
        if let review, !review.flags.isEmpty, !sendAnyway { return .flagged(review) }
        return .sent(try await request.db.write { db in
            let record = try await CaseRecords.require(reference: reference, on: db)
            try await followPlaybook(record, direction: direction, review: review, by: agent.actor, desk: desk, on: db)
            return try await CaseRecords.addMessage(
                to: record, direction: direction, text: text,
                channel: channel ?? DefuseCore.Channel(rawValue: record.channel) ?? .web,
                language: analysis.flatMap(Triage.language(of:)) ?? (direction == .inbound ? record.language : review?.language),
                analysis: analysis, coach: review, by: agent.actor, on: db)
        })
    }

    /// What a message means for the playbook: the customer writing stops the SLA pause (the ball is back with
    /// us); the first reply to a new case acknowledges it; a clarifying question waits on the customer's answer.
    static func followPlaybook(
        _ record: Case, direction: MessageDirection, review: DraftReview?, by actor: Actor, desk: Desk,
        on db: any Database
    ) async throws {
        let now = Date()
        switch direction {
        case .inbound:
            guard record.waitingSince != nil else { return }
            PlaybookRecords.resumeClock(record, desk: desk, at: now)
            try await record.update(on: db)
        case .outbound:
            if record.stage == Stage.new.rawValue {
                try await PlaybookRecords.advance(record, to: .acknowledged, because: "first reply sent", by: actor,
                                                  desk: desk, at: now, on: db)
            }
            if record.stage == Stage.clarifying.rawValue, review?.moves.contains(.clarify) == true {
                PlaybookRecords.pauseClock(record, at: now)
                try await record.update(on: db)
            }
        case .note:
            return
        }
    }

    /// The coach's review of a reply, read against the customer's latest message on the case.
    /// A promise of money beyond what the agent may still grant on this case (their role's limit under the policy,
    /// less what is already offered) is an overpromise that says to escalate.
    static func reviewReply(
        _ text: String, reference: String, role: Role, policy: Policy, on db: any Database
    ) async throws -> DraftReview {
        let record = try await CaseRecords.require(reference: reference, on: db)
        let customer = try await CaseRecords.latestCustomerMessage(on: record, on: db)
        let granted = try await OfferRecords.alreadyGranted(caseID: try record.requireID(), policy: policy, on: db)
        let left = max(0, policy.limit(for: role) - granted)
        return Coach.shared.review(text, customer: customer?.analysis,
                                   authorityLimit: NSDecimalNumber(decimal: left).doubleValue)
    }

    static func reference(_ request: Request) throws -> String {
        guard let reference = request.parameters.get("reference") else {
            throw DefuseError.invalidField("reference", "is required")
        }
        return reference
    }

    /// Turns a patch body into checked changes; an empty patch is an error, not a silent no-op.
    static func changes(from body: CasePatchRequest, on db: any Database) async throws -> CaseChanges {
        var changes = CaseChanges()
        if let assignee = body.assignee {
            if let value = assignee {
                guard let agent = try await AgentRecords.active(idOrEmail: value, on: db) else {
                    throw DefuseError.invalidField("assignee", "must be the id or email of an active agent")
                }
                changes.assignee = .agent(try agent.requireID())
            } else {
                changes.assignee = .nobody
            }
        }
        if let priority = body.priority { changes.priority = try Priority.parse(priority, field: "priority") }
        if let fault = body.fault { changes.fault = try Fault.parse(fault, field: "fault") }
        if let categories = body.categories {
            changes.categories = try categories.enumerated().map { index, value throws(DefuseError) in
                try Category.parse(value, field: "categories[\(index)]")
            }
        }
        if let team = body.team {
            changes.team = .some(try Field.optionalText(team, field: "team", limit: Limits.nameCharacters))
        }
        guard changes != CaseChanges() else {
            throw DefuseError.malformedBody("nothing to change: send assignee, priority, categories, fault or team")
        }
        return changes
    }
}
