// Hand-off: when a problem is outside an agent's competence, the case goes to someone who has the skill and speaks
// the customer's language, the least loaded first (the Russian seed: bring in the person who can).
import Foundation

/// An agent who could take the case, and how much they already carry.
public struct RoutingCandidate: Sendable, Equatable {
    public var id: UUID
    public var team: String?
    public var skills: Set<String>
    public var languages: Set<String>
    public var openCases: Int

    public init(id: UUID, team: String?, skills: Set<String>, languages: Set<String>, openCases: Int) {
        self.id = id
        self.team = team
        self.skills = skills
        self.languages = languages
        self.openCases = openCases
    }
}

public struct RoutingNeed: Sendable, Equatable {
    public var team: String?
    public var skill: String?
    public var language: String
    /// The agent handing the case over, who is not a candidate.
    public var from: UUID?

    public init(team: String?, skill: String?, language: String, from: UUID?) {
        self.team = team
        self.skill = skill
        self.language = language
        self.from = from
    }
}

public enum Routing {
    /// The best agent for the need: right team and skill, speaks the language (when anyone does), fewest open
    /// cases; nil when nobody has the team and skill asked for.
    public static func pick(_ candidates: [RoutingCandidate], for need: RoutingNeed) -> UUID? {
        let able = candidates.filter { candidate in
            candidate.id != need.from
                && (need.team.map { candidate.team?.lowercased() == $0.lowercased() } ?? true)
                && (need.skill.map { candidate.skills.contains($0.lowercased()) } ?? true)
        }
        let speakers = able.filter { $0.languages.contains(need.language) }
        let pool = speakers.isEmpty ? able : speakers
        return pool.min { ($0.openCases, $0.id.uuidString) < ($1.openCases, $1.id.uuidString) }?.id
    }
}
