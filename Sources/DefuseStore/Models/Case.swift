// A complaint being worked: who, about what, how urgent, where it stands, and its deadlines.
import Fluent
import Foundation

public final class Case: Model, @unchecked Sendable {
    public static let schema = "cases"

    /// Time-ordered (UUID v7), so the newest cases come first when sorted by id.
    @ID(key: .id) public var id: UUID?
    /// Public reference like `C-7Q2K4`; unique.
    @Field(key: "reference") public var reference: String
    @Parent(key: "customer_id") public var customer: Customer
    @Field(key: "channel") public var channel: String
    @Field(key: "language") public var language: String
    @OptionalField(key: "subject") public var subject: String?
    @Field(key: "stage") public var stage: String
    @Field(key: "priority") public var priority: String
    @OptionalParent(key: "assignee_id") public var assignee: Agent?
    @OptionalField(key: "team") public var team: String?
    @Field(key: "fault") public var fault: String
    /// The highest anger level seen in the customer's messages; nil until a message has been analysed.
    @OptionalField(key: "peak_anger") public var peakAnger: Int?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "first_response_due") public var firstResponseDue: Date
    @Field(key: "resolution_due") public var resolutionDue: Date
    @OptionalField(key: "first_responded_at") public var firstRespondedAt: Date?
    /// Since when the case waits on the customer (their approval, an answer to our question): the SLA is paused.
    @OptionalField(key: "waiting_since") public var waitingSince: Date?
    @OptionalField(key: "resolved_at") public var resolvedAt: Date?
    /// The customer abused staff or reported a threat or danger in some message: the case is in the hostile queue.
    @OptionalField(key: "alarm") public var alarm: Bool?

    @Children(for: \.$case) public var categories: [CaseCategory]
    @Children(for: \.$case) public var messages: [Message]
    @Children(for: \.$case) public var events: [CaseEvent]

    public init() {}

    public init(
        id: UUID, reference: String, customerID: UUID, channel: String, language: String, subject: String?,
        stage: String, priority: String, fault: String, createdAt: Date, firstResponseDue: Date, resolutionDue: Date
    ) {
        self.id = id
        self.reference = reference
        self.$customer.id = customerID
        self.channel = channel
        self.language = language
        self.subject = subject
        self.stage = stage
        self.priority = priority
        self.fault = fault
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.firstResponseDue = firstResponseDue
        self.resolutionDue = resolutionDue
    }
}
