// The public complaint form (`/complaint`) in the customer's language: chosen by `?lang=`, else the browser's
// Accept-Language, else the organisation's default. Works without JavaScript; a double-submit token guards it.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Vapor

enum ComplaintFormController {
    static let languageNames = ["el": "Ελληνικά", "es": "Español", "tr": "Türkçe", "ru": "Русский", "tl": "Tagalog",
                                "en": "English"]

    @Sendable static func show(_ request: Request) async throws -> Response {
        let language = try await chosenLanguage(request)
        return try await form(request, language: language, values: [:], errors: [])
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let fields = try request.content.decode([String: String].self)
        var language = Language(rawValue: fields["lang"] ?? "")?.rawValue ?? ""
        if language.isEmpty { language = try await chosenLanguage(request) }
        let words = CustomerTexts.of(language).complaintForm
        guard let cookie = request.cookies[WebSessionCookie.preSession]?.string, let given = fields["csrf"],
              WebSessionCookie.same(cookie, given) else {
            // An old tab or a forged post: show the form again with what they typed, nothing lost.
            return try await form(request, language: language, values: fields, errors: [], status: .forbidden)
        }
        let address = request.remoteAddress?.ipAddress ?? "unknown"
        if await request.intakeRateLimiter.admit(address) != nil {
            return try await form(request, language: language, values: fields, errors: [words.tooMany],
                                  status: .tooManyRequests)
        }
        func value(_ name: String) -> String? {
            fields[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var errors: [String] = []
        if value("email") == nil, value("phone") == nil { errors.append(words.contactRequired) }
        var text = value("text")
        if let order = value("order"), let body = text { text = body + "\n\n[\(order.prefix(100))]" }
        let submission = ComplaintSubmission(
            customerName: value("name"), customerPreferredName: value("preferred_name"), customerEmail: value("email"),
            customerPhone: value("phone"), customerLanguage: language, channel: "web", subject: value("subject"),
            text: text)
        let complaint: ValidComplaint
        do {
            complaint = try ComplaintIntake.validate(submission)
        } catch {
            errors.append(message(for: error, words))
            return try await form(request, language: language, values: fields, errors: errors,
                                  status: .unprocessableEntity)
        }
        guard errors.isEmpty else {
            return try await form(request, language: language, values: fields, errors: errors,
                                  status: .unprocessableEntity)
        }
        let record = try await ComplaintController.open(complaint, request: request)
        let acknowledgement = try await CaseRecords.acknowledgement(of: record, on: request.db) ?? ""
        let settings = try await request.desk()
        let page = ComplaintDonePage(
            lang: record.language, title: words.doneTitle, organisation: settings.organisation,
            reference: CustomerTexts.fill(words.doneReference, ["reference": record.reference]),
            paragraphs: acknowledgement.components(separatedBy: "\n\n"))
        return try await DeskView.render("complaint-done", page, request, status: .created)
    }

    static func message(for error: DefuseError, _ words: CustomerTexts.ComplaintForm) -> String {
        switch error.field ?? "" {
        case "customer.name": return words.nameRequired
        case "customer.email": return words.emailInvalid
        case "customer.phone": return words.phoneInvalid
        case "text":
            if error.message.contains("at most") {
                return CustomerTexts.fill(words.textTooLong, ["limit": "\(Limits.messageCharacters)"])
            }
            return words.textRequired
        default: return words.textRequired
        }
    }

    static func form(
        _ request: Request, language: String, values: [String: String], errors: [String], status: HTTPStatus = .ok
    ) async throws -> Response {
        let words = CustomerTexts.of(language).complaintForm
        let token = WebSessionCookie.random()
        let desk = try await request.desk()
        let page = ComplaintFormPage(
            lang: language, title: words.pageTitle, organisation: desk.organisation, intro: words.intro,
            action: "/complaint", csrf: token, errorTitle: words.errorTitle, errors: errors,
            languages: Language.allCases.map {
                ComplaintFormPage.Language(code: $0.rawValue, name: languageNames[$0.rawValue] ?? $0.rawValue,
                                           selected: $0.rawValue == language, url: "/complaint?lang=\($0.rawValue)")
            },
            languageLabel: words.languageLabel, nameLabel: words.nameLabel, preferredNameLabel: words.preferredNameLabel,
            emailLabel: words.emailLabel, phoneLabel: words.phoneLabel, contactHint: words.contactHint,
            subjectLabel: words.subjectLabel, textLabel: words.textLabel, textHint: words.textHint,
            orderLabel: words.orderLabel, submit: words.submit, privacy: words.privacy,
            name: values["name"] ?? "", preferredName: values["preferred_name"] ?? "", email: values["email"] ?? "",
            phone: values["phone"] ?? "", subject: values["subject"] ?? "", text: values["text"] ?? "",
            order: values["order"] ?? "")
        let response = try await DeskView.render("complaint", page, request, status: status)
        response.cookies[WebSessionCookie.preSession] = WebSessionCookie.cookie(
            token, maxAge: 4 * 3600, secure: SignInController.secureCookies(request))
        return response
    }

    /// `?lang=`, else the first of the browser's languages we write in, else the organisation's default.
    static func chosenLanguage(_ request: Request) async throws -> String {
        if let code = request.query[String.self, at: "lang"], let language = Language(rawValue: code) {
            return language.rawValue
        }
        if request.headers.first(name: .acceptLanguage) != nil {
            let preferred = CustomerPageController.preferredLanguage(request, fallback: nil)
            if let preferred { return preferred }
        }
        return try await request.desk().defaultLanguage
    }
}
