// Checks a complaint as submitted and turns it into the clean values a case is opened from.
import DefuseAnalysis
import Foundation

/// Limits on what a client may send.
public enum Limits {
    public static let messageCharacters = 20_000
    public static let nameCharacters = 200
    public static let subjectCharacters = 200
    public static let emailCharacters = 254
    public static let notesCharacters = 5_000
}

/// A complaint as a client sent it: every field optional, so each gets its own clear error.
public struct ComplaintSubmission: Sendable {
    public var customerName: String?
    public var customerPreferredName: String?
    public var customerEmail: String?
    public var customerPhone: String?
    public var customerLanguage: String?
    public var channel: String?
    public var subject: String?
    public var text: String?

    public init(
        customerName: String?, customerPreferredName: String? = nil, customerEmail: String? = nil,
        customerPhone: String? = nil, customerLanguage: String? = nil, channel: String? = nil,
        subject: String? = nil, text: String?
    ) {
        self.customerName = customerName
        self.customerPreferredName = customerPreferredName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.customerLanguage = customerLanguage
        self.channel = channel
        self.subject = subject
        self.text = text
    }
}

/// A complaint that passed every check, with contact details normalised for lookup.
public struct ValidComplaint: Sendable, Equatable {
    public var customerName: String
    public var customerPreferredName: String?
    public var customerEmail: String?
    public var customerPhone: String?
    public var customerLanguage: Language?
    public var channel: Channel
    public var subject: String?
    public var text: String

    public init(
        customerName: String, customerPreferredName: String? = nil, customerEmail: String? = nil,
        customerPhone: String? = nil, customerLanguage: Language? = nil, channel: Channel = .web,
        subject: String? = nil, text: String
    ) {
        self.customerName = customerName
        self.customerPreferredName = customerPreferredName
        self.customerEmail = customerEmail
        self.customerPhone = customerPhone
        self.customerLanguage = customerLanguage
        self.channel = channel
        self.subject = subject
        self.text = text
    }
}

public enum ComplaintIntake {
    public static func validate(_ submission: ComplaintSubmission) throws(DefuseError) -> ValidComplaint {
        let name = try Field.requiredText(submission.customerName, field: "customer.name", limit: Limits.nameCharacters)
        let preferredName = try Field.optionalText(
            submission.customerPreferredName, field: "customer.preferred_name", limit: Limits.nameCharacters)
        let email = try submission.customerEmail.map { value throws(DefuseError) in
            try Contact.email(value, field: "customer.email")
        }
        let phone = try submission.customerPhone.map { value throws(DefuseError) in
            try Contact.phone(value, field: "customer.phone")
        }
        let language = try submission.customerLanguage.map { value throws(DefuseError) in
            try Language.parse(value.lowercased(), field: "customer.language")
        }
        let channel = try submission.channel.map { value throws(DefuseError) in
            try Channel.parse(value, field: "channel")
        } ?? .web
        let subject = try Field.optionalText(submission.subject, field: "subject", limit: Limits.subjectCharacters)
        let text = try Field.requiredText(submission.text, field: "text", limit: Limits.messageCharacters)
        return ValidComplaint(
            customerName: name, customerPreferredName: preferredName, customerEmail: email, customerPhone: phone,
            customerLanguage: language, channel: channel, subject: subject, text: text)
    }
}

/// Checks shared by every text field a client sends.
public enum Field {
    /// Trimmed, non-empty, and within the limit (counted in characters as a person sees them).
    public static func requiredText(_ value: String?, field: String, limit: Int) throws(DefuseError) -> String {
        guard let value else { throw .invalidField(field, "is required") }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalidField(field, "must not be empty") }
        guard trimmed.count <= limit else {
            throw .invalidField(field, "must be at most \(limit) characters (got \(trimmed.count))")
        }
        return trimmed
    }

    /// Like `requiredText`, but absent or blank means "not given".
    public static func optionalText(_ value: String?, field: String, limit: Int) throws(DefuseError) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return try requiredText(value, field: field, limit: limit)
    }
}

/// Normalises contact details so the same customer is found however they typed them.
public enum Contact {
    public static func email(_ value: String, field: String) throws(DefuseError) -> String {
        let email = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard email.count <= Limits.emailCharacters else {
            throw .invalidField(field, "must be at most \(Limits.emailCharacters) characters")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        else { throw .invalidField(field, "must be an email address like name@example.com") }
        return email
    }

    /// Keeps a leading `+` and the digits; accepts the spaces, dots, dashes and brackets people type.
    public static func phone(_ value: String, field: String) throws(DefuseError) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        let allowed = Set("0123456789+ -.()/")
        guard trimmed.allSatisfy({ allowed.contains($0) }), !trimmed.dropFirst().contains("+") else {
            throw .invalidField(field, "must be a phone number of digits, optionally starting with +")
        }
        let digits = trimmed.filter(\.isNumber)
        guard (6...20).contains(digits.count) else {
            throw .invalidField(field, "must have between 6 and 20 digits")
        }
        return (trimmed.hasPrefix("+") ? "+" : "") + digits
    }
}
