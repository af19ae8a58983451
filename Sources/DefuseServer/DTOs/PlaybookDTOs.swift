// What clients send and get back for the playbook: stages, next actions, offers, escalations, promises, policy.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Foundation

struct StageRequest: Decodable {
    var stage: String?
    var reason: String?
}

struct HandoffRequest: Decodable {
    var team: String?
    var skill: String?
    /// An agent's id or email, to hand to someone in particular.
    var agent: String?
    var note: String?
}

struct OfferRequest: Decodable {
    struct OptionInput: Decodable {
        var kind: String?
        var amount: Decimal?
        var currency: String?
        var points: Int?
        var detail: String?
    }

    var options: [OptionInput]?
    /// Proof the customer has given, e.g. ["receipt"].
    var evidence: [String]?
    /// "2026-11-02": weighed against the policy's windows.
    var purchasedOn: String?

    enum CodingKeys: String, CodingKey {
        case options, evidence
        case purchasedOn = "purchased_on"
    }
}

struct DecisionRequest: Decodable {
    var decision: String?
    var reason: String?
}

struct CommitmentRequest: Decodable {
    var what: String?
    /// An agent's id or email; the caller when absent.
    var owner: String?
    /// ISO 8601 date and time.
    var due: String?
}

struct NextBody: Encodable {
    var reference: String
    var stage: String
    var allowedStages: [String]
    var checklist: [ChecklistItem]
    var actions: [NextAction]
}

struct OptionBody: Encodable {
    var id: UUID
    var kind: String
    var amount: String?
    var currency: String
    var points: Int?
    var detail: String?
    var status: String
    var fastPath: Bool
    var escalation: EscalationRef?

    struct EscalationRef: Encodable {
        var id: UUID
        var reasons: [String]
    }

    init(_ option: OfferOption, escalation: Escalation? = nil) {
        id = option.id ?? UUID()
        kind = option.kind
        amount = option.amount
        currency = option.currency
        points = option.points
        detail = option.detail
        status = option.status
        fastPath = option.fastPath
        self.escalation = escalation.map { EscalationRef(id: $0.id ?? UUID(), reasons: $0.reasons.split(separator: "\n").map(String.init)) }
    }
}

struct OfferBody: Encodable {
    var id: UUID
    var reference: String
    var state: String
    var options: [OptionBody]
    /// The customer's page, when at least one option went to them.
    var link: String?
    var linkExpiresAt: Date?
    /// What was said to the customer (the link, or that a colleague is deciding).
    var message: MessageBody?
    var stage: String
}

struct EscalationBody: Encodable {
    var id: UUID
    var reference: String
    var option: OptionBody
    var reasons: [String]
    var state: String
    var requestedBy: AgentRef?
    var decidedBy: AgentRef?
    var decisionReason: String?
    var createdAt: Date
    var decidedAt: Date?

    init(_ escalation: Escalation) {
        id = escalation.id ?? UUID()
        reference = escalation.$case.value?.reference ?? ""
        option = OptionBody(escalation.option)
        reasons = escalation.reasons.split(separator: "\n").map(String.init)
        state = escalation.state
        requestedBy = AgentRef(escalation.$requestedBy.value ?? nil)
        decidedBy = AgentRef(escalation.$decidedBy.value ?? nil)
        decisionReason = escalation.decisionReason
        createdAt = escalation.createdAt
        decidedAt = escalation.decidedAt
    }
}

struct CommitmentBody: Encodable {
    var id: UUID
    var reference: String
    var what: String
    var owner: AgentRef?
    var due: Date
    var doneAt: Date?
    var state: String

    init(_ commitment: Commitment, now: Date) {
        id = commitment.id ?? UUID()
        reference = commitment.$case.value?.reference ?? ""
        what = commitment.what
        owner = AgentRef(commitment.$owner.value)
        due = commitment.dueAt
        doneAt = commitment.doneAt
        state = Promises.state(due: commitment.dueAt, doneAt: commitment.doneAt, now: now).rawValue
    }
}

struct KeepingBody: Encodable {
    struct PerAgent: Encodable {
        var agent: AgentRef?
        var kept: Int
        var broken: Int
        var pending: Int
        var rate: Double?
    }

    var overall: PromiseKeeping
    var agents: [PerAgent]
}

struct AlertBody: Encodable {
    var id: UUID
    var kind: String
    var text: String
    var caseId: UUID?
    var createdAt: Date

    init(_ alert: Alert) {
        id = alert.id ?? UUID()
        kind = alert.kind
        text = alert.text
        caseId = alert.$case.id
        createdAt = alert.createdAt
    }
}

struct AuditBody: Encodable {
    var id: UUID
    var actor: String
    var action: String
    var subject: String?
    var detail: String
    var createdAt: Date

    init(_ entry: AuditEntry) {
        id = entry.id ?? UUID()
        actor = entry.actorLabel
        action = entry.action
        subject = entry.subject
        detail = entry.detail
        createdAt = entry.createdAt
    }
}
