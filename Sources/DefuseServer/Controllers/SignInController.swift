// Signing in and out of the web desk.
import DefuseCore
import DefuseStore
import Vapor

enum SignInController {
    /// `GET /login`: the form, with a fresh double-submit token.
    @Sendable static func show(_ request: Request) async throws -> Response {
        if request.auth.has(SignedInAgent.self) { return request.redirect(to: safeNext(request.query[String.self, at: "next"])) }
        return try await page(request, error: nil, email: nil, next: request.query[String.self, at: "next"])
    }

    /// `POST /login`: email and password; five wrong passwords in a row lock the account for fifteen minutes.
    @Sendable static func signIn(_ request: Request) async throws -> Response {
        let form = try request.content.decode([String: String].self)
        let next = form["next"]
        guard let cookie = request.cookies[WebSessionCookie.preSession]?.string, let given = form["csrf"],
              WebSessionCookie.same(cookie, given) else {
            return try await page(request, error: "The sign-in form expired. Please try again.", email: form["email"],
                                  next: next, status: .forbidden)
        }
        let email = form["email"] ?? ""
        let password = form["password"] ?? ""
        let hasher = request.password.async
        let outcome = try await SessionRecords.signIn(
            email: email, password: password, verify: { try await hasher.verify($0, created: $1) }, now: Date(),
            on: request.db)
        switch outcome {
        case .failure(let refusal):
            return try await page(request, error: refusal.message, email: email, next: next,
                                  status: refusal == .wrongCredentials ? .unauthorized : .tooManyRequests)
        case .success(let agent):
            let token = try await SessionRecords.create(for: agent, now: Date(), on: request.db)
            let response = request.redirect(to: safeNext(next))
            response.cookies[WebSessionCookie.session] = WebSessionCookie.cookie(
                token, maxAge: Int(WebSessionCookie.lifetime), secure: secureCookies(request))
            return response
        }
    }

    /// `POST /logout`.
    @Sendable static func signOut(_ request: Request) async throws -> Response {
        if let session = request.auth.get(BrowserSession.self) {
            try await SessionRecords.end(token: session.token, on: request.db)
        }
        let response = request.redirect(to: "/login")
        response.cookies[WebSessionCookie.session] = WebSessionCookie.cookie("", maxAge: 0, secure: secureCookies(request))
        return response
    }

    static func page(
        _ request: Request, error: String?, email: String?, next: String?, status: HTTPStatus = .ok
    ) async throws -> Response {
        let token = WebSessionCookie.random()
        let response = try await DeskView.render(
            "login", LoginPage(error: error, email: email, next: next, csrf: token), request, status: status)
        response.cookies[WebSessionCookie.preSession] = WebSessionCookie.cookie(token, maxAge: 3600,
                                                                               secure: secureCookies(request))
        return response
    }

    /// Only a path on this site: never a redirect to somewhere else.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/inbox" }
        return next
    }

    static func secureCookies(_ request: Request) -> Bool {
        request.application.defuseConfig.publicURL.hasPrefix("https://")
    }
}

/// Rendering desk pages: Leaf with the security headers every page gets.
enum DeskView {
    static func render<Context: Encodable>(
        _ template: String, _ context: Context, _ request: Request, status: HTTPStatus = .ok
    ) async throws -> Response {
        let view = try await request.view.render(template, context)
        let response = try await view.encodeResponse(status: status, for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value: "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
        return response
    }
}
