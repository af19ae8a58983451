// The customer's own pages, reached from links in our messages: choose and approve an option (`/c/{token}`),
// answer the survey (`/s/{token}`). Plain HTML forms in the customer's language; no JavaScript, no login.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Leaf
import Vapor

enum CustomerPageController {
    struct OptionsPage: Encodable {
        struct Item: Encodable {
            var id: String
            var name: String
            var detail: String?
            var amount: String?
        }

        var lang, title, organisation, reference, intro, action: String
        var error: String?
        var chooseLegend, approveButton, noneLegend, noneReasonLabel, noneButton: String
        var options: [Item]
    }

    struct SurveyPage: Encodable {
        struct Choice: Encodable {
            var value: Int
            var label: String
        }

        var lang, title, organisation, question, action: String
        var error: String?
        var scale: [Choice]
        var commentLabel, rejectLabel, submit: String
    }

    struct NoticePage: Encodable {
        var lang, title, organisation, body, tone: String
    }

    // MARK: options

    @Sendable static func showOptions(_ request: Request) async throws -> Response {
        try await withOffer(request) { offer, record, desk in
            try await optionsPage(request, offer: offer, record: record, desk: desk, error: nil)
        }
    }

    @Sendable static func answerOptions(_ request: Request) async throws -> Response {
        let form = try formFields(request)
        return try await withOffer(request) { offer, record, desk in
            let texts = CustomerTexts.of(record.language)
            let now = Date()
            switch form["decision"] {
            case "approve":
                guard let choice = form["option"].flatMap(UUID.init(uuidString:)) else {
                    return try await optionsPage(request, offer: offer, record: record, desk: desk,
                                                 error: texts.offers.chooseFirst, status: .unprocessableEntity)
                }
                let chosen = try await request.db.write { db -> OfferOption in
                    let chosen = try await OfferRecords.approve(offer, option: choice, at: now, on: db)
                    try await customerAnswered(record, desk: desk, at: now, on: db)
                    try await PlaybookRecords.advance(record, to: .inProgress, because: "the customer approved an option",
                                                      by: .customer, desk: desk, at: now, on: db)
                    // Approving makes a promise: deliver what was chosen, by the case's resolution time.
                    if let owner = record.$assignee.id ?? offer.$createdBy.id {
                        let due = max(record.resolutionDue, desk.calendar.adding(8 * 3600, to: now))
                        _ = try await CommitmentRecords.create(
                            on: record, what: "Deliver \(chosen.kind)\(chosen.detail.map { ": \($0)" } ?? "")",
                            owner: owner, due: due, by: .system, at: now, on: db)
                    }
                    return chosen
                }
                let name = texts.offers.remedy[chosen.kind] ?? chosen.kind
                return try await notice(request, record: record, desk: desk, title: texts.offers.approvedTitle,
                                        body: CustomerTexts.fill(texts.offers.approvedBody, ["option": name]), tone: "ok")
            case "none":
                let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty, reason.count <= 2000 else {
                    return try await optionsPage(request, offer: offer, record: record, desk: desk,
                                                 error: texts.offers.reasonFirst, status: .unprocessableEntity)
                }
                try await request.db.write { db in
                    try await OfferRecords.reject(offer, reason: reason, at: now, on: db)
                    _ = try await CaseRecords.addMessage(
                        to: record, direction: .inbound, text: reason, channel: .web, language: record.language,
                        analysis: Analyzer.shared.analyze(reason), by: .customer, at: now, on: db)
                    try await customerAnswered(record, desk: desk, at: now, on: db)
                    try await PlaybookRecords.advance(record, to: .agreeing, because: "the customer said none of the options works",
                                                      by: .customer, desk: desk, at: now, on: db)
                }
                return try await notice(request, record: record, desk: desk, title: texts.offers.rejectedTitle,
                                        body: texts.offers.rejectedBody, tone: "ok")
            default:
                return try await optionsPage(request, offer: offer, record: record, desk: desk,
                                             error: texts.offers.chooseFirst, status: .unprocessableEntity)
            }
        }
    }

