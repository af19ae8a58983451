// Builds the application from a `DefuseConfig`: database, migrations, middleware and routes.
import DefuseCore
import DefuseStore
import Fluent
import SQLKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Leaf
import LeafKit
import Vapor

public enum DefuseApp {
    /// Makes a configured application. The caller runs it (serve, migrate, CLI command) and shuts it down.
    public static func make(_ config: DefuseConfig, migrate: Bool = true) async throws -> Application {
        let app = try await Application.make(Environment(name: "production", arguments: ["defuse"]))
        do {
            try await configure(app, config, migrate: migrate)
            return app
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    public static func configure(_ app: Application, _ config: DefuseConfig, migrate: Bool = true) async throws {
        app.logger.logLevel = config.logLevel
        app.http.server.configuration.hostname = config.host
        app.http.server.configuration.port = config.port
        app.routes.defaultMaxBodySize = "256kb"
        app.storage[ConfigKey.self] = config
        app.storage[IntakeRateLimiterKey.self] = IntakeRateLimiter(perMinute: config.intakeRateLimit)
        app.storage[IntakeQueueKey.self] = IntakeQueue { [unowned app] in app.db }
        app.storage[SettingsCacheKey.self] = SettingsCache()

        try await useDatabase(app, config)
        Schema.register(on: app.databases, migrations: app.migrations)
        if migrate {
            do {
                try await app.autoMigrate()
            } catch {
                throw ConfigError("could not migrate the database (\(config.databaseDescription)): \(error)")
            }
        }

        try useViews(app)
        if let file = config.policyFile { try await applyPolicyFile(file, app) }

        app.middleware = Middlewares()
        app.middleware.use(RequestIDMiddleware())
        app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
        app.middleware.use(APIErrorMiddleware())
        app.middleware.use(SessionAuthenticator())
        try routes(app)
    }

    /// Leaf templates ship inside the binary's resources, so pages render wherever `defuse` is started from.
    static func useViews(_ app: Application) throws {
        guard let views = Bundle.module.url(forResource: "Views", withExtension: nil)?.path else {
            throw ConfigError("the page templates are missing from this build")
        }
        let directory = views.hasSuffix("/") ? views : views + "/"
        app.views.use(.leaf)
        app.leaf.sources = .singleSource(NIOLeafFiles(
            fileio: app.fileio, limits: [.toSandbox, .onlyLeafExtensions], sandboxDirectory: directory,
            viewDirectory: directory))
    }

    /// `--policy FILE`: checked like an admin's edit and stored, so every instance works to the same rules.
    static func applyPolicyFile(_ path: String, _ app: Application) async throws {
        let policy: Policy
        do {
            policy = try JSONDecoder().decode(Policy.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            try policy.validate()
        } catch let error as DefuseError {
            throw ConfigError("--policy \(path): \(error.message)")
        } catch let error as DecodingError {
            throw ConfigError("--policy \(path): \(JSON.describe(error).message)")
        } catch {
            throw ConfigError("--policy \(path): \(error.localizedDescription)")
        }
        let current = try await DeskRecords.current(on: app.db).policy
        guard current != policy else { return }
        try await app.db.write { db in try await DeskRecords.save(policy, by: .system, on: db) }
        app.logger.notice("policy loaded from \(path)")
    }

    /// Points the app at SQLite or PostgreSQL and proves the database answers before anything else starts.
    static func useDatabase(_ app: Application, _ config: DefuseConfig) async throws {
        switch config.database {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            try DataDirectory.prepare(directory.isEmpty ? "." : directory)
            app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url, let searchPath):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw ConfigError("DATABASE_URL is not a PostgreSQL URL this server can use: \(error)")
            }
            if let searchPath { configuration.searchPath = [searchPath] }
            app.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4,
                          connectionPoolTimeout: .seconds(10), sqlLogLevel: .debug),
                as: .psql)
        }
        do {
            try await DatabaseTuning.prepare(app)
        } catch {
            throw ConfigError("cannot reach the database (\(config.databaseDescription)): \(String(describing: error))")
        }
    }
}

/// Makes sure the data directory exists and can be written, before SQLite gets a chance to fail obscurely.
enum DataDirectory {
    static func prepare(_ path: String) throws {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ConfigError("the data directory \(path) cannot be created: \(error.localizedDescription)")
        }
        let probe = (path as NSString).appendingPathComponent(".defuse-write-check")
        guard files.createFile(atPath: probe, contents: Data()) else {
            throw ConfigError("the data directory \(path) is not writable")
        }
        try? files.removeItem(atPath: probe)
    }
}

/// Per-connection settings and a first query that proves the database is there.
enum DatabaseTuning {
    static func prepare(_ app: Application) async throws {
        // The first query proves the database is there; its failure is reported as one line by the caller, so the
        // connection pool's own error log stays quiet here.
        var quiet = Logger(label: "defuse.database-probe")
        quiet.logLevel = .critical
        guard let sql = app.databases.database(logger: quiet, on: app.eventLoopGroup.any()) as? any SQLDatabase
        else { return }
        guard sql.dialect.name == "sqlite" else {
            try await sql.raw("SELECT 1").run()
            return
        }
        // WAL lets readers work while one writer commits; it is stored in the file, so once is enough.
        try await sql.raw("PRAGMA journal_mode = WAL").run()
        // Connection-level settings go to each event loop's connection (SQLite keeps one per loop).
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let connection = app.databases.database(.sqlite, logger: quiet, on: eventLoop) as? any SQLDatabase
            else { continue }
            // FULL: a commit is on disk before we answer 201.
            try await connection.raw("PRAGMA synchronous = FULL").run()
            try await connection.raw("PRAGMA busy_timeout = 5000").run()
            try await connection.raw("PRAGMA foreign_keys = ON").run()
        }
        try await refreshStatistics(sql)
    }

    /// Lets SQLite's query planner know how the data is spread (which filter narrows most): without statistics it
    /// joins a language filter and a category filter the slow way round at a million cases (Benchmarks/caselist).
    /// `analysis_limit` keeps it to a sample, so it takes milliseconds on any size.
    static func refreshStatistics(_ sql: any SQLDatabase) async throws {
        try await sql.raw("PRAGMA analysis_limit = 1000").run()
        try await sql.raw("PRAGMA optimize = 0x10002").run()
    }

    /// Refreshes the statistics every hour while the server runs, so a desk that grows without restarts keeps
    /// fast lists.
    static func scheduleStatistics(_ app: Application) {
        guard let sql = app.db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .hours(1), delay: .hours(1)) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                try? await refreshStatistics(app.db as! any SQLDatabase)
            }
        }
    }
}

struct ConfigKey: StorageKey {
    typealias Value = DefuseConfig
}

extension Application {
    var defuseConfig: DefuseConfig { storage[ConfigKey.self] ?? DefuseConfig() }
}
