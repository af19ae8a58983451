// A person who works the desk: agent, manager or admin.
import Fluent
import Foundation

public final class Agent: Model, @unchecked Sendable {
    public static let schema = "agents"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// Stored lowercased; unique.
    @Field(key: "email") public var email: String
    /// `agent`, `manager` or `admin` (see `DefuseCore.Role`).
    @Field(key: "role") public var role: String
    /// ISO 639-1 codes of the languages the agent answers in.
    @Field(key: "languages") public var languages: [String]
    @OptionalField(key: "team") public var team: String?
    /// What the agent is good at ("billing", "technical", ...), lowercased, for hand-offs.
    @OptionalField(key: "skills") public var skills: [String]?
    /// Bcrypt hash; the password itself is never stored.
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "active") public var active: Bool
    /// Wrong passwords in a row; reset by a good one.
    @OptionalField(key: "failed_logins") public var failedLogins: Int?
    /// Sign-in is refused until then after too many wrong passwords.
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(name: String, email: String, role: String, languages: [String], team: String?, passwordHash: String) {
        self.name = name
        self.email = email
        self.role = role
        self.languages = languages
        self.team = team
        self.passwordHash = passwordHash
        self.active = true
    }
}
