// An API token belonging to an agent; only its SHA-256 digest is stored.
import Fluent
import Foundation

public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "agent_id") public var agent: Agent
    @Field(key: "label") public var label: String
    /// Hex SHA-256 of the token. Tokens are 256 random bits, so a fast hash is enough; unique.
    @Field(key: "token_hash") public var tokenHash: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public init(agentID: UUID, label: String, tokenHash: String) {
        self.$agent.id = agentID
        self.label = label
        self.tokenHash = tokenHash
    }
}
