// A signed-in browser: the digest of its cookie's token, whose it is, and until when it is good.
import Fluent
import Foundation

public final class WebSession: Model, @unchecked Sendable {
    public static let schema = "web_sessions"

    @ID(key: .id) public var id: UUID?
    /// SHA-256 of the cookie's random token; the token itself is never stored.
    @Field(key: "token_hash") public var tokenHash: String
    @Parent(key: "agent_id") public var agent: Agent
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(tokenHash: String, agentID: UUID, createdAt: Date, expiresAt: Date) {
        self.id = UUID()
        self.tokenHash = tokenHash
        self.$agent.id = agentID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
