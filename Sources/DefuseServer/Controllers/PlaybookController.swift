// The playbook on a case: move it between stages, see what it needs next, hand it to someone who can help.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum PlaybookController {
    /// `POST /api/v1/cases/{reference}/stage` `{"stage", "reason"?}`.
    @Sendable static func moveStage(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(StageRequest.self, from: request)
        guard let stageText = body.stage else { throw DefuseError.invalidField("stage", "is required") }
        let stage = try Stage.parse(stageText, field: "stage")
        let reason = try Field.optionalText(body.reason, field: "reason", limit: Limits.nameCharacters * 4)
        let reference = try CaseController.reference(request)
        try await move(reference, to: stage, reason: reason, by: agent, request)
        return JSON.response(CaseDetail(try await CaseRecords.detail(reference: reference, on: request.db)))
    }

    /// Moves a case as the playbook allows, for the API and the case page alike; resolving sends the survey.
    static func move(
        _ reference: String, to stage: Stage, reason: String?, by agent: SignedInAgent, _ request: Request
    ) async throws {
        let desk = try await request.desk()
        let base = request.application.defuseConfig.publicURL
        try await request.db.write { db in
            let record = try await CaseRecords.require(reference: reference, on: db)
            try await PlaybookRecords.move(record, to: stage, reason: reason, by: agent.actor, desk: desk, on: db)
            if stage == .resolved { try await CustomerNotices.sendSurvey(on: record, desk: desk, base: base, on: db) }
        }
    }

    /// `GET /api/v1/cases/{reference}/next`: the checklist of the stage and the next best actions, with reasons.
    @Sendable static func next(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let record = try await CaseRecords.require(reference: try CaseController.reference(request), on: request.db)
        let messages = try await Message.query(on: request.db).filter(\.$case.$id == record.requireID()).sort(\.$id).all()
        let body = try await nextActions(for: record, messages: messages, role: agent.role, policy: request.desk().policy,
                                         now: Date(), on: request.db)
        return JSON.response(body)
    }

    /// `messages`: the case's messages in order, which the caller has usually read already.
    static func nextActions(
        for record: Case, messages: [Message], role: Role, policy: Policy, now: Date, on db: any Database
    ) async throws -> NextBody {
        let caseID = try record.requireID()
        let facts = try await PlaybookRecords.facts(for: record, messages: messages, on: db)
        let stage = Stage(rawValue: record.stage) ?? .new
        let checklist = Playbook.checklist(for: stage, facts)
        let inbound = messages.filter { $0.direction == MessageDirection.inbound.rawValue }.compactMap(\.analysis)
        let escalations = try await Escalation.query(on: db).filter(\.$case.$id == caseID).all()
        let open = try await Commitment.query(on: db).filter(\.$case.$id == caseID).filter(\.$doneAt == nil).all()
        let situation = CaseSituation(
            stage: stage, fault: Fault(rawValue: record.fault) ?? .unknown,
            channel: DefuseCore.Channel(rawValue: record.channel) ?? .web, language: record.language,
            customerMessages: inbound, checklist: checklist, role: role, policy: policy,
            pendingEscalations: escalations.filter { $0.state == "pending" }.count,
            declinedEscalations: escalations.filter { $0.state == "declined" }.count,
            openCommitments: open.count, overdueCommitments: open.filter { $0.dueAt < now }.count,
            firstResponseDue: record.firstResponseDue, firstRespondedAt: record.firstRespondedAt, now: now)
        return NextBody(
            reference: record.reference, stage: stage.rawValue,
            allowedStages: Playbook.allowedMoves(from: stage).map(\.rawValue), checklist: checklist,
            actions: NextActions.suggest(situation, phrases: Coach.shared.phrases(record.language)))
    }

    /// `POST /api/v1/cases/{reference}/handoff` `{"team"?, "skill"?, "agent"?, "note"}`: to the named agent, or
    /// the least-loaded one with the team and skill who speaks the customer's language.
    @Sendable static func handOff(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(HandoffRequest.self, from: request)
        let note = try Field.requiredText(body.note, field: "note", limit: Limits.messageCharacters)
        let team = try Field.optionalText(body.team, field: "team", limit: Limits.nameCharacters)
        let skill = try Field.optionalText(body.skill, field: "skill", limit: Limits.nameCharacters)
        let named = try Field.optionalText(body.agent, field: "agent", limit: Limits.emailCharacters)
        guard team != nil || skill != nil || named != nil else {
            throw DefuseError.invalidField("team", "say who should take the case: a team, a skill or an agent")
        }
        let reference = try CaseController.reference(request)
        try await request.db.write { db in
            let record = try await CaseRecords.require(reference: reference, on: db)
            let target: UUID
            if let named {
                guard let found = try await AgentRecords.active(idOrEmail: named, on: db) else {
                    throw DefuseError.invalidField("agent", "must be the id or email of an active agent")
                }
                target = try found.requireID()
            } else {
                let candidates = try await AgentRecords.routingCandidates(on: db)
                let need = RoutingNeed(team: team, skill: skill, language: record.language, from: agent.id)
                guard let picked = Routing.pick(candidates, for: need) else {
                    throw DefuseError.invalidField(skill != nil ? "skill" : "team",
                                                   "no active agent has that \(skill != nil ? "skill" : "team")")
                }
                target = picked
            }
            var changes = CaseChanges(assignee: .agent(target))
            if let team { changes.team = .some(team) }
            try await CaseRecords.change(record, changes, by: agent.actor, on: db)
            _ = try await CaseRecords.addMessage(
                to: record, direction: .note, text: note, channel: .api, language: nil, analysis: nil,
                by: agent.actor, on: db)
            try await CaseEvent(caseID: try record.requireID(), actor: agent.actor, kind: "handed_off",
                                after: note, at: Date()).create(on: db)
            try await Alert(agentID: target, caseID: try record.requireID(), kind: "handed_off",
                            text: "\(record.reference) was handed to you by \(agent.name): \(note)",
                            subjectID: nil, at: Date()).create(on: db)
        }
        return JSON.response(CaseDetail(try await CaseRecords.detail(reference: reference, on: request.db)))
    }
}
