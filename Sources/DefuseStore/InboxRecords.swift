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

public enum InboxRecords {
    static let closed = [Stage.resolved.rawValue, Stage.closed.rawValue]

    public static func page(_ filter: InboxFilter, on db: any Database) async throws -> (cases: [Case], next: UUID?) {
        let query = Case.query(on: db)
        switch filter.queue {
        case .new: query.filter(\.$stage == Stage.new.rawValue)
        case .mine: query.filter(\.$assignee.$id == filter.agentID).filter(\.$stage !~ closed)
        case .overdue: query.filter(\.$resolutionDue < filter.now).filter(\.$stage !~ closed)
        case .awaitingApproval: query.filter(\.$stage == Stage.awaitingApproval.rawValue)
        case .escalated:
            let pending = try await Escalation.query(on: db).filter(\.$state == "pending").unique().all(\.$case.$id)
            query.filter(\.$id ~~ pending)
        case .hostile: query.group(.or) { $0.filter(\.$peakAnger >= 3).filter(\.$alarm == true) }.filter(\.$stage !~ closed)
        case .all: break
        }
        if let language = filter.language { query.filter(\.$language == language) }
        if let category = filter.category {
            query.join(CaseCategory.self, on: \Case.$id == \CaseCategory.$case.$id)
                .filter(CaseCategory.self, \.$category == category)
        }
        if let search = filter.search?.trimmingCharacters(in: .whitespacesAndNewlines), !search.isEmpty {
            if let reference = CaseReference.normalise(search) {
                query.filter(\.$reference == reference)
            } else {
                // Words from what the customer wrote: the newest matching messages name their cases. Case-blind on
                // both databases (SQLite's LIKE is; PostgreSQL needs ILIKE).
                let like = (db as? any SQLDatabase)?.dialect.name == "postgresql" ? "ILIKE" : "LIKE"
                let pattern = "%\(escapeLike(search))%"
                let matching = try await Message.query(on: db).filter(\.$text, .custom(like), pattern)
                    .sort(\.$id, .descending).limit(500).all(\.$case.$id)
                query.group(.or) { group in
                    group.filter(\.$id ~~ Array(Set(matching))).filter(\.$subject, .custom(like), pattern)
                }
            }
        }
        if let before = filter.before { query.filter(\.$id < before) }
        let rows = try await query.sort(\.$id, .descending).limit(filter.limit + 1)
            .with(\.$customer).with(\.$categories).all()
        let cases = Array(rows.prefix(filter.limit))
        return (cases, rows.count > filter.limit ? cases.last?.id : nil)
    }

    /// `%` and `_` typed by a person are letters, not wildcards.
    static func escapeLike(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: " ")
    }
}
