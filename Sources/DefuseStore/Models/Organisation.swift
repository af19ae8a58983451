// The organisation's settings: one row, created on first start.
import Fluent
import Foundation

public final class Organisation: Model, @unchecked Sendable {
    public static let schema = "organisation_settings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// The language used when a customer's language is unknown.
    @Field(key: "default_language") public var defaultLanguage: String
    /// IANA time zone of the business, e.g. `Europe/Athens`.
    @Field(key: "time_zone") public var timeZone: String
    /// The policy as JSON (`DefuseCore.Policy`); nil means the standard policy.
    @OptionalField(key: "policy") public var policy: String?
    /// The key that signs customers' links; made on first start, shared by every instance through the database.
    @OptionalField(key: "link_secret") public var linkSecret: String?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    public init(name: String, defaultLanguage: String, timeZone: String) {
        self.name = name
        self.defaultLanguage = defaultLanguage
        self.timeZone = timeZone
    }
}
