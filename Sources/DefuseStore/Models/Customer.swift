// Someone who complained, found again by email or phone.
import Fluent
import Foundation

public final class Customer: Model, @unchecked Sendable {
    public static let schema = "customers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// What they like to be called; shown first to agents.
    @OptionalField(key: "preferred_name") public var preferredName: String?
    /// Lowercased; unique when present.
    @OptionalField(key: "email") public var email: String?
    /// `+` and digits only.
    @OptionalField(key: "phone") public var phone: String?
    @OptionalField(key: "language") public var language: String?
    /// Estimated yearly spend, in the organisation's currency.
    @OptionalField(key: "yearly_value") public var yearlyValue: Double?
    @OptionalField(key: "notes") public var notes: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    @Children(for: \.$customer) public var cases: [Case]

    public init() {}

    public init(name: String, preferredName: String? = nil, email: String?, phone: String?, language: String?) {
        self.name = name
        self.preferredName = preferredName
        self.email = email
        self.phone = phone
        self.language = language
    }
}
