// Turns every error into `{"error", "field"?, "message"}` with the right status; nothing leaks as a bare 500.
import DefuseCore
import Vapor

struct APIErrorBody: Content {
    var error: String
    var field: String?
    var message: String
}

struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: error, on: request)
        }
    }

    static func response(for error: any Error, on request: Request) -> Response {
        let (status, body, headers) = describe(error)
        if status == .internalServerError {
            request.logger.error("unhandled error: \(String(reflecting: error))")
        }
        let response = request.url.path.hasPrefix("/api/") || request.url.path == "/healthz"
            ? JSON.response(body, status: status) : page(body, status: status)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        return response
    }

    /// Web pages get a page, not JSON: the message in plain words and a way back.
    static func page(_ body: APIErrorBody, status: HTTPResponseStatus) -> Response {
        let message = body.message.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(status.code) · Defuse</title>\
            <link rel="stylesheet" href="/assets/desk.css"></head><body><main class="error-page">\
            <h1>\(status.code) \(status.reasonPhrase)</h1><p>\(message)</p>\
            <p><a href="/inbox">Back to the inbox</a></p></main></body></html>
            """
        var headers = HTTPHeaders()
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html))
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, APIErrorBody, HTTPHeaders) {
        switch error {
        case let error as DefuseError:
            var headers = HTTPHeaders()
            if case .rateLimited(let seconds) = error { headers.add(name: .retryAfter, value: String(seconds)) }
            return (status(of: error), APIErrorBody(error: error.code, field: error.field, message: error.message),
                    headers)
        case let error as any AbortError:
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = error.status == .payloadTooLarge
                ? "the request body is larger than 256 KiB" : error.reason
            return (error.status, APIErrorBody(error: code, field: nil, message: message), error.headers)
        default:
            return (.internalServerError,
                    APIErrorBody(error: "internal_error", field: nil,
                                 message: "something went wrong on our side; the request was not saved"),
                    [:])
        }
    }

    static func status(of error: DefuseError) -> HTTPResponseStatus {
        switch error {
        case .malformedBody: .badRequest
        case .invalidField: .unprocessableEntity
        case .notFound: .notFound
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .rateLimited: .tooManyRequests
        case .conflict: .conflict
        }
    }
}

/// Echoes the request id Vapor gives every request (and puts in its log lines) as `X-Request-Id`.
struct RequestIDMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = APIErrorMiddleware.response(for: error, on: request)
        }
        response.headers.replaceOrAdd(name: "X-Request-Id", value: request.id)
        return response
    }
}
