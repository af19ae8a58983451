// Offers and escalations: options within authority go to the customer's page; the rest wait for a manager.
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum OfferController {
    /// `POST /api/v1/cases/{reference}/offers` with one to three options.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(OfferRequest.self, from: request)
        let reference = try CaseController.reference(request)
        let base = request.application.defuseConfig.publicURL
        let now = Date()
        let desk = try await request.desk()
        let result = try await request.db.write { db -> OfferBody in
            let record = try await CaseRecords.require(reference: reference, on: db)
            let options = try parseOptions(body, policy: desk.policy)
            let granted = try await OfferRecords.alreadyGranted(caseID: try record.requireID(), policy: desk.policy, on: db)
            var context = RemedyContext(
                role: agent.role, fault: Fault(rawValue: record.fault) ?? .unknown, alreadyGranted: granted,
                daysSincePurchase: try daysSincePurchase(body.purchasedOn, now: now, calendar: desk.calendar),
                evidence: Set((body.evidence ?? []).map { $0.lowercased() }))
            var weighed: [WeighedOption] = []
            for option in options {
                let verdict = Authority.weigh(option, context, under: desk.policy)
                weighed.append(WeighedOption(option: option, verdict: verdict))
                context.alreadyGranted += option.value(under: desk.policy)
            }
            let made = try await OfferRecords.create(on: record, weighed, currency: desk.policy.currency,
                                                     by: agent.actor, at: now, on: db)
            var message: Message?
            var link: String?
            if let expires = made.offer.linkExpiresAt {
                let url = CustomerLink.url(.options, id: try made.offer.requireID(), expires: expires, desk: desk, base: base)
                link = url
                message = try await CustomerNotices.send(
                    CustomerMessages.offerLink(language: record.language, reference: record.reference, link: url,
                                               until: expires, timeZone: desk.timeZone),
                    on: record, by: agent.actor, at: now, on: db)
                try await PlaybookRecords.advance(record, to: .awaitingApproval, because: "options offered to the customer",
                                                  by: agent.actor, desk: desk, at: now, on: db)
            } else {
                message = try await CustomerNotices.send(
                    CustomerMessages.escalationNotice(language: record.language, reference: record.reference,
                                                      due: decisionDue(record, desk: desk, now: now),
                                                      timeZone: desk.timeZone),
                    on: record, by: agent.actor, at: now, on: db)
                try await PlaybookRecords.advance(record, to: .agreeing, because: "options proposed, waiting for a manager",
                                                  by: agent.actor, desk: desk, at: now, on: db)
            }
            let byOption = Dictionary(uniqueKeysWithValues: made.escalations.map { ($0.$option.id, $0) })
            return OfferBody(
                id: try made.offer.requireID(), reference: record.reference, state: made.offer.state,
                options: made.options.map { OptionBody($0, escalation: $0.id.flatMap { byOption[$0] }) },
                link: link, linkExpiresAt: made.offer.linkExpiresAt, message: message.map(MessageBody.init),
                stage: record.stage)
        }
        return JSON.response(result, status: .created)
    }

    /// When the customer hears back about an escalated request: the first-response target of the case's priority,
    /// in business hours, from now.
    static func decisionDue(_ record: Case, desk: Desk, now: Date) -> Date {
        let priority = Priority(rawValue: record.priority) ?? .normal
        return desk.calendar.adding(desk.policy.targets.firstResponse[priority] ?? 8 * 3600, to: now)
    }

    static func parseOptions(_ body: OfferRequest, policy: Policy) throws(DefuseError) -> [RemedyOption] {
        guard let inputs = body.options else { throw .invalidField("options", "is required") }
        guard (1...3).contains(inputs.count) else { throw .invalidField("options", "must hold one to three options") }
        return try inputs.enumerated().map { index, input throws(DefuseError) in
            let field = "options[\(index)]"
            guard let kindText = input.kind else { throw .invalidField("\(field).kind", "is required") }
            let kind = try RemedyKind.parse(kindText, field: "\(field).kind")
            if let currency = input.currency, currency.uppercased() != policy.currency {
                throw .invalidField("\(field).currency", Locale.commonISOCurrencyCodes.contains(currency.uppercased())
                    ? "must be \(policy.currency), the currency of the policy" : "is not a known currency code")
            }
            if let amount = input.amount {
                guard amount >= 0 else { throw .invalidField("\(field).amount", "must not be negative") }
                guard amount <= 1_000_000_000 else { throw .invalidField("\(field).amount", "is too large") }
            } else if kind.needsAmount {
                throw .invalidField("\(field).amount", "is required for \(kind.rawValue)")
            }
            if kind == .loyaltyPoints {
                guard let points = input.points else { throw .invalidField("\(field).points", "is required for loyalty_points") }
                guard points > 0 else { throw .invalidField("\(field).points", "must be positive") }
            }
            let detail = try Field.optionalText(input.detail, field: "\(field).detail", limit: 500)
            return RemedyOption(kind: kind, amount: input.amount, points: input.points, detail: detail)
        }
    }

    static func daysSincePurchase(_ text: String?, now: Date, calendar: BusinessCalendar) throws(DefuseError) -> Int? {
        guard let text else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = calendar.timeZone
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10,
              let date = gregorian.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              gregorian.component(.day, from: date) == parts[2]
        else { throw .invalidField("purchased_on", "must be a date like 2026-11-02") }
        let days = gregorian.dateComponents([.day], from: date, to: now).day ?? 0
        guard days >= 0 else { throw .invalidField("purchased_on", "is in the future") }
        return days
    }
}

