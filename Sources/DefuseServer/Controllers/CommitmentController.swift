// Promises: made on a case, marked done, listed by state; how often they are kept; the alerts about them.
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum CommitmentController {
    /// `POST /api/v1/cases/{reference}/commitments` `{"what", "due", "owner"?}`.
    @Sendable static func create(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(CommitmentRequest.self, from: request)
        let what = try Field.requiredText(body.what, field: "what", limit: 500)
        guard let dueText = body.due else { throw DefuseError.invalidField("due", "is required") }
        guard let due = ISO8601DateFormatter().date(from: dueText) else {
            throw DefuseError.invalidField("due", "must be an ISO 8601 date and time like 2026-11-24T10:00:00Z")
        }
        let reference = try CaseController.reference(request)
        let now = Date()
        let commitment = try await request.db.write { db -> Commitment in
            let record = try await CaseRecords.require(reference: reference, on: db)
            var owner = agent.id
            if let named = body.owner {
                guard let found = try await AgentRecords.active(idOrEmail: named, on: db) else {
                    throw DefuseError.invalidField("owner", "must be the id or email of an active agent")
                }
                owner = try found.requireID()
            }
            let commitment = try await CommitmentRecords.create(on: record, what: what, owner: owner, due: due,
                                                                by: agent.actor, at: now, on: db)
            commitment.$case.value = record
            return commitment
        }
        return JSON.response(CommitmentBody(commitment, now: now), status: .created)
    }

    /// `POST /api/v1/commitments/{id}/done`.
    @Sendable static func done(_ request: Request) async throws -> Response {
        let now = Date()
        return JSON.response(CommitmentBody(try await markDone(request, at: now), now: now))
    }

    /// Marks the commitment the route names done, for the API and the case page alike.
    static func markDone(_ request: Request, at now: Date) async throws -> Commitment {
        let agent = try request.agent()
        let id = try EscalationController.uuid(request, "id")
        return try await request.db.write { db -> Commitment in
            let commitment = try await CommitmentRecords.require(id, on: db)
            try await CommitmentRecords.markDone(commitment, by: agent.actor, at: now, on: db)
            return commitment
        }
    }

    /// `GET /api/v1/commitments?state=open|overdue|done&owner=me|<id or email>`.
    @Sendable static func list(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let stateText = try request.query.get(String?.self, at: "state")
        let state = try stateText.map { text throws(DefuseError) in try CommitmentState.parse(text, field: "state") }
        var owner: UUID?
        if let named = try request.query.get(String?.self, at: "owner") {
            if named == "me" {
                owner = agent.id
            } else {
                guard let found = try await AgentRecords.active(idOrEmail: named, on: request.db) else {
                    throw DefuseError.invalidField("owner", "must be me, or the id or email of an active agent")
                }
                owner = try found.requireID()
            }
        }
        let now = Date()
        let commitments = try await CommitmentRecords.list(state: state, owner: owner, limit: 500, now: now, on: request.db)
        return JSON.response(["commitments": commitments.map { CommitmentBody($0, now: now) }])
    }

    /// `GET /api/v1/reports/promises`: the promise-kept rate overall and per agent.
    @Sendable static func keeping(_ request: Request) async throws -> Response {
        let report = try await CommitmentRecords.keeping(now: Date(), on: request.db)
        return JSON.response(KeepingBody(
            overall: report.overall,
            agents: report.byOwner.map { KeepingBody.PerAgent(
                agent: AgentRef($0.agent), kept: $0.keeping.kept, broken: $0.keeping.broken,
                pending: $0.keeping.pending, rate: $0.keeping.rate) }))
    }

    /// `GET /api/v1/alerts`: the signed-in agent's alerts, newest first.
    @Sendable static func alerts(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let alerts = try await Alert.query(on: request.db).filter(\.$agent.$id == agent.id)
            .sort(\.$createdAt, .descending).limit(200).all()
        return JSON.response(["alerts": alerts.map(AlertBody.init)])
    }
}

enum PolicyController {
    /// `GET /api/v1/policy`.
    @Sendable static func show(_ request: Request) async throws -> Response {
        JSON.response(PolicyBody(try await request.desk().policy))
    }

    /// `PUT /api/v1/policy` (admins): the whole policy, checked before it is stored; the change is audited.
    @Sendable static func replace(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let policy = try JSON.decode(Policy.self, from: request)
        try policy.validate()
        try await request.db.write { db in try await DeskRecords.save(policy, by: agent.actor, on: db) }
        await request.application.settingsCache.forget()
        return JSON.response(PolicyBody(policy))
    }

    /// `GET /api/v1/audit` (managers): overrides and policy changes, newest first.
    @Sendable static func audit(_ request: Request) async throws -> Response {
        let entries = try await AuditEntry.query(on: request.db).sort(\.$createdAt, .descending).limit(500).all()
        return JSON.response(["entries": entries.map(AuditBody.init)])
    }
}

/// The policy as the API shows it: the same shape `PUT` takes.
struct PolicyBody: Encodable {
    var policy: Policy
    init(_ policy: Policy) { self.policy = policy }
    func encode(to encoder: any Encoder) throws { try policy.encode(to: encoder) }
}
