// The agent inbox's queues: each one a filter the indexes answer, paged newest first by id.
import DefuseCore
import Fluent
import Foundation
import SQLKit

public enum InboxQueue: String, CaseIterable, Sendable {
    case new, mine, overdue
    case awaitingApproval = "awaiting_approval"
    case escalated, hostile, all

    public var label: String {
        switch self {
        case .new: "New"
        case .mine: "Mine"
        case .overdue: "Overdue"
        case .awaitingApproval: "Awaiting approval"
        case .escalated: "Escalated"
        case .hostile: "Hostile"
        case .all: "All"
        }
    }
}

public struct InboxFilter: Sendable {
    public var queue: InboxQueue
    public var agentID: UUID
    public var language: String?
    public var category: String?
    /// A reference (`C-7Q2K4`) or words from the customer's messages or the subject.
    public var search: String?
    public var before: UUID?
    public var limit: Int
    public var now: Date

    public init(queue: InboxQueue, agentID: UUID, language: String? = nil, category: String? = nil,
                search: String? = nil, before: UUID? = nil, limit: Int = 50, now: Date = Date()) {
        self.queue = queue
        self.agentID = agentID
        self.language = language
        self.category = category
        self.search = search
        self.before = before
        self.limit = limit
        self.now = now
    }
}

/// One line of the inbox: what the list shows, read without building models (Fluent's reflection cost more per row
/// than the query; see Benchmarks/pages).
public struct InboxRow: Sendable {
    public var id: UUID
    public var reference: String
    public var subject: String?
    public var language: String
    public var stage: String
    public var peakAnger: Int?
    public var alarm: Bool
    public var firstResponseDue: Date
    public var firstRespondedAt: Date?
    public var resolutionDue: Date
    public var customerName: String
    public var preferredName: String?
    public var categories: [String]
}

public enum InboxRecords {
    static let closed = [Stage.resolved.rawValue, Stage.closed.rawValue]

    public static func page(_ filter: InboxFilter, on db: any Database) async throws -> (rows: [InboxRow], next: UUID?) {
        guard let sql = db as? any SQLDatabase else { return ([], nil) }
        func column(_ name: String, _ table: String = Case.schema) -> SQLColumn { SQLColumn(name, table: table) }
        let query = sql.select()
            .columns(column("id"), column("reference"), column("subject"), column("language"), column("stage"),
                     column("peak_anger"), column("alarm"), column("first_response_due"), column("first_responded_at"),
                     column("resolution_due"))
            .column(SQLAlias(column("name", Customer.schema), as: SQLIdentifier("customer_name")))
            .column(SQLAlias(column("preferred_name", Customer.schema), as: SQLIdentifier("customer_preferred_name")))
            .from(Case.schema)
            .join(Customer.schema, on: column("customer_id"), .equal, column("id", Customer.schema))
        let open = SQLGroupExpression(SQLList(closed.map { SQLBind($0) }))
        switch filter.queue {
        case .new: query.where(column("stage"), .equal, SQLBind(Stage.new.rawValue))
        case .mine: query.where(column("assignee_id"), .equal, SQLBind(filter.agentID)).where(column("stage"), .notIn, open)
        case .overdue: query.where(column("resolution_due"), .lessThan, SQLBind(filter.now)).where(column("stage"), .notIn, open)
        case .awaitingApproval: query.where(column("stage"), .equal, SQLBind(Stage.awaitingApproval.rawValue))
        case .escalated:
            let pending = try await Escalation.query(on: db).filter(\.$state == "pending").unique().all(\.$case.$id)
            guard !pending.isEmpty else { return ([], nil) }
            query.where(column("id"), .in, SQLGroupExpression(SQLList(pending.map { SQLBind($0) })))
        case .hostile:
            query.where { $0.where(column("peak_anger"), .greaterThanOrEqual, SQLBind(3)).orWhere(column("alarm"), .equal, SQLBind(true)) }
                .where(column("stage"), .notIn, open)
        case .all: break
        }
        if let category = filter.category {
            query.join(CaseCategory.schema, on: column("id"), .equal, column("case_id", CaseCategory.schema))
                .where(column("category", CaseCategory.schema), .equal, SQLBind(category))
            // Both filters read the (category, language, case_id) index of the category rows.
            if let language = filter.language {
                query.where(column("language", CaseCategory.schema), .equal, SQLBind(language))
            }
        } else if let language = filter.language {
            query.where(column("language"), .equal, SQLBind(language))
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            if let reference = CaseReference.normalise(search) {
                query.where(column("reference"), .equal, SQLBind(reference))
            } else {
                // Words from what the customer wrote: the newest matching messages name their cases. Case-blind on
                // both databases (SQLite's LIKE is; PostgreSQL needs ILIKE).
                let like = sql.dialect.name == "postgresql" ? "ILIKE" : "LIKE"
                let pattern = "%\(escapeLike(search))%"
                let matching = try await Message.query(on: db).filter(\.$text, .custom(like), pattern)
                    .sort(\.$id, .descending).limit(500).all(\.$case.$id)
                let ids = matching.isEmpty ? [UUID()] : Array(Set(matching))
                query.where { group in
                    group.where(column("id"), .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) })))
                        .orWhere(column("subject"), SQLRaw(like), SQLBind(pattern))
                }
            }
        }
        // With a category, page along the (category, case_id) index itself, as the case list does: ordering by the
        // cases table's id would have the database sort every case of the category (Benchmarks/pages at a million).
        let pageBy = filter.category == nil ? column("id") : column("case_id", CaseCategory.schema)
        if let before = filter.before { query.where(pageBy, .lessThan, SQLBind(before)) }
        let found = try await query.orderBy(SQLOrderBy(expression: pageBy, direction: SQLDirection.descending)).limit(filter.limit + 1).all()
        var rows = try found.prefix(filter.limit).map { row in
            InboxRow(
                id: try row.decode(column: "id", as: UUID.self),
                reference: try row.decode(column: "reference", as: String.self),
                subject: try row.decode(column: "subject", as: String?.self),
                language: try row.decode(column: "language", as: String.self),
                stage: try row.decode(column: "stage", as: String.self),
                peakAnger: try row.decode(column: "peak_anger", as: Int?.self),
                alarm: try row.decode(column: "alarm", as: Bool?.self) ?? false,
                firstResponseDue: try row.decode(column: "first_response_due", as: Date.self),
                firstRespondedAt: try row.decode(column: "first_responded_at", as: Date?.self),
                resolutionDue: try row.decode(column: "resolution_due", as: Date.self),
                customerName: try row.decode(column: "customer_name", as: String.self),
                preferredName: try row.decode(column: "customer_preferred_name", as: String?.self),
                categories: [])
        }
        if !rows.isEmpty {
            let categories = try await sql.select().columns("case_id", "category").from(CaseCategory.schema)
                .where("case_id", .in, SQLGroupExpression(SQLList(rows.map { SQLBind($0.id) }))).all()
            var byCase: [UUID: [String]] = [:]
            for row in categories {
                byCase[try row.decode(column: "case_id", as: UUID.self), default: []]
                    .append(try row.decode(column: "category", as: String.self))
            }
            for index in rows.indices { rows[index].categories = (byCase[rows[index].id] ?? []).sorted() }
        }
        return (rows, found.count > filter.limit ? rows.last?.id : nil)
    }

    /// `%` and `_` typed by a person are letters, not wildcards.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: " ")
    }
}
