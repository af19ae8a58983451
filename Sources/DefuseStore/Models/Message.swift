// One message on a case: from the customer, to the customer, or an internal note; with its analysis or review.
import DefuseAnalysis
import Fluent
import Foundation

public final class Message: Model, @unchecked Sendable {
    public static let schema = "messages"

    /// Time-ordered (UUID v7): a case's conversation reads in id order.
    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    /// `inbound`, `outbound` or `note`.
    @Field(key: "direction") public var direction: String
    /// The agent who wrote it; nil for the customer's own messages.
    @OptionalParent(key: "author_id") public var author: Agent?
    @Field(key: "channel") public var channel: String
    @Field(key: "text") public var text: String
    @OptionalField(key: "language") public var language: String?
    @OptionalField(key: "analysis") public var analysis: MessageAnalysis?
    /// The coach's review of an agent's reply, as it stood when the reply was sent.
    @OptionalField(key: "coach") public var coach: DraftReview?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    public init(
        id: UUID, caseID: UUID, direction: String, authorID: UUID?, channel: String, text: String,
        language: String?, analysis: MessageAnalysis?, coach: DraftReview? = nil, createdAt: Date
    ) {
        self.id = id
        self.$case.id = caseID
        self.direction = direction
        self.$author.id = authorID
        self.channel = channel
        self.text = text
        self.language = language
        self.analysis = analysis
        self.coach = coach
        self.createdAt = createdAt
    }
}
