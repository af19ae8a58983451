// Who is calling: an agent identified by an API token (and, later, a login session), and what their role allows.
import DefuseCore
import DefuseStore
import Vapor

/// The agent behind a request, as the handlers need it.
struct SignedInAgent: Authenticatable, Sendable {
    var id: UUID
    var name: String
    var email: String
    var role: Role

    init(_ agent: Agent) throws {
        self.id = try agent.requireID()
        self.name = agent.name
        self.email = agent.email
        self.role = Role(rawValue: agent.role) ?? .agent
    }

    var actor: Actor { Actor(agentID: id, label: name) }
}

/// Tokens are random and long, so their SHA-256 digest is what we store and look up.
enum TokenDigest {
    static let prefix = "dfs_"

    static func make() -> (token: String, digest: String) {
        let bytes = [UInt8].random(count: 32)
        let token = prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, digest(of: token))
    }

    static func digest(of token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hex
    }
}

struct BearerTokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard bearer.token.hasPrefix(TokenDigest.prefix),
              let agent = try await AgentRecords.agent(forTokenHash: TokenDigest.digest(of: bearer.token), on: request.db)
        else { return }
        request.auth.login(try SignedInAgent(agent))
    }
}

/// Lets a request through only for a signed-in agent whose role is at least `minimum`.
struct RequireRole: AsyncMiddleware {
    var minimum: Role

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let agent = request.auth.get(SignedInAgent.self) else { throw DefuseError.unauthenticated }
        guard agent.role >= minimum else {
            throw DefuseError.forbidden("this needs the \(minimum.rawValue) role; you are signed in as \(agent.role.rawValue)")
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The signed-in agent; routes behind `RequireRole` always have one.
    func agent() throws -> SignedInAgent {
        guard let agent = auth.get(SignedInAgent.self) else { throw DefuseError.unauthenticated }
        return agent
    }
}
