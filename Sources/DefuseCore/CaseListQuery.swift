// The filters and page position of a case list, parsed from what a client sent.
import DefuseAnalysis
import Foundation

/// Who a case list is filtered to.
public enum AssigneeFilter: Sendable, Equatable {
    case agent(UUID)
    case email(String)
    case unassigned
}

public struct CaseListQuery: Sendable, Equatable {
    public var stage: Stage?
    public var category: Category?
    public var assignee: AssigneeFilter?
    public var language: Language?
    public var minAnger: Int?
    public var createdFrom: Date?
    public var createdTo: Date?
    /// Cases strictly older than this id (ids are time-ordered, see `TimeOrderedID`).
    public var before: UUID?
    public var limit: Int

    public static let defaultLimit = 50
    public static let maxLimit = 200

    public init(
        stage: Stage? = nil, category: Category? = nil, assignee: AssigneeFilter? = nil, language: Language? = nil,
        minAnger: Int? = nil, createdFrom: Date? = nil, createdTo: Date? = nil, before: UUID? = nil,
        limit: Int = CaseListQuery.defaultLimit
    ) {
        self.stage = stage
        self.category = category
        self.assignee = assignee
        self.language = language
        self.minAnger = minAnger
        self.createdFrom = createdFrom
        self.createdTo = createdTo
        self.before = before
        self.limit = limit
    }

    /// Parses query-string values; each bad one fails naming its parameter.
    public static func parse(_ parameters: [String: String]) throws(DefuseError) -> CaseListQuery {
        var query = CaseListQuery()
        if let value = parameters["stage"] { query.stage = try Stage.parse(value, field: "stage") }
        if let value = parameters["category"] { query.category = try Category.parse(value, field: "category") }
        if let value = parameters["language"] { query.language = try Language.parse(value, field: "language") }
        if let value = parameters["assignee"] {
            if value == "none" {
                query.assignee = .unassigned
            } else if let id = UUID(uuidString: value) {
                query.assignee = .agent(id)
            } else {
                query.assignee = .email(try Contact.email(value, field: "assignee"))
            }
        }
        if let value = parameters["min_anger"] {
            guard let anger = Int(value), (0...3).contains(anger) else {
                throw .invalidField("min_anger", "must be a whole number from 0 to 3")
            }
            query.minAnger = anger
        }
        if let value = parameters["created_from"] { query.createdFrom = try timestamp(value, field: "created_from") }
        if let value = parameters["created_to"] { query.createdTo = try timestamp(value, field: "created_to") }
        if let value = parameters["cursor"] { query.before = try CaseCursor.decode(value) }
        if let value = parameters["limit"] {
            guard let limit = Int(value), (1...maxLimit).contains(limit) else {
                throw .invalidField("limit", "must be a whole number from 1 to \(maxLimit)")
            }
            query.limit = limit
        }
        return query
    }

    /// Accepts a full ISO 8601 timestamp (`2026-11-23T09:30:00Z`) or a day (`2026-11-23`, midnight UTC).
    static func timestamp(_ value: String, field: String) throws(DefuseError) -> Date {
        if let date = try? Date(value, strategy: .iso8601) { return date }
        if let date = try? Date(value, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        throw .invalidField(field, "must be an ISO 8601 date like 2026-11-23 or 2026-11-23T09:30:00Z")
    }
}

/// An opaque page position: the id of the last case on the previous page.
public enum CaseCursor {
    public static func encode(_ id: UUID) -> String {
        Data(id.uuidString.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) throws(DefuseError) -> UUID {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              let id = UUID(uuidString: text)
        else { throw .invalidField("cursor", "is not a cursor this server gave out") }
        return id
    }
}
