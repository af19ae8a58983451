// Agents and their API tokens.
import DefuseCore
import Fluent
import Foundation

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
