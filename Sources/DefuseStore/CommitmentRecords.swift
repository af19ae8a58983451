// Promises on cases: made, done, listed; overdue ones alert their owner and escalate to managers, each exactly once
// however many server instances sweep at the same time.
import DefuseCore
import Fluent
import Foundation
import SQLKit

public enum CommitmentRecords {
    public static func create(
        on record: Case, what: String, owner: UUID, due: Date, by actor: Actor, at date: Date, on db: any Database
    ) async throws -> Commitment {
        try Promises.validate(what: what, due: due, now: date)
        guard let agent = try await Agent.find(owner, on: db), agent.active else {
            throw DefuseError.invalidField("owner", "is not an active agent")
        }
        let commitment = Commitment(id: TimeOrderedID.make(at: date), caseID: try record.requireID(), what: what,
                                    ownerID: owner, dueAt: due, createdBy: actor.agentID, createdAt: date)
        try await commitment.create(on: db)
        commitment.$owner.value = agent
        try await CaseEvent(caseID: try record.requireID(), actor: actor, kind: "commitment_made",
                            after: "\(what) (\(agent.email), due \(ISO8601DateFormatter().string(from: due)))", at: date)
            .create(on: db)
        return commitment
    }

    public static func require(_ id: UUID, on db: any Database) async throws -> Commitment {
        guard let commitment = try await Commitment.query(on: db).filter(\.$id == id).with(\.$owner).with(\.$case).first()
        else { throw DefuseError.notFound("commitment \(id)", field: "id") }
        return commitment
    }

    public static func markDone(_ commitment: Commitment, by actor: Actor, at date: Date, on db: any Database) async throws {
        guard commitment.doneAt == nil else { throw DefuseError.conflict("this commitment is already done", field: "id") }
        commitment.doneAt = date
        try await commitment.update(on: db)
        let kept = date <= commitment.dueAt ? "kept" : "late"
        try await CaseEvent(caseID: commitment.$case.id, actor: actor, kind: "commitment_done",
                            after: "\(commitment.what) (\(kept))", at: date).create(on: db)
    }

    public static func list(
        state: CommitmentState?, owner: UUID?, caseID: UUID? = nil, limit: Int, now: Date, on db: any Database
    ) async throws -> [Commitment] {
        let query = Commitment.query(on: db).with(\.$owner).with(\.$case)
        switch state {
        case .open: query.filter(\.$doneAt == nil).filter(\.$dueAt >= now)
        case .overdue: query.filter(\.$doneAt == nil).filter(\.$dueAt < now)
        case .done: query.filter(\.$doneAt != nil)
        case nil: break
        }
        if let owner { query.filter(\.$owner.$id == owner) }
        if let caseID { query.filter(\.$case.$id == caseID) }
        return try await query.sort(\.$dueAt).limit(limit).all()
    }

    /// How often promises are kept, overall and per owner.
    public static func keeping(now: Date, on db: any Database) async throws
        -> (overall: PromiseKeeping, byOwner: [(agent: Agent, keeping: PromiseKeeping)]) {
        let all = try await Commitment.query(on: db).with(\.$owner).all()
        let overall = Promises.keeping(all.map { PromiseRecord(due: $0.dueAt, doneAt: $0.doneAt) }, now: now)
        let grouped = Dictionary(grouping: all, by: { $0.$owner.id })
        let byOwner = grouped.values.map { promises in
            (promises[0].owner, Promises.keeping(promises.map { PromiseRecord(due: $0.dueAt, doneAt: $0.doneAt) }, now: now))
        }.sorted { $0.0.name < $1.0.name }
        return (overall, byOwner)
    }

    /// Finds open commitments past their due time that no one has handled yet, claims each with a conditional
    /// update (only one instance's update can turn `overdue_handled_at` from null), then alerts the owner and every
    /// active manager and records it on the case. Returns the commitments this call handled.
    public static func sweepOverdue(now: Date, batch: Int = 100, on db: any Database) async throws -> [Commitment] {
        let candidates = try await Commitment.query(on: db).filter(\.$doneAt == nil).filter(\.$dueAt < now)
            .filter(\.$overdueHandledAt == nil).sort(\.$dueAt).limit(batch).all(\.$id)
        var handled: [Commitment] = []
        for id in candidates {
            let claimed = try await db.write { db -> Commitment? in
                guard let sql = db as? any SQLDatabase else { return nil }
                let rows = try await sql.update(Commitment.schema)
                    .set("overdue_handled_at", to: SQLBind(now))
                    .where("id", .equal, SQLBind(id))
                    .where("overdue_handled_at", .is, SQLLiteral.null)
                    .where("done_at", .is, SQLLiteral.null)
                    .returning("id")
                    .all()
                guard !rows.isEmpty, let commitment = try await Commitment.query(on: db).filter(\.$id == id)
                    .with(\.$owner).with(\.$case).first() else { return nil }
                try await raiseAlerts(for: commitment, now: now, on: db)
                return commitment
            }
            if let claimed { handled.append(claimed) }
        }
        return handled
    }

    static func raiseAlerts(for commitment: Commitment, now: Date, on db: any Database) async throws {
        let reference = commitment.case.reference
        let caseID = commitment.$case.id
        try await Alert(agentID: commitment.$owner.id, caseID: caseID, kind: "commitment_overdue",
                        text: "\(reference): your promise \"\(commitment.what)\" is overdue",
                        subjectID: commitment.id, at: now).create(on: db)
        let managers = try await Agent.query(on: db).filter(\.$active == true)
            .filter(\.$role ~~ [Role.manager.rawValue, Role.admin.rawValue]).all()
        for manager in managers where manager.id != commitment.$owner.id {
            try await Alert(agentID: try manager.requireID(), caseID: caseID, kind: "commitment_escalated",
                            text: "\(reference): \(commitment.owner.name)'s promise \"\(commitment.what)\" is overdue",
                            subjectID: commitment.id, at: now).create(on: db)
        }
        try await CaseEvent(caseID: caseID, actor: .system, kind: "commitment_overdue", after: commitment.what, at: now)
            .create(on: db)
    }
}

public enum SurveyRecords {
    public static let linkLifetime: TimeInterval = 30 * 86_400

    public static func create(on record: Case, at date: Date, on db: any Database) async throws -> Survey {
        let survey = Survey(id: TimeOrderedID.make(at: date), caseID: try record.requireID(),
                            expiresAt: date.addingTimeInterval(linkLifetime), createdAt: date)
        try await survey.create(on: db)
        try await CaseEvent(caseID: try record.requireID(), actor: .system, kind: "survey_sent", at: date).create(on: db)
        return survey
    }

    public static func answer(
        _ survey: Survey, score: Int, comment: String?, rejectsOutcome: Bool, at date: Date, on db: any Database
    ) async throws {
        survey.score = score
        survey.comment = comment
        survey.rejectedOutcome = rejectsOutcome
        survey.answeredAt = date
        try await survey.update(on: db)
        try await CaseEvent(caseID: survey.$case.id, actor: .customer, kind: "survey_answered",
                            after: "\(score)\(rejectsOutcome ? ", outcome rejected" : "")", at: date).create(on: db)
        if rejectsOutcome {
            try await CaseEvent(caseID: survey.$case.id, actor: .customer, kind: "outcome_rejected",
                                after: comment, at: date).create(on: db)
        }
    }
}
