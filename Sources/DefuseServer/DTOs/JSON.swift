// Reading request bodies strictly and writing responses, both in the API's snake_case JSON.
import DefuseCore
import Vapor

enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func response<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        let body: Data
        do {
            body = try encoder.encode(value)
        } catch {
            return Response(status: .internalServerError, headers: headers,
                            body: .init(string: #"{"error":"internal_error","message":"could not encode the response"}"#))
        }
        return Response(status: status, headers: headers, body: .init(data: body))
    }

    /// Decodes the request body as `T`, failing with a message that names the field and the problem.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) throws -> T {
        if let contentType = request.headers.contentType, contentType != .json,
           !(contentType.type == "application" && contentType.subType.hasSuffix("+json")) {
            throw DefuseError.malformedBody("the request body must be JSON (Content-Type: application/json)")
        }
        guard let buffer = request.body.data, buffer.readableBytes > 0 else {
            throw DefuseError.malformedBody("the request body is empty; it must be a JSON object")
        }
        let bytes = buffer.readableBytesView
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw DefuseError.malformedBody("the request body is not valid UTF-8")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw describe(error)
        }
    }

    static func describe(_ error: DecodingError) -> DefuseError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            (codingPath + (last.map { [$0] } ?? [])).map { key in
                key.intValue.map { "[\($0)]" } ?? key.stringValue
            }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(path(context.codingPath, key), "is required")
        case .typeMismatch(let type, let context):
            if context.codingPath.isEmpty { return .malformedBody("the request body must be a JSON object") }
            return .invalidField(path(context.codingPath), "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            if context.codingPath.isEmpty { return .malformedBody("the request body must be a JSON object") }
            return .invalidField(path(context.codingPath), "must be \(describe(type)), not null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return .malformedBody("the request body is not valid JSON") }
            return .invalidField(path(context.codingPath), "has a value that cannot be read")
        @unknown default:
            return .malformedBody("the request body could not be read")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Double.Type, is Decimal.Type: "a number"
        case is [String].Type, is [Any].Type: "a list"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
