// What the API answers. Models never leave the server as JSON: these types do.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Foundation

struct ComplaintReceipt: Encodable {
    var reference: String
    var language: String
    var stage: String
    var priority: String
    var customerId: UUID
    var firstResponseDue: Date
    var resolutionDue: Date
    var createdAt: Date
    /// What the customer was told at once, in their language: reference, next steps, by when, how to reach us.
    var acknowledgement: String?
}

struct AgentRef: Encodable {
    var id: UUID
    var name: String
    var email: String

    init?(_ agent: Agent?) {
        guard let agent, let id = agent.id else { return nil }
        self.id = id
        self.name = agent.name
        self.email = agent.email
    }
}

struct CustomerRef: Encodable {
    var id: UUID
    var name: String
    var preferredName: String?
}

struct CaseSummary: Encodable {
    var reference: String
    var subject: String?
    var channel: String
    var language: String
    var stage: String
    var priority: String
    var categories: [String]
    var peakAnger: Int?
    var fault: String
    var team: String?
    var customer: CustomerRef?
    var assignee: AgentRef?
    var createdAt: Date
    var updatedAt: Date
    var firstResponseDue: Date
    var resolutionDue: Date
    var firstRespondedAt: Date?

    /// Needs `customer`, `assignee` and `categories` loaded (customer may be omitted on a customer's own page).
    init(_ record: Case, includeCustomer: Bool = true) {
        reference = record.reference
        subject = record.subject
        channel = record.channel
        language = record.language
        stage = record.stage
        priority = record.priority
        categories = (record.$categories.value ?? []).map(\.category).sorted {
            (Category(rawValue: $0) ?? .quality) < (Category(rawValue: $1) ?? .quality)
        }
        peakAnger = record.peakAnger
        fault = record.fault
        team = record.team
        if includeCustomer, let customer = record.$customer.value, let id = customer.id {
            self.customer = CustomerRef(id: id, name: customer.name, preferredName: customer.preferredName)
        }
        assignee = AgentRef(record.$assignee.value ?? nil)
        createdAt = record.createdAt
        updatedAt = record.updatedAt
        firstResponseDue = record.firstResponseDue
        resolutionDue = record.resolutionDue
        firstRespondedAt = record.firstRespondedAt
    }
}

struct CaseList: Encodable {
    var cases: [CaseSummary]
    /// `null` on the last page, so clients can tell the end from a missing field.
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case cases
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(cases, forKey: .cases)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}

struct MessageBody: Encodable {
    var id: UUID
    var direction: String
    var author: AgentRef?
    var channel: String
    var text: String
    var language: String?
    var analysis: MessageAnalysis?
    var coach: DraftReview?
    var createdAt: Date

    init(_ message: Message) {
        id = message.id ?? UUID()
        direction = message.direction
        author = AgentRef(message.$author.value ?? nil)
        channel = message.channel
        text = message.text
        language = message.language
        analysis = message.analysis
        coach = message.coach
        createdAt = message.createdAt
    }
}

struct EventBody: Encodable {
    var id: UUID
    var actor: String
    var actorId: UUID?
    var kind: String
    var before: String?
    var after: String?
    var createdAt: Date

    init(_ event: CaseEvent) {
        id = event.id ?? UUID()
        actor = event.actorLabel
        actorId = event.$actor.id
        kind = event.kind
        before = event.before
        after = event.after
        createdAt = event.createdAt
    }
}

struct CustomerBody: Encodable {
    var id: UUID
    var name: String
    var preferredName: String?
    var email: String?
    var phone: String?
    var language: String?
    var yearlyValue: Double?
    var notes: String?
    var createdAt: Date?

    init(_ customer: Customer) {
        id = customer.id ?? UUID()
        name = customer.name
        preferredName = customer.preferredName
        email = customer.email
        phone = customer.phone
        language = customer.language
        yearlyValue = customer.yearlyValue
        notes = customer.notes
        createdAt = customer.createdAt
    }
}

struct CaseDetail: Encodable {
    var `case`: CaseSummary
    var customer: CustomerBody?
    var messages: [MessageBody]
    var events: [EventBody]

    init(_ record: Case) {
        `case` = CaseSummary(record)
        customer = record.$customer.value.map(CustomerBody.init)
        messages = (record.$messages.value ?? []).map(MessageBody.init)
        events = (record.$events.value ?? []).map(EventBody.init)
    }
}

struct CustomerDetail: Encodable {
    var customer: CustomerBody
    var cases: [CaseSummary]
}

struct CustomerList: Encodable {
    var customers: [CustomerBody]
}

struct AgentBody: Encodable {
    var id: UUID
    var name: String
    var email: String
    var role: String
    var languages: [String]
    var team: String?
    var skills: [String]
    var active: Bool
    var createdAt: Date?

    init(_ agent: Agent) {
        id = agent.id ?? UUID()
        name = agent.name
        email = agent.email
        role = agent.role
        languages = agent.languages
        team = agent.team
        skills = agent.skills ?? []
        active = agent.active
        createdAt = agent.createdAt
    }
}

struct AgentList: Encodable {
    var agents: [AgentBody]
}

struct SettingsBody: Encodable {
    var name: String
    var defaultLanguage: String
    var timeZone: String

    init(_ organisation: Organisation) {
        name = organisation.name
        defaultLanguage = organisation.defaultLanguage
        timeZone = organisation.timeZone
    }
}

struct HealthBody: Encodable {
    var status: String
    var database: String
}

/// An outbound message refused because the coach flagged it: the review says why, `send_anyway` overrides.
struct FlaggedDraft: Encodable {
    var error = "draft_flagged"
    var field = "send_anyway"
    var message: String
    var review: DraftReview

    init(review: DraftReview) {
        self.review = review
        message = "the coach flagged this draft (\(review.flags.map(\.rawValue).joined(separator: ", "))); "
            + "revise it, or send it as it is with \"send_anyway\": true"
    }
}

/// The phrase library of one language.
struct PhraseLibrary: Encodable {
    var language: String
    var phrases: [String: [String]]
}
