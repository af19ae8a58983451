// Creating agents and issuing API tokens: shared by the CLI and the admin API so both check the same things.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

public struct NewAgent: Sendable {
    public var name: String?
    public var email: String?
    public var role: String?
    public var languages: [String]?
    public var team: String?
    /// What the agent is good at ("billing", "technical"), for hand-offs.
    public var skills: [String]?
    public var password: String?

    public init(name: String?, email: String?, role: String?, languages: [String]? = nil, team: String? = nil,
                skills: [String]? = nil, password: String?) {
        self.name = name
        self.email = email
        self.role = role
        self.languages = languages
        self.team = team
        self.skills = skills
        self.password = password
    }
}

public enum Accounts {
    public static let minimumPasswordLength = 10

    /// Checks and stores a new agent with a bcrypt-hashed password. `hash` is injected so a request can hash off
    /// its event loop and the CLI can hash directly.
    public static func createAgent(
        _ input: NewAgent, hash: (String) async throws -> String, on db: any Database
    ) async throws -> Agent {
        let name = try Field.requiredText(input.name, field: "name", limit: Limits.nameCharacters)
        guard let emailText = input.email else { throw DefuseError.invalidField("email", "is required") }
        let email = try Contact.email(emailText, field: "email")
        let role = try Role.parse(input.role ?? "", field: "role")
        var languages: [String] = []
        for (index, code) in (input.languages ?? []).enumerated() {
            languages.append(try Language.parse(code.lowercased(), field: "languages[\(index)]").rawValue)
        }
        let team = try Field.optionalText(input.team, field: "team", limit: Limits.nameCharacters)
        var skills: [String] = []
        for (index, skill) in (input.skills ?? []).enumerated() {
            let text = try Field.requiredText(skill, field: "skills[\(index)]", limit: Limits.nameCharacters).lowercased()
            if !skills.contains(text) { skills.append(text) }
        }
        guard let password = input.password else { throw DefuseError.invalidField("password", "is required") }
        guard password.count >= minimumPasswordLength else {
            throw DefuseError.invalidField("password", "must be at least \(minimumPasswordLength) characters")
        }
        let agent = Agent(name: name, email: email, role: role.rawValue, languages: languages, team: team,
                          passwordHash: try await hash(password))
        agent.skills = skills
        try await AgentRecords.create(agent, on: db)
        return agent
    }

    /// Issues a new API token for the agent with this email. The token is returned once; only its digest is kept.
    public static func issueToken(email: String, label: String?, on db: any Database) async throws -> String {
        guard let agent = try await AgentRecords.find(email: email, on: db) else {
            throw DefuseError.notFound("agent \(email)", field: "email")
        }
        let (token, digest) = TokenDigest.make()
        try await APIToken(agentID: try agent.requireID(), label: label ?? "api", tokenHash: digest).create(on: db)
        return token
    }

    /// A password good enough to print once: 20 characters from an unambiguous alphabet (about 110 bits).
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))] })
    }
}
