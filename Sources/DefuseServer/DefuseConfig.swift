// The server's configuration, read once at start-up: command-line flags, then environment, then defaults.
import Foundation
import Logging

public struct DefuseConfig: Sendable {
    public enum Database: Sendable, Equatable {
        /// An embedded SQLite file.
        case sqlite(path: String)
        /// A temporary SQLite file deleted on shutdown, for tests.
        case sqliteMemory
        /// A PostgreSQL server; `searchPath` puts the tables in a schema of their own (tests use it).
        case postgres(url: String, searchPath: String?)
    }

    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var database: Database
    /// Public complaints accepted per minute per client address; 0 turns the limit off.
    public var intakeRateLimit: Int
    public var logLevel: Logger.Level
    public var demo: Bool
    /// Where customers reach this desk, for the links in their messages (`/c/...`, `/s/...`).
    public var publicURL: String
    /// A policy file (JSON, as `GET /api/v1/policy` shows it) applied at start-up.
    public var policyFile: String?
    /// Seconds between sweeps for overdue promises; 0 turns the scheduler off.
    public var schedulerInterval: Int

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultDataDirectory = "./defuse-data"
    public static let defaultIntakeRateLimit = 30

    public init(
        host: String = defaultHost, port: Int = defaultPort, dataDirectory: String = defaultDataDirectory,
        database: Database? = nil, intakeRateLimit: Int = defaultIntakeRateLimit, logLevel: Logger.Level = .info,
        demo: Bool = false, publicURL: String? = nil, policyFile: String? = nil, schedulerInterval: Int = 60
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.database = database ?? .sqlite(path: (dataDirectory as NSString).appendingPathComponent("defuse.sqlite"))
        self.intakeRateLimit = intakeRateLimit
        self.logLevel = logLevel
        self.demo = demo
        self.publicURL = publicURL ?? "http://\(host == "0.0.0.0" ? "localhost" : host):\(port)"
        self.policyFile = policyFile
        self.schedulerInterval = schedulerInterval
    }

    /// What a person may set on the command line; nil means "not given".
    public struct Flags: Sendable {
        public var host: String?
        public var port: String?
        public var dataDirectory: String?
        public var intakeRateLimit: String?
        public var logLevel: String?
        public var demo: Bool
        public var publicURL: String?
        public var policyFile: String?
        public var schedulerInterval: String?

        public init(host: String? = nil, port: String? = nil, dataDirectory: String? = nil,
                    intakeRateLimit: String? = nil, logLevel: String? = nil, demo: Bool = false,
                    publicURL: String? = nil, policyFile: String? = nil, schedulerInterval: String? = nil) {
            self.publicURL = publicURL
            self.policyFile = policyFile
            self.schedulerInterval = schedulerInterval
            self.host = host
            self.port = port
            self.dataDirectory = dataDirectory
            self.intakeRateLimit = intakeRateLimit
            self.logLevel = logLevel
            self.demo = demo
        }
    }

    /// Layers flags over environment over defaults and checks each value; a wrong one fails naming it.
    public static func resolve(_ flags: Flags, environment: [String: String]) throws(ConfigError) -> DefuseConfig {
        let host = flags.host ?? environment["DEFUSE_HOST"] ?? defaultHost
        guard !host.isEmpty, !host.contains(where: \.isWhitespace) else {
            throw ConfigError("--host (DEFUSE_HOST) must be a host name or address, got '\(host)'")
        }
        let portText = flags.port ?? environment["DEFUSE_PORT"] ?? String(defaultPort)
        guard let port = Int(portText), (1...65535).contains(port) else {
            throw ConfigError("--port (DEFUSE_PORT) must be a number from 1 to 65535, got '\(portText)'")
        }
        let dataDirectory = flags.dataDirectory ?? environment["DEFUSE_DATA_DIR"] ?? defaultDataDirectory
        let limitText = flags.intakeRateLimit ?? environment["DEFUSE_INTAKE_RATE_LIMIT"]
            ?? String(defaultIntakeRateLimit)
        guard let limit = Int(limitText), limit >= 0 else {
            throw ConfigError(
                "--intake-rate-limit (DEFUSE_INTAKE_RATE_LIMIT) must be a whole number, 0 for none, got '\(limitText)'")
        }
        let levelText = flags.logLevel ?? environment["LOG_LEVEL"] ?? "info"
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            let levels = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError("--log-level (LOG_LEVEL) must be one of \(levels), got '\(levelText)'")
        }
        var database: Database?
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            guard let components = URLComponents(string: url),
                  ["postgres", "postgresql"].contains(components.scheme ?? ""), components.host != nil
            else {
                throw ConfigError("DATABASE_URL must look like postgres://user:password@host:5432/database")
            }
            database = .postgres(url: url, searchPath: nil)
        }
        let publicURL = flags.publicURL ?? environment["DEFUSE_PUBLIC_URL"]
        if let publicURL {
            guard let components = URLComponents(string: publicURL), ["http", "https"].contains(components.scheme ?? ""),
                  components.host != nil else {
                throw ConfigError("--public-url (DEFUSE_PUBLIC_URL) must look like https://desk.example.com, got '\(publicURL)'")
            }
        }
        let policyFile = flags.policyFile ?? environment["DEFUSE_POLICY"]
        if let policyFile, !FileManager.default.isReadableFile(atPath: policyFile) {
            throw ConfigError("--policy (DEFUSE_POLICY): cannot read the file '\(policyFile)'")
        }
        let intervalText = flags.schedulerInterval ?? environment["DEFUSE_SCHEDULER_INTERVAL"] ?? "60"
        guard let interval = Int(intervalText), interval >= 0 else {
            throw ConfigError("--scheduler-interval (DEFUSE_SCHEDULER_INTERVAL) must be whole seconds, 0 for off, got '\(intervalText)'")
        }
        return DefuseConfig(
            host: host, port: port, dataDirectory: dataDirectory, database: database, intakeRateLimit: limit,
            logLevel: level, demo: flags.demo,
            publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, policyFile: policyFile,
            schedulerInterval: interval)
    }

    /// The database as a person should see it in a message: no password.
    public var databaseDescription: String {
        switch database {
        case .sqlite(let path): return "SQLite at \(path)"
        case .sqliteMemory: return "temporary SQLite"
        case .postgres(let url, _):
            if var components = URLComponents(string: url) {
                if components.password != nil { components.password = "***" }
                return "PostgreSQL at \(components.string ?? "?")"
            }
            return "PostgreSQL"
        }
    }
}

/// A setting that stops start-up; its description is the one line a person needs to fix it.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
