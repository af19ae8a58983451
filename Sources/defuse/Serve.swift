// `defuse serve` and `defuse migrate`.
import ArgumentParser
import DefuseServer
import Foundation

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the desk: JSON API over HTTP, data in SQLite (default) or PostgreSQL (DATABASE_URL).")

    @Option(help: "Address to listen on (env DEFUSE_HOST, default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (env DEFUSE_PORT, default 8080).")
    var port: String?

    @OptionGroup var storage: StorageOptions

    @Option(help: "Public complaints per minute per client address, 0 for no limit (env DEFUSE_INTAKE_RATE_LIMIT, default 30).")
    var intakeRateLimit: String?

    @Flag(help: "Fill an empty database with about 200 sample cases and print demo logins.")
    var demo = false

    @Option(help: "Where customers reach the desk, for links in their messages (env DEFUSE_PUBLIC_URL, default http://host:port).")
    var publicURL: String?

    @Option(help: "A policy JSON file applied at start-up (env DEFUSE_POLICY); see GET /api/v1/policy for its shape.")
    var policy: String?

    @Option(help: "Seconds between sweeps for overdue promises, 0 for off (env DEFUSE_SCHEDULER_INTERVAL, default 60).")
    var schedulerInterval: String?

    func run() async throws {
        try await reportingErrors {
            let config = try DefuseConfig.resolve(
                .init(host: host, port: port, dataDirectory: storage.dataDirectory,
                      intakeRateLimit: intakeRateLimit, logLevel: storage.logLevel, demo: demo,
                      publicURL: publicURL, policyFile: policy, schedulerInterval: schedulerInterval),
                environment: ProcessInfo.processInfo.environment)
            bootstrapLogging(config.logLevel)
            // Written straight to the file descriptor: the demo logins show at once, also through a pipe or a file.
            try await Commands.serve(config) { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or update the database schema, then exit.")

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        try await reportingErrors {
            let config = try storage.config(defaultLogLevel: "info")
            try await Commands.migrate(config)
            print("Migrated \(config.databaseDescription).")
        }
    }
}
