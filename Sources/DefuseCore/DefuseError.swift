// The domain's errors, in a person's words; the server maps them to HTTP statuses at its edge.

public enum DefuseError: Error, Equatable, Sendable {
    /// The request body is not JSON we can read at all (syntax, encoding).
    case malformedBody(String)
    /// One field is missing, of the wrong type or has a value we cannot accept.
    case invalidField(String, String)
    /// Something named by the request does not exist.
    case notFound(String, field: String? = nil)
    /// No valid credentials were presented.
    case unauthenticated
    /// Credentials are valid but the role does not allow this.
    case forbidden(String)
    /// Too many requests from one client; retry after the given number of seconds.
    case rateLimited(retryAfter: Int)
    /// The request conflicts with what is stored (e.g. an email already in use).
    case conflict(String, field: String? = nil)

    /// A stable machine-readable code for API clients.
    public var code: String {
        switch self {
        case .malformedBody: "malformed_body"
        case .invalidField: "invalid_field"
        case .notFound: "not_found"
        case .unauthenticated: "unauthenticated"
        case .forbidden: "forbidden"
        case .rateLimited: "rate_limited"
        case .conflict: "conflict"
        }
    }

    /// The field the error is about, when there is one (dotted path, e.g. `customer.email`).
    public var field: String? {
        switch self {
        case .invalidField(let field, _): field
        case .notFound(_, let field), .conflict(_, let field): field
        default: nil
        }
    }

    public var message: String {
        switch self {
        case .malformedBody(let reason): reason
        case .invalidField(let field, let problem): "\(field) \(problem)"
        case .notFound(let what, _): "\(what) was not found"
        case .unauthenticated: "a valid API token or login is required"
        case .forbidden(let reason): reason
        case .rateLimited(let seconds): "too many complaints from this address; try again in \(seconds) seconds"
        case .conflict(let reason, _): reason
        }
    }
}
