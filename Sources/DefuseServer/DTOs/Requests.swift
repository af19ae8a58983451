// What clients send. Every field is optional here so the domain can name exactly what is missing or wrong.
import DefuseCore
import Foundation

struct ComplaintRequest: Decodable {
    struct CustomerInput: Decodable {
        var name: String?
        var preferredName: String?
        var email: String?
        var phone: String?
        var language: String?

        enum CodingKeys: String, CodingKey {
            case name, email, phone, language
            case preferredName = "preferred_name"
        }
    }

    var customer: CustomerInput?
    var channel: String?
    var subject: String?
    var text: String?

    var submission: ComplaintSubmission {
        ComplaintSubmission(
            customerName: customer?.name, customerPreferredName: customer?.preferredName,
            customerEmail: customer?.email, customerPhone: customer?.phone, customerLanguage: customer?.language,
            channel: channel, subject: subject, text: text)
    }
}

/// A change to a case. `assignee` and `team` may be `null` to clear them, so absent and null differ.
struct CasePatchRequest: Decodable {
    var assignee: String??
    var priority: String?
    var categories: [String]?
    var fault: String?
    var team: String??

    enum CodingKeys: String, CodingKey {
        case assignee, priority, categories, fault, team
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        assignee = try container.decodeNullable(String.self, forKey: .assignee)
        priority = try container.decodeIfPresent(String.self, forKey: .priority)
        categories = try container.decodeIfPresent([String].self, forKey: .categories)
        fault = try container.decodeIfPresent(String.self, forKey: .fault)
        team = try container.decodeNullable(String.self, forKey: .team)
    }
}

struct MessageRequest: Decodable {
    var direction: String?
    var text: String?
    var channel: String?
    /// Send an outbound message the coach flagged; recorded in the case's events.
    var sendAnyway: Bool?

    enum CodingKeys: String, CodingKey {
        case direction, text, channel
        case sendAnyway = "send_anyway"
    }
}

struct CoachRequest: Decodable {
    var text: String?
    /// A case reference: the coach reads the draft against the customer's latest message on it.
    var `case`: String?
}

struct AgentRequest: Decodable {
    var name: String?
    var email: String?
    var role: String?
    var languages: [String]?
    var team: String?
    var skills: [String]?
    var password: String?
}

struct SettingsPatchRequest: Decodable {
    var name: String?
    var defaultLanguage: String?
    var timeZone: String?

    enum CodingKeys: String, CodingKey {
        case name
        case defaultLanguage = "default_language"
        case timeZone = "time_zone"
    }
}

extension KeyedDecodingContainer {
    /// nil when the key is absent, `.some(nil)` when it is `null`, `.some(value)` otherwise.
    func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) { return .some(nil) }
        return .some(try decode(T.self, forKey: key))
    }
}