    static func optionsPage(
        _ request: Request, offer: Offer, record: Case, desk: Desk, error: String?, status: HTTPStatus = .ok
    ) async throws -> Response {
        let texts = CustomerTexts.of(record.language)
        let options = try await OfferRecords.options(of: offer, on: request.db).filter { $0.status == "offered" }
        let page = OptionsPage(
            lang: record.language, title: texts.offers.pageTitle, organisation: desk.organisation,
            reference: record.reference,
            intro: CustomerTexts.fill(texts.offers.intro, ["reference": record.reference]),
            action: request.url.path, error: error, chooseLegend: texts.offers.chooseLegend,
            approveButton: texts.offers.approveButton, noneLegend: texts.offers.noneLegend,
            noneReasonLabel: texts.offers.noneReasonLabel, noneButton: texts.offers.noneButton,
            options: options.map { option in
                OptionsPage.Item(
                    id: option.id?.uuidString ?? "", name: texts.offers.remedy[option.kind] ?? option.kind,
                    detail: option.detail, amount: amountText(option, locale: texts.locale))
            })
        return try await DeskView.render("customer-options", page, request, status: status)
    }

    static func amountText(_ option: OfferOption, locale: String) -> String? {
        if let points = option.points { return "\(points)" }
        guard let amount = option.amount, let value = Decimal(string: amount, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        let formatter = NumberFormatter()
        formatter.numberStyle = .currency
        formatter.locale = Locale(identifier: locale)
        formatter.currencyCode = option.currency
        return formatter.string(from: NSDecimalNumber(decimal: value)) ?? "\(option.currency) \(amount)"
    }

    /// Finds the offer a link names, or answers with the right page: forged → 404, expired → 410, answered → 409.
    static func withOffer(
        _ request: Request, _ body: (Offer, Case, Desk) async throws -> Response
    ) async throws -> Response {
        let desk = try await request.desk()
        let id: UUID
        do {
            id = try CustomerLink.verify(request.parameters.get("token") ?? "", .options, secret: desk.linkSecret, now: Date())
        } catch {
            return try await linkProblem(request, error, desk: desk, language: nil)
        }
        guard let offer = try await Offer.find(id, on: request.db) else {
            return try await linkProblem(request, .forged, desk: desk, language: nil)
        }
        let record = try await offer.$case.get(on: request.db)
        guard offer.state == "open" else {
            let texts = CustomerTexts.of(record.language)
            return try await notice(request, record: record, desk: desk, title: texts.offers.pageTitle,
                                    body: CustomerTexts.fill(texts.offers.alreadyAnswered, ["reference": record.reference]),
                                    tone: "warn", status: .conflict)
        }
        return try await body(offer, record, desk)
    }

    // MARK: survey

    @Sendable static func showSurvey(_ request: Request) async throws -> Response {
        try await withSurvey(request) { survey, record, desk in
            try await surveyPage(request, record: record, desk: desk, error: nil)
        }
    }

    @Sendable static func answerSurvey(_ request: Request) async throws -> Response {
        let form = try formFields(request)
        return try await withSurvey(request) { survey, record, desk in
            let texts = CustomerTexts.of(record.language)
            guard let score = form["score"].flatMap({ Int($0) }), (1...5).contains(score) else {
                return try await surveyPage(request, record: record, desk: desk, error: texts.survey.scoreFirst,
                                            status: .unprocessableEntity)
            }
            let comment = form["comment"].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(4000)) }
                .flatMap { $0.isEmpty ? nil : $0 }
            let rejects = form["reject"] == "yes"
            let now = Date()
            try await request.db.write { db in
                try await SurveyRecords.answer(survey, score: score, comment: comment, rejectsOutcome: rejects, at: now, on: db)
                if let comment {
                    _ = try await CaseRecords.addMessage(
                        to: record, direction: .inbound, text: comment, channel: .web, language: record.language,
                        analysis: Analyzer.shared.analyze(comment), by: .customer, at: now, on: db)
                }
                if rejects {
                    try await PlaybookRecords.advance(record, to: .reopened, because: "the customer rejected the outcome",
                                                      by: .customer, desk: desk, at: now, on: db)
                }
            }
            return try await notice(request, record: record, desk: desk, title: texts.survey.thanksTitle,
                                    body: rejects ? texts.survey.rejectedBody : texts.survey.thanksBody, tone: "ok")
        }
    }

    static func surveyPage(
        _ request: Request, record: Case, desk: Desk, error: String?, status: HTTPStatus = .ok
    ) async throws -> Response {
        let texts = CustomerTexts.of(record.language)
        let page = SurveyPage(
            lang: record.language, title: texts.survey.pageTitle, organisation: desk.organisation,
            question: CustomerTexts.fill(texts.survey.question, ["reference": record.reference]),
            action: request.url.path, error: error,
            scale: texts.survey.scale.enumerated().map { SurveyPage.Choice(value: $0.offset + 1, label: $0.element) },
            commentLabel: texts.survey.commentLabel, rejectLabel: texts.survey.rejectLabel, submit: texts.survey.submit)
        return try await DeskView.render("customer-survey", page, request, status: status)
    }

    static func withSurvey(
        _ request: Request, _ body: (Survey, Case, Desk) async throws -> Response
    ) async throws -> Response {
        let desk = try await request.desk()
        let id: UUID
        do {
            id = try CustomerLink.verify(request.parameters.get("token") ?? "", .survey, secret: desk.linkSecret, now: Date())
        } catch {
            return try await linkProblem(request, error, desk: desk, language: nil)
        }
        guard let survey = try await Survey.find(id, on: request.db) else {
            return try await linkProblem(request, .forged, desk: desk, language: nil)
        }
        let record = try await survey.$case.get(on: request.db)
        guard survey.answeredAt == nil else {
            let texts = CustomerTexts.of(record.language)
            return try await notice(request, record: record, desk: desk, title: texts.survey.thanksTitle,
                                    body: texts.survey.thanksBody, tone: "ok", status: .conflict)
        }
        return try await body(survey, record, desk)
    }

    // MARK: shared

    /// The customer answered: a case that was waiting on them has its resolution clock running again.
    static func customerAnswered(_ record: Case, desk: Desk, at date: Date, on db: any Database) async throws {
        guard record.waitingSince != nil else { return }
        PlaybookRecords.resumeClock(record, desk: desk, at: date)
        try await record.update(on: db)
    }

    /// A form body as fields; anything else is a clear 400/415.
    static func formFields(_ request: Request) throws -> [String: String] {
        guard request.headers.contentType == .urlEncodedForm else {
            throw Abort(.unsupportedMediaType, reason: "send the form as application/x-www-form-urlencoded")
        }
        if let bytes = request.body.data?.readableBytesView, String(validating: bytes, as: UTF8.self) == nil {
            throw Abort(.badRequest, reason: "the form is not valid UTF-8")
        }
        return (try? request.content.decode([String: String].self)) ?? [:]
    }

    static func linkProblem(
        _ request: Request, _ problem: CustomerLink.Problem, desk: Desk, language: String?
    ) async throws -> Response {
        let language = language ?? preferredLanguage(request) ?? "en"
        let texts = CustomerTexts.of(language)
        let expired = problem == .expired
        let page = NoticePage(
            lang: texts.language, title: expired ? texts.links.expiredTitle : texts.links.notFoundTitle,
            organisation: desk.organisation, body: expired ? texts.links.expiredBody : texts.links.notFoundBody,
            tone: "warn")
        return try await DeskView.render("customer-notice", page, request, status: expired ? .gone : .notFound)
    }

    /// The first of the browser's languages we write in, else `fallback`.
    static func preferredLanguage(_ request: Request, fallback: String? = "en") -> String? {
        let header = request.headers.first(name: .acceptLanguage) ?? ""
        for part in header.split(separator: ",") {
            let tag = part.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
            let primary = tag.split(separator: "-").first.map(String.init) ?? ""
            let language = primary == "fil" ? "tl" : primary
            if CustomerTexts.all[language] != nil { return language }
        }
        return fallback
    }

    static func notice(
        _ request: Request, record: Case, desk: Desk, title: String, body: String, tone: String, status: HTTPStatus = .ok
    ) async throws -> Response {
        try await DeskView.render("customer-notice", NoticePage(lang: record.language, title: title, organisation: desk.organisation,
                                                       body: body, tone: tone), request, status: status)
    }

}
