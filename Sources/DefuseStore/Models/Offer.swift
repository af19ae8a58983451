// Options put to a customer for putting things right, the link they answer through, and what they answered.
import Fluent
import Foundation

public final class Offer: Model, @unchecked Sendable {
    public static let schema = "offers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "case_id") public var `case`: Case
    @OptionalParent(key: "created_by") public var createdBy: Agent?
    /// `open` (waiting for the customer), `approved`, `rejected`.
    @Field(key: "state") public var state: String
    @OptionalField(key: "chosen_option_id") public var chosenOptionID: UUID?
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    /// When the customer's link stops working; nil until an option is actually put to the customer.
    @OptionalField(key: "link_expires_at") public var linkExpiresAt: Date?
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    @Children(for: \.$offer) public var options: [OfferOption]

    public init() {}

    public init(id: UUID, caseID: UUID, createdBy: UUID?, createdAt: Date) {
        self.id = id
        self.$case.id = caseID
        self.$createdBy.id = createdBy
        self.state = "open"
        self.createdAt = createdAt
    }
}

public final class OfferOption: Model, @unchecked Sendable {
    public static let schema = "offer_options"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "offer_id") public var offer: Offer
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: String
    /// Exact decimal text in the policy's currency ("25.50"); nil for a remedy that is not money.
    @OptionalField(key: "amount") public var amount: String?
    @Field(key: "currency") public var currency: String
    @OptionalField(key: "points") public var points: Int?
    @OptionalField(key: "detail") public var detail: String?
    /// `offered` (the customer sees it), `escalated` (waits for a manager), `declined`, `chosen`, `not_chosen`.
    @Field(key: "status") public var status: String
    @Field(key: "fast_path") public var fastPath: Bool

    public init() {}

    public init(
        id: UUID, offerID: UUID, caseID: UUID, position: Int, kind: String, amount: String?, currency: String,
        points: Int?, detail: String?, status: String, fastPath: Bool
    ) {
        self.id = id
        self.$offer.id = offerID
        self.caseID = caseID
        self.position = position
        self.kind = kind
        self.amount = amount
        self.currency = currency
        self.points = points
        self.detail = detail
        self.status = status
        self.fastPath = fastPath
    }
}
