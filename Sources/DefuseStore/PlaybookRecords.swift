// Moving a case through the playbook: the facts its checklists read, stage moves with their events, and the SLA
// pause while the case waits on the customer.
import DefuseAnalysis
import DefuseCore
import Fluent
import Foundation

/// The organisation's name, language, policy, hours and link key, as intake and the playbook need them together.
public struct Desk: Sendable {
    public var organisation: String
    public var defaultLanguage: String
    public var policy: Policy
    public var timeZone: TimeZone
    public var linkSecret: String

    public var calendar: BusinessCalendar { policy.calendar(in: timeZone) }
}

public enum DeskRecords {
    public static func current(on db: any Database) async throws -> Desk {
        let settings = try await OrganisationRecords.current(on: db)
        guard let secret = settings.linkSecret else {
            throw DefuseError.notFound("the link-signing key (run `defuse migrate`)")
        }
        return Desk(organisation: settings.name, defaultLanguage: settings.defaultLanguage,
                    policy: try policy(of: settings),
                    timeZone: TimeZone(identifier: settings.timeZone) ?? TimeZone(identifier: "UTC")!,
                    linkSecret: secret)
    }

    static func policy(of settings: Organisation) throws -> Policy {
        guard let text = settings.policy else { return .standard }
        return try JSONDecoder().decode(Policy.self, from: Data(text.utf8))
    }

    /// Replaces the policy; the change and what it was before go to the audit log.
    public static func save(_ policy: Policy, by actor: Actor, at date: Date = Date(), on db: any Database) async throws {
        let settings = try await OrganisationRecords.current(on: db)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let before = try settings.policy ?? String(decoding: encoder.encode(Policy.standard), as: UTF8.self)
        settings.policy = String(decoding: try encoder.encode(policy), as: UTF8.self)
        try await settings.save(on: db)
        try await AuditEntry(actor: actor, action: "policy_changed", subject: "policy",
                             detail: "before: \(before)", at: date).create(on: db)
    }

}

public enum PlaybookRecords {
    /// What the case's checklists look at, read from its messages, offers and commitments.
    public static func facts(for record: Case, on db: any Database) async throws -> PlaybookFacts {
        try await facts(for: record, messages: Message.query(on: db).filter(\.$case.$id == record.requireID()).all(),
                        on: db)
    }

    /// The same, with the case's messages already read.
    public static func facts(for record: Case, messages: [Message], on db: any Database) async throws -> PlaybookFacts {
        let caseID = try record.requireID()
        let outbound = messages.filter { $0.direction == MessageDirection.outbound.rawValue }
        let replyMoves = Set(outbound.compactMap(\.coach).flatMap(\.moves))
        let named = messages.contains { !($0.analysis?.categories.isEmpty ?? true) }
        let offered = try await OfferOption.query(on: db).filter(\.$caseID == caseID)
            .filter(\.$status ~~ ["offered", "chosen", "not_chosen"]).count() > 0
        let approved = try await Offer.query(on: db).filter(\.$case.$id == caseID).filter(\.$state == "approved")
            .count() > 0
        let open = try await Commitment.query(on: db).filter(\.$case.$id == caseID).filter(\.$doneAt == nil).count()
        return PlaybookFacts(
            fault: Fault(rawValue: record.fault) ?? .unknown, customerInformed: !outbound.isEmpty,
            replyMoves: replyMoves, problemNamed: named, optionsOffered: offered, customerApproved: approved,
            openCommitments: open)
    }

    /// Moves a case to `stage` as the playbook allows, recording the move, any items skipped and the reason.
    @discardableResult
    public static func move(
        _ record: Case, to stage: Stage, reason: String?, by actor: Actor, desk: Desk, at date: Date = Date(),
        on db: any Database
    ) async throws -> StageMove {
        let from = Stage(rawValue: record.stage) ?? .new
        let move = try Playbook.move(from: from, to: stage, try await facts(for: record, on: db), reason: reason)
        try await apply(move, to: record, by: actor, desk: desk, at: date, on: db)
        return move
    }

    /// A move the system makes on the customer's or an agent's action (an option offered, a choice approved): it
    /// goes ahead even past unmet items, which the event names.
    public static func advance(
        _ record: Case, to stage: Stage, because why: String, by actor: Actor, desk: Desk, at date: Date = Date(),
        on db: any Database
    ) async throws {
        let from = Stage(rawValue: record.stage) ?? .new
        guard from != stage, Playbook.allowedMoves(from: from).contains(stage) else { return }
        let move = try Playbook.move(from: from, to: stage, try await facts(for: record, on: db), reason: why)
        try await apply(move, to: record, by: actor, desk: desk, at: date, on: db)
    }

    static func apply(
        _ move: StageMove, to record: Case, by actor: Actor, desk: Desk, at date: Date, on db: any Database
    ) async throws {
        let caseID = try record.requireID()
        if move.from == .awaitingApproval { resumeClock(record, desk: desk, at: date) }
        if move.to == .awaitingApproval { pauseClock(record, at: date) }
        record.stage = move.to.rawValue
        if move.to == .resolved { record.resolvedAt = date }
        if move.to == .reopened { record.resolvedAt = nil }
        record.updatedAt = date
        try await record.update(on: db)
        try await CaseEvent(caseID: caseID, actor: actor, kind: "stage_changed", before: move.from.rawValue,
                            after: move.to.rawValue, at: date).create(on: db)
        if !move.skipped.isEmpty || (move.to == .closed && move.from != .resolved) {
            let skipped = move.skipped.map(\.id).joined(separator: ",")
            try await CaseEvent(caseID: caseID, actor: actor, kind: "checklist_skipped",
                                before: skipped.isEmpty ? nil : skipped, after: move.reason, at: date).create(on: db)
        }
    }

    /// The case now waits on the customer: the resolution clock stops.
    public static func pauseClock(_ record: Case, at date: Date) {
        if record.waitingSince == nil { record.waitingSince = date }
    }

    /// The customer answered: the resolution deadline moves on by the business time spent waiting.
    public static func resumeClock(_ record: Case, desk: Desk, at date: Date) {
        guard let since = record.waitingSince else { return }
        let calendar = desk.calendar
        let waited = calendar.businessSeconds(from: since, to: date)
        record.resolutionDue = calendar.adding(waited, to: record.resolutionDue)
        record.waitingSince = nil
    }
}
