// Offers: options within authority go to the customer, the rest become escalations; a manager decides them; the
// customer chooses and approves through their link, or says none works.
import DefuseCore
import Fluent
import Foundation

/// An option as the agent proposed it, with the policy's verdict on it.
public struct WeighedOption: Sendable {
    public var option: RemedyOption
    public var verdict: RemedyVerdict

    public init(option: RemedyOption, verdict: RemedyVerdict) {
        self.option = option
        self.verdict = verdict
    }
}

public enum OfferRecords {
    /// How long a customer's link to their options works.
    public static let linkLifetime: TimeInterval = 14 * 86_400

    /// What the case has already been granted or offered, against the per-case authority.
    public static func alreadyGranted(caseID: UUID, policy: Policy, on db: any Database) async throws -> Decimal {
        let options = try await OfferOption.query(on: db).filter(\.$caseID == caseID)
            .filter(\.$status ~~ ["offered", "chosen", "escalated"]).all()
        return options.reduce(Decimal(0)) { $0 + remedy(of: $1).value(under: policy) }
    }

    public static func remedy(of option: OfferOption) -> RemedyOption {
        RemedyOption(kind: RemedyKind(rawValue: option.kind) ?? .goodwillExtra,
                     amount: option.amount.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
                     points: option.points, detail: option.detail)
    }

    /// Stores an offer and its options; escalated ones get an escalation each. The link's expiry is set when at
    /// least one option goes to the customer.
    public static func create(
        on record: Case, _ options: [WeighedOption], currency: String, by actor: Actor, at date: Date,
        on db: any Database
    ) async throws -> (offer: Offer, options: [OfferOption], escalations: [Escalation]) {
        let caseID = try record.requireID()
        let offer = Offer(id: TimeOrderedID.make(at: date), caseID: caseID, createdBy: actor.agentID, createdAt: date)
        var rows: [OfferOption] = []
        var escalations: [Escalation] = []
        for (position, weighed) in options.enumerated() {
            let fastPath: Bool
            let status: String
            switch weighed.verdict {
            case .offer(let fast): (status, fastPath) = ("offered", fast)
            case .escalate: (status, fastPath) = ("escalated", false)
            }
            let row = OfferOption(
                id: UUID(), offerID: try offer.requireID(), caseID: caseID, position: position,
                kind: weighed.option.kind.rawValue,
                amount: weighed.option.amount.map { NSDecimalNumber(decimal: $0).stringValue }, currency: currency,
                points: weighed.option.points, detail: weighed.option.detail, status: status, fastPath: fastPath)
            rows.append(row)
            if case .escalate(let reasons) = weighed.verdict {
                escalations.append(Escalation(id: TimeOrderedID.make(at: date), caseID: caseID,
                                              optionID: try row.requireID(), requestedBy: actor.agentID,
                                              reasons: reasons, createdAt: date))
            }
        }
        if rows.contains(where: { $0.status == "offered" }) { offer.linkExpiresAt = date.addingTimeInterval(linkLifetime) }
        try await offer.create(on: db)
        for row in rows { try await row.create(on: db) }
        for escalation in escalations { try await escalation.create(on: db) }
        let summary = rows.map { "\($0.kind):\($0.status)" }.joined(separator: ",")
        try await CaseEvent(caseID: caseID, actor: actor, kind: "options_proposed", after: summary, at: date)
            .create(on: db)
        for escalation in escalations {
            try await CaseEvent(caseID: caseID, actor: actor, kind: "escalated",
                                after: escalation.reasons.replacingOccurrences(of: "\n", with: "; "), at: date)
                .create(on: db)
        }
        offer.$options.value = rows
        return (offer, rows, escalations)
    }

    public static func options(of offer: Offer, on db: any Database) async throws -> [OfferOption] {
        try await OfferOption.query(on: db).filter(\.$offer.$id == offer.requireID()).sort(\.$position).all()
    }

