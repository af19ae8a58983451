// What each command-line command does, so the `defuse` executable only parses arguments and prints.
import DefuseStore
import Fluent
import Vapor

public enum Commands {
    /// `defuse serve`: migrate, optionally load the demo (printing its logins through `report`), then serve.
    public static func serve(_ config: DefuseConfig, report: @Sendable (String) -> Void) async throws {
        let app = try await DefuseApp.make(config)
        do {
            if config.demo { try await loadDemo(app, report: report) }
            try await Serving.run(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    static func loadDemo(_ app: Application, report: (String) -> Void) async throws {
        guard let logins = try await DemoData.load(into: app) else {
            report("The database already has cases, so no demo data was added.")
            return
        }
        let count = try await Case.query(on: app.db).count()
        report("Demo desk ready: \(count) sample cases in Greek, Spanish, Turkish, Russian, Tagalog and English.")
        for login in logins {
            report("  \(login.role): \(login.email)  password: \(login.password)")
            report("    API token: \(login.token)")
        }
        let base = "http://\(app.defuseConfig.host):\(app.defuseConfig.port)"
        report("Try: curl -H 'Authorization: Bearer \(logins.last?.token ?? "")' \(base)/api/v1/cases")
    }

    /// `defuse migrate`.
    public static func migrate(_ config: DefuseConfig) async throws {
        try await withApp(config) { _ in }
    }

    /// `defuse agents add`: returns a one-line description of the agent created.
    public static func addAgent(_ config: DefuseConfig, _ input: NewAgent) async throws -> String {
        try await withApp(config) { app in
            let hash = try await app.password.async.hash(input.password ?? "")
            let agent = try await app.db.write { db in
                try await Accounts.createAgent(input, hash: { _ in hash }, on: db)
            }
            return "Added \(agent.role) \(agent.name) <\(agent.email)>."
        }
    }

    /// `defuse agents list`: one tab-separated line per agent.
    public static func listAgents(_ config: DefuseConfig) async throws -> [String] {
        try await withApp(config) { app in
            try await AgentRecords.all(on: app.db).map { agent in
                "\(agent.email)\t\(agent.role)\t\(agent.name)\t\(agent.team ?? "-")"
            }
        }
    }

    /// `defuse tokens create`: the new token, to be printed once.
    public static func createToken(_ config: DefuseConfig, email: String, label: String?) async throws -> String {
        try await withApp(config) { app in
            try await Accounts.issueToken(email: email, label: label, on: app.db)
        }
    }

    /// Opens the app without HTTP, runs `body`, and always shuts it down.
    static func withApp<T: Sendable>(_ config: DefuseConfig, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await DefuseApp.make(config)
        do {
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
