// The words Defuse sends and shows to customers, one file per language (`CustomerTexts/<code>.json`), and the
// messages built from them: the acknowledgement that sets expectations, option links, escalation notices, surveys.
import Foundation

public struct CustomerTexts: Decodable, Sendable {
    public struct Acknowledgement: Decodable, Sendable {
        public var greetingNamed: String
        public var greeting: String
        public var received: String
        public var nextSteps: String
        public var expectBy: String
        public var reachUs: String
        public var signOff: String
    }

    public struct Offers: Decodable, Sendable {
        public var message: String
        public var pageTitle: String
        public var intro: String
        public var chooseLegend: String
        public var approveButton: String
        public var noneLegend: String
        public var noneReasonLabel: String
        public var noneButton: String
        public var approvedTitle: String
        public var approvedBody: String
        public var rejectedTitle: String
        public var rejectedBody: String
        public var alreadyAnswered: String
        public var chooseFirst: String
        public var reasonFirst: String
        public var remedy: [String: String]
    }

    public struct Escalation: Decodable, Sendable {
        public var message: String
    }

    public struct Survey: Decodable, Sendable {
        public var message: String
        public var pageTitle: String
        public var question: String
        public var scale: [String]
        public var commentLabel: String
        public var rejectLabel: String
        public var submit: String
        public var thanksTitle: String
        public var thanksBody: String
        public var rejectedBody: String
        public var scoreFirst: String
    }

    public struct Links: Decodable, Sendable {
        public var expiredTitle: String
        public var expiredBody: String
        public var notFoundTitle: String
        public var notFoundBody: String
    }

    public struct ComplaintForm: Decodable, Sendable {
        public var pageTitle, intro, languageLabel, nameLabel, preferredNameLabel, emailLabel, phoneLabel: String
        public var contactHint, subjectLabel, textLabel, textHint, orderLabel, submit, privacy, errorTitle: String
        public var nameRequired, contactRequired, emailInvalid, phoneInvalid, textRequired, textTooLong: String
        public var tooMany, doneTitle, doneReference: String
    }

    public var language: String
    public var locale: String
    public var complaintForm: ComplaintForm
    public var acknowledgement: Acknowledgement
    public var offers: Offers
    public var escalation: Escalation
    public var survey: Survey
    public var links: Links

    /// Every language's texts, loaded once from the module's bundle.
    public static let all: [String: CustomerTexts] = {
        do {
            return try load(folder: Bundle.module.url(forResource: "CustomerTexts", withExtension: nil)!)
        } catch {
            fatalError("customer texts: \(error)")
        }
    }()

    /// The texts in `language`, or English when there are none.
    public static func of(_ language: String) -> CustomerTexts { all[language] ?? all["en"]! }

    public static func load(folder: URL) throws -> [String: CustomerTexts] {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var texts: [String: CustomerTexts] = [:]
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        for url in files where url.pathExtension == "json" {
            let loaded: CustomerTexts
            do {
                loaded = try decoder.decode(CustomerTexts.self, from: Data(contentsOf: url))
            } catch {
                throw CustomerTextError("\(url.lastPathComponent): \(error)")
            }
            try loaded.validate()
            texts[loaded.language] = loaded
        }
        return texts
    }

    /// A file missing a remedy name or a survey label fails at load, not in front of a customer.
    func validate() throws {
        for kind in RemedyKind.allCases where (offers.remedy[kind.rawValue] ?? "").isEmpty {
            throw CustomerTextError("\(language): no name for the remedy \(kind.rawValue)")
        }
        guard survey.scale.count == 5 else { throw CustomerTextError("\(language): the survey scale needs 5 labels") }
    }

    /// `template` with each `{key}` replaced, in one pass: a value that itself looks like `{key}` (a customer who
    /// typed "{reference}" as their name) is inserted as it is, never read again.
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                result += value
                rest = after[after.index(after: close)...]
            } else {
                result += "{"
                rest = after
            }
        }
        return result + rest
    }

    /// A date and time as a customer reads it in this language, with the desk's time zone named.
    public func dateTime(_ date: Date, in timeZone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale)
        formatter.timeZone = timeZone
        formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMMHHmm")
        return "\(formatter.string(from: date)) (\(timeZone.identifier))"
    }
}

public struct CustomerTextError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// What the first answer to a complaint says: we have it, its reference, what happens next, by when, how to reach us.
public struct AcknowledgementFacts: Sendable {
    public var language: String
    public var customerName: String?
    public var reference: String
    public var firstResponseDue: Date
    public var timeZone: TimeZone
    public var organisation: String

    public init(language: String, customerName: String?, reference: String, firstResponseDue: Date,
                timeZone: TimeZone, organisation: String) {
        self.language = language
        self.customerName = customerName
        self.reference = reference
        self.firstResponseDue = firstResponseDue
        self.timeZone = timeZone
        self.organisation = organisation
    }
}

public enum CustomerMessages {
    public static func acknowledgement(_ facts: AcknowledgementFacts) -> String {
        let texts = CustomerTexts.of(facts.language)
        let words = texts.acknowledgement
        let values = [
            "name": facts.customerName ?? "", "reference": facts.reference, "organisation": facts.organisation,
            "due": texts.dateTime(facts.firstResponseDue, in: facts.timeZone),
        ]
        let greeting = (facts.customerName?.isEmpty == false) ? words.greetingNamed : words.greeting
        return [greeting, words.received, words.nextSteps, words.expectBy, words.reachUs, words.signOff]
            .map { CustomerTexts.fill($0, values) }
            .joined(separator: "\n\n")
    }

    public static func offerLink(language: String, reference: String, link: String, until: Date,
                                 timeZone: TimeZone) -> String {
        let texts = CustomerTexts.of(language)
        return CustomerTexts.fill(texts.offers.message, [
            "reference": reference, "link": link, "until": texts.dateTime(until, in: timeZone),
        ])
    }

    public static func escalationNotice(language: String, reference: String, due: Date, timeZone: TimeZone) -> String {
        let texts = CustomerTexts.of(language)
        return CustomerTexts.fill(texts.escalation.message, [
            "reference": reference, "due": texts.dateTime(due, in: timeZone),
        ])
    }

    public static func surveyLink(language: String, reference: String, link: String) -> String {
        CustomerTexts.fill(CustomerTexts.of(language).survey.message, ["reference": reference, "link": link])
    }
}
