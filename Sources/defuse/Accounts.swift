// `defuse agents add|list` and `defuse tokens create`.
import ArgumentParser
import DefuseServer
import Foundation

struct Agents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the people who work the desk.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an agent, manager or admin.")

        @Option(help: "Login email.") var email: String
        @Option(help: "Full name.") var name: String
        @Option(help: "agent, manager or admin.") var role: String
        @Option(help: "Team name.") var team: String?
        @Option(help: "Comma-separated skills for hand-offs, e.g. billing,technical.") var skills: String?
        @Option(help: "Languages spoken, comma-separated (el,es,tr,ru,tl,en).") var languages: String?
        @Flag(help: "Read the password from the first line of standard input instead of generating one.")
        var passwordStdin = false
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await reportingErrors {
                let config = try storage.config()
                let password: String
                if passwordStdin {
                    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                        throw ConfigError("--password-stdin was given but standard input had no password")
                    }
                    password = line
                } else {
                    password = Accounts.generatePassword()
                }
                let input = NewAgent(
                    name: name, email: email, role: role,
                    languages: languages?.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                    team: team, skills: skills.map { $0.split(separator: ",").map(String.init) }, password: password)
                print(try await Commands.addAgent(config, input))
                if !passwordStdin { print("Password (shown once): \(password)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List everyone who works the desk.")

        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await reportingErrors {
                for line in try await Commands.listAgents(try storage.config()) { print(line) }
            }
        }
    }
}

struct Tokens: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for an agent and print it on one line (only its hash is stored).")

        @Option(help: "The agent's email.") var email: String
        @Option(help: "What the token is for.") var label: String?
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await reportingErrors {
                print(try await Commands.createToken(try storage.config(), email: email, label: label))
            }
        }
    }
}