enum EscalationController {
    /// `GET /api/v1/escalations?state=pending|approved|declined|overridden`.
    @Sendable static func list(_ request: Request) async throws -> Response {
        let state = try request.query.get(String?.self, at: "state")
        if let state, !["pending", "approved", "declined", "overridden"].contains(state) {
            throw DefuseError.invalidField("state", "must be one of: pending, approved, declined, overridden")
        }
        let escalations = try await EscalationRecords.list(state: state, limit: 200, on: request.db)
        return JSON.response(["escalations": escalations.map(EscalationBody.init)])
    }

    /// `POST /api/v1/escalations/{id}/decision` `{"decision": "approve"|"decline"|"override", "reason"?}`.
    @Sendable static func decide(_ request: Request) async throws -> Response {
        let body = try JSON.decode(DecisionRequest.self, from: request)
        let escalation = try await record(body, request)
        try await escalation.$decidedBy.load(on: request.db)
        try await escalation.$requestedBy.load(on: request.db)
        return JSON.response(EscalationBody(escalation))
    }

    /// Checks and records a decision, from the API or the managers' page.
    static func record(_ body: DecisionRequest, _ request: Request) async throws -> Escalation {
        let agent = try request.agent()
        guard let decisionText = body.decision else { throw DefuseError.invalidField("decision", "is required") }
        let decision = try EscalationDecision.parse(decisionText, field: "decision")
        let reason = try Field.optionalText(body.reason, field: "reason", limit: 1000)
        if decision == .override, reason == nil {
            throw DefuseError.invalidField("reason", "an override needs a reason; it goes to the audit log")
        }
        let id = try uuid(request, "id")
        let base = request.application.defuseConfig.publicURL
        let now = Date()
        let desk = try await request.desk()
        return try await request.db.write { db -> Escalation in
            let escalation = try await EscalationRecords.require(id, on: db)
            if decision == .approve {
                // Evidence and windows are the manager's judgement; a kind the policy lacks or an amount beyond the
                // manager's own limit needs an override, with its reason in the audit log.
                let granted = try await OfferRecords.alreadyGranted(caseID: escalation.$case.id, policy: desk.policy, on: db)
                let option = OfferRecords.remedy(of: escalation.option)
                let problems = Authority.problems(
                    option,
                    RemedyContext(role: agent.role, fault: Fault(rawValue: escalation.case.fault) ?? .unknown,
                                  alreadyGranted: granted - option.value(under: desk.policy)),
                    under: desk.policy).filter(\.needsOverride)
                if !problems.isEmpty {
                    throw DefuseError.invalidField(
                        "decision", "approving this breaks the policy (\(problems.map(\.text).joined(separator: "; "))); "
                            + "use override with a reason")
                }
            }
            let onOffer = try await EscalationRecords.decide(escalation, decision, reason: reason, by: agent.actor,
                                                              at: now, on: db)
            if onOffer {
                let record = escalation.case
                let offer = try await Offer.find(escalation.option.$offer.id, on: db)
                if let offer, let expires = offer.linkExpiresAt {
                    let url = CustomerLink.url(.options, id: try offer.requireID(), expires: expires, desk: desk, base: base)
                    _ = try await CustomerNotices.send(
                        CustomerMessages.offerLink(language: record.language, reference: record.reference, link: url,
                                                   until: expires, timeZone: desk.timeZone),
                        on: record, by: agent.actor, at: now, on: db)
                    try await PlaybookRecords.advance(record, to: .awaitingApproval,
                                                      because: "options offered to the customer", by: agent.actor,
                                                      desk: desk, at: now, on: db)
                }
            }
            return escalation
        }
    }

    static func uuid(_ request: Request, _ name: String) throws -> UUID {
        guard let text = request.parameters.get(name), let id = UUID(uuidString: text) else {
            throw DefuseError.notFound("\(name) \(request.parameters.get(name) ?? "")", field: name)
        }
        return id
    }
}
