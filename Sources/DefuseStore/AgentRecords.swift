// Agents and their API tokens.
import DefuseCore
import Fluent
import Foundation
import SQLKit

public enum AgentRecords {
    public static func find(email: String, on db: any Database) async throws -> Agent? {
        try await Agent.query(on: db).filter(\.$email == email.lowercased()).first()
    }

    /// Stores a new agent; the email must be free.
    public static func create(_ agent: Agent, on db: any Database) async throws {
        agent.email = agent.email.lowercased()
        if try await find(email: agent.email, on: db) != nil {
            throw DefuseError.conflict("an agent with email \(agent.email) already exists", field: "email")
        }
        try await agent.create(on: db)
    }

    /// The active agent a token digest belongs to, if any.
    public static func agent(forTokenHash hash: String, on db: any Database) async throws -> Agent? {
        guard let token = try await APIToken.query(on: db).filter(\.$tokenHash == hash).with(\.$agent).first(),
              token.agent.active
        else { return nil }
        return token.agent
    }

    public static func all(on db: any Database) async throws -> [Agent] {
        try await Agent.query(on: db).sort(\.$name).all()
    }

    /// The active agent with this id or email, if any.
    public static func active(idOrEmail value: String, on db: any Database) async throws -> Agent? {
        let agent = if let id = UUID(uuidString: value) { try await Agent.find(id, on: db) }
            else { try await find(email: value, on: db) }
        return agent?.active == true ? agent : nil
    }

    /// Every active agent with their team, skills, languages and how many open cases they carry.
    public static func routingCandidates(on db: any Database) async throws -> [RoutingCandidate] {
        let agents = try await Agent.query(on: db).filter(\.$active == true).all()
        var load: [UUID: Int] = [:]
        if let sql = db as? any SQLDatabase {
            // One grouped count for everyone, not a query per agent.
            let rows = try await sql.select().column("assignee_id").column(SQLFunction("count", args: SQLLiteral.all), as: "open")
                .from(Case.schema).where("assignee_id", .isNot, SQLLiteral.null)
                .where("stage", .notIn, SQLGroupExpression(SQLList([Stage.resolved, .closed].map { SQLBind($0.rawValue) })))
                .groupBy("assignee_id").all()
            for row in rows {
                load[try row.decode(column: "assignee_id", as: UUID.self)] = try row.decode(column: "open", as: Int.self)
            }
        }
        return try agents.map { agent in
            let id = try agent.requireID()
            return RoutingCandidate(id: id, team: agent.team, skills: Set((agent.skills ?? []).map { $0.lowercased() }),
                                    languages: Set(agent.languages), openCases: load[id] ?? 0)
        }
    }
}

public enum OrganisationRecords {
    /// The organisation's settings (the row the first migration stores).
    public static func current(on db: any Database) async throws -> Organisation {
        guard let organisation = try await Organisation.query(on: db).first() else {
            throw DefuseError.notFound("the organisation settings (run `defuse migrate`)")
        }
        return organisation
    }
}
