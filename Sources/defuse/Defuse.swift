// The `defuse` command line: serve, migrate, agents, tokens, analyze, coach. Each command only parses, calls `Commands`, and prints.
import ArgumentParser
import DefuseCore
import DefuseServer
import Foundation
import Logging

@main
struct Defuse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Defuse, a self-hosted complaint-resolution desk.",
        subcommands: [Serve.self, Migrate.self, Agents.self, Tokens.self, Analyze.self, CoachCommand.self]
    )
}

/// Where the data lives and how much to log; shared by every command that opens the database.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Directory for the embedded SQLite file (env DEFUSE_DATA_DIR).")
    var dataDirectory: String?

    @Option(help: "trace, debug, info, notice, warning, error or critical (env LOG_LEVEL).")
    var logLevel: String?

    /// The configuration for a one-off command: quieter logs unless asked.
    func config(defaultLogLevel: String = "warning") throws -> DefuseConfig {
        let config = try DefuseConfig.resolve(
            .init(dataDirectory: dataDirectory, logLevel: logLevel ?? defaultLogLevel),
            environment: ProcessInfo.processInfo.environment)
        bootstrapLogging(config.logLevel)
        return config
    }
}

/// Runs `body`, turning a configuration or input error into one clear line on stderr and exit status 1.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ConfigError {
        FileHandle.standardError.write(Data("defuse: \(error.description)\n".utf8))
        throw ExitCode(1)
    } catch let error as DefuseError {
        FileHandle.standardError.write(Data("defuse: \(error.message)\n".utf8))
        throw ExitCode(1)
    }
}

/// Logs go to stderr so what a command prints (a token, a password) stands alone on stdout.
func bootstrapLogging(_ level: Logger.Level) {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