    /// The customer picked `optionID` and approved it.
    public static func approve(
        _ offer: Offer, option optionID: UUID, at date: Date, on db: any Database
    ) async throws -> OfferOption {
        let options = try await options(of: offer, on: db)
        guard let chosen = options.first(where: { $0.id == optionID && $0.status == "offered" }) else {
            throw DefuseError.invalidField("option", "is not one of the options on offer")
        }
        for option in options where option.status == "offered" {
            option.status = option.id == optionID ? "chosen" : "not_chosen"
            try await option.update(on: db)
        }
        offer.state = "approved"
        offer.chosenOptionID = optionID
        offer.answeredAt = date
        try await offer.update(on: db)
        try await CaseEvent(caseID: offer.$case.id, actor: .customer, kind: "customer_approved",
                            after: chosen.kind, at: date).create(on: db)
        return chosen
    }

    /// The customer said none of the options works, and why.
    public static func reject(_ offer: Offer, reason: String, at date: Date, on db: any Database) async throws {
        offer.state = "rejected"
        offer.rejectionReason = reason
        offer.answeredAt = date
        try await offer.update(on: db)
        try await CaseEvent(caseID: offer.$case.id, actor: .customer, kind: "customer_rejected_options",
                            after: reason, at: date).create(on: db)
    }
}

public enum EscalationDecision: String, CaseIterable, Sendable {
    case approve, decline, override
}

public enum EscalationRecords {
    public static func list(state: String?, limit: Int, on db: any Database) async throws -> [Escalation] {
        let query = Escalation.query(on: db).with(\.$option).with(\.$case).with(\.$requestedBy).with(\.$decidedBy)
        if let state { query.filter(\.$state == state) }
        return try await query.sort(\.$createdAt, .descending).limit(limit).all()
    }

    public static func require(_ id: UUID, on db: any Database) async throws -> Escalation {
        guard let escalation = try await Escalation.query(on: db).filter(\.$id == id).with(\.$option).with(\.$case).first()
        else { throw DefuseError.notFound("escalation \(id)", field: "id") }
        return escalation
    }

    /// Records a decision. Approve and override put the option on offer to the customer; an override is written to
    /// the audit log with its reason. Returns whether the option is now on offer.
    public static func decide(
        _ escalation: Escalation, _ decision: EscalationDecision, reason: String?, by actor: Actor, at date: Date,
        on db: any Database
    ) async throws -> Bool {
        guard escalation.state == "pending" else {
            throw DefuseError.conflict("this escalation was already decided (\(escalation.state))", field: "decision")
        }
        let option = escalation.option
        escalation.decidedAt = date
        escalation.$decidedBy.id = actor.agentID
        escalation.decisionReason = reason
        switch decision {
        case .approve: escalation.state = "approved"
        case .decline: escalation.state = "declined"
        case .override: escalation.state = "overridden"
        }
        try await escalation.update(on: db)
        option.status = decision == .decline ? "declined" : "offered"
        try await option.update(on: db)
        let caseID = escalation.$case.id
        try await CaseEvent(caseID: caseID, actor: actor, kind: "escalation_\(escalation.state)",
                            after: [option.kind, reason].compactMap { $0 }.joined(separator: ": "), at: date)
            .create(on: db)
        if decision == .override {
            try await AuditEntry(
                actor: actor, action: "escalation_overridden", subject: escalation.case.reference,
                detail: "\(option.kind) \(option.amount.map { "\(option.currency) \($0)" } ?? "") despite: "
                    + escalation.reasons.replacingOccurrences(of: "\n", with: "; ") + ". Reason: \(reason ?? "")",
                at: date).create(on: db)
        }
        if let requester = escalation.$requestedBy.id {
            try await Alert(agentID: requester, caseID: caseID, kind: "escalation_decided",
                            text: "\(escalation.case.reference): \(option.kind) was \(escalation.state)"
                                + (reason.map { " (\($0))" } ?? ""),
                            subjectID: escalation.id, at: date).create(on: db)
        }
        guard decision != .decline else { return false }
        guard let offer = try await Offer.find(option.$offer.id, on: db) else { return false }
        if offer.state == "open", offer.linkExpiresAt == nil || offer.linkExpiresAt! < date {
            offer.linkExpiresAt = date.addingTimeInterval(OfferRecords.linkLifetime)
            try await offer.update(on: db)
        }
        return offer.state == "open"
    }
}
