// Browser sign-in: a random session token in an HttpOnly cookie (only its digest is stored), a CSRF token derived
// from it for every form and for the composer's calls to the API, and a double-submit cookie before sign-in.
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum WebSessionCookie {
    static let session = "defuse_session"
    /// Before sign-in (login and the public complaint form): a random value the form must echo.
    static let preSession = "defuse_form"
    static let lifetime: TimeInterval = 12 * 3600

    static func random() -> String {
        let bytes = [UInt8].random(count: 32)
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The CSRF token of a session: a digest of its secret, so it is checked without storing anything.
    static func csrf(forSessionToken token: String) -> String {
        SHA256.hash(data: Data("csrf:\(token)".utf8)).hex
    }

    static func cookie(_ value: String, maxAge: Int, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    /// Compares two secrets in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// A signed-in browser, as handlers see it.
struct BrowserSession: Authenticatable, Sendable {
    var token: String
    var csrf: String { WebSessionCookie.csrf(forSessionToken: token) }
}

/// Signs in the agent whose session cookie this is. Requests with an API token are left to the bearer authenticator.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.headers.bearerAuthorization == nil, let token = request.cookies[WebSessionCookie.session]?.string,
           !token.isEmpty {
            let digest = TokenDigest.digest(of: token)
            if let session = try await WebSession.query(on: request.db).filter(\.$tokenHash == digest)
                .with(\.$agent).first(), session.expiresAt > Date(), session.agent.active {
                request.auth.login(try SignedInAgent(session.agent))
                request.auth.login(BrowserSession(token: token))
            }
        }
        return try await next.respond(to: request)
    }
}

/// Unsafe requests signed in by cookie must carry the session's CSRF token, as a form field `csrf` or a header
/// `X-CSRF-Token`; a page from another site cannot read it, so it cannot forge the request.
struct RequireCSRF: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method != .GET, request.method != .HEAD, let session = request.auth.get(BrowserSession.self)
        else { return try await next.respond(to: request) }
        // Middleware runs before the route gathers the body: a form that arrives in several packets is read whole
        // here first (within the same 256 KiB limit), or its token would look missing.
        if request.headers.first(name: "X-CSRF-Token") == nil, request.body.data == nil {
            _ = try await request.body.collect(max: 256 * 1024).get()
        }
        let given = request.headers.first(name: "X-CSRF-Token")
            ?? (request.headers.contentType == .urlEncodedForm ? try? request.content.get(String.self, at: "csrf") : nil)
        guard let given, WebSessionCookie.same(given, session.csrf) else {
            throw DefuseError.forbidden("this form has expired or did not come from the desk; reload the page and try again")
        }
        return try await next.respond(to: request)
    }
}

/// Pages for signed-in agents: anyone else is sent to `/login`, and back here afterwards.
struct RedirectToLogin: AsyncMiddleware {
    var minimum: Role = .agent

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let agent = request.auth.get(SignedInAgent.self) else {
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            let escaped = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/inbox"
            return request.redirect(to: "/login?next=\(escaped)")
        }
        guard agent.role >= minimum else {
            throw Abort(.forbidden, reason: "This page is for the \(minimum.rawValue) role.")
        }
        return try await next.respond(to: request)
    }
}

enum SessionRecords {
    static let maximumFailures = 5
    static let lockout: TimeInterval = 15 * 60

    /// Checks an email and password, counting failures: after five wrong passwords in a row the account is locked
    /// for fifteen minutes, whatever is typed. Returns the agent, or a message to show.
    static func signIn(
        email: String, password: String, verify: (String, String) async throws -> Bool, now: Date,
        on db: any Database
    ) async throws -> Result<Agent, SignInRefusal> {
        guard let agent = try await AgentRecords.find(email: email.trimmingCharacters(in: .whitespaces), on: db),
              agent.active
        else {
            // Same answer and about the same time as a wrong password, so addresses cannot be probed.
            _ = try? await verify(password, "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5W5wkLJ1WbRhiAS0FBQcOB3Z8hJLFTS")
            return .failure(.wrongCredentials)
        }
        if let until = agent.lockedUntil, until > now { return .failure(.locked(until: until)) }
        if try await verify(password, agent.passwordHash) {
            if agent.failedLogins != 0 || agent.lockedUntil != nil {
                agent.failedLogins = 0
                agent.lockedUntil = nil
                try await agent.save(on: db)
            }
            return .success(agent)
        }
        let failures = (agent.failedLogins ?? 0) + 1
        agent.failedLogins = failures
        if failures >= maximumFailures {
            agent.lockedUntil = now.addingTimeInterval(lockout)
            agent.failedLogins = 0
        }
        try await agent.save(on: db)
        return .failure(agent.lockedUntil.map { $0 > now ? .locked(until: $0) : .wrongCredentials } ?? .wrongCredentials)
    }

    static func create(for agent: Agent, now: Date, on db: any Database) async throws -> String {
        let token = WebSessionCookie.random()
        try await WebSession(tokenHash: TokenDigest.digest(of: token), agentID: try agent.requireID(), createdAt: now,
                             expiresAt: now.addingTimeInterval(WebSessionCookie.lifetime)).create(on: db)
        return token
    }

    static func end(token: String, on db: any Database) async throws {
        try await WebSession.query(on: db).filter(\.$tokenHash == TokenDigest.digest(of: token)).delete()
    }
}

enum SignInRefusal: Error, Equatable {
    case wrongCredentials
    case locked(until: Date)

    var message: String {
        switch self {
        case .wrongCredentials: "That email and password do not match."
        case .locked: "Too many wrong passwords: sign-in is paused for 15 minutes. Ask an admin if you are stuck."
        }
    }
}
