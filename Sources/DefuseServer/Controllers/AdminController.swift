// Agents and organisation settings: managers see the team, admins change it.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import SQLKit
import Vapor

enum AdminController {
    @Sendable static func listAgents(_ request: Request) async throws -> Response {
        JSON.response(AgentList(agents: try await AgentRecords.all(on: request.db).map(AgentBody.init)))
    }

    @Sendable static func createAgent(_ request: Request) async throws -> Response {
        let body = try JSON.decode(AgentRequest.self, from: request)
        let input = NewAgent(name: body.name, email: body.email, role: body.role, languages: body.languages,
                             team: body.team, skills: body.skills, password: body.password)
        let hasher = request.password.async
        let agent = try await request.db.write { db in
            try await Accounts.createAgent(input, hash: { try await hasher.hash($0) }, on: db)
        }
        return JSON.response(AgentBody(agent), status: .created)
    }

    @Sendable static func showSettings(_ request: Request) async throws -> Response {
        JSON.response(SettingsBody(try await OrganisationRecords.current(on: request.db)))
    }

    @Sendable static func updateSettings(_ request: Request) async throws -> Response {
        let body = try JSON.decode(SettingsPatchRequest.self, from: request)
        let name = try Field.optionalText(body.name, field: "name", limit: Limits.nameCharacters)
        let language = try body.defaultLanguage.map { value throws(DefuseError) in
            try Language.parse(value, field: "default_language")
        }
        if let zone = body.timeZone, TimeZone(identifier: zone) == nil {
            throw DefuseError.invalidField("time_zone", "must be an IANA time zone like Europe/Athens")
        }
        let organisation = try await request.db.write { db in
            let organisation = try await OrganisationRecords.current(on: db)
            if let name { organisation.name = name }
            if let language { organisation.defaultLanguage = language.rawValue }
            if let zone = body.timeZone { organisation.timeZone = zone }
            try await organisation.save(on: db)
            return organisation
        }
        await request.application.settingsCache.forget()
        return JSON.response(SettingsBody(organisation))
    }

    @Sendable static func health(_ request: Request) async throws -> Response {
        let name = (request.db as? any SQLDatabase)?.dialect.name ?? "unknown"
        do {
            try await (request.db as? any SQLDatabase)?.raw("SELECT 1").run()
            return JSON.response(HealthBody(status: "ok", database: name))
        } catch {
            request.logger.error("health check: database unreachable: \(error)")
            return JSON.response(HealthBody(status: "database_unreachable", database: name),
                                 status: .serviceUnavailable)
        }
    }
}
