// The agents' pages: the inbox, a case with its conversation and composer, and the form posts behind them. Each
// handler gathers what the page shows into its view model; the work itself is the same code the API uses.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum DeskController {
    static func frame(_ request: Request, nav: String) throws -> DeskFrame {
        let agent = try request.agent()
        let flash = request.query[String.self, at: "done"].flatMap { flashes[$0] }
        return DeskFrame(agentName: agent.name, agentRole: agent.role.rawValue, isManager: agent.role >= .manager,
                         csrf: request.auth.get(BrowserSession.self)?.csrf ?? "", nav: nav, flash: flash?.text,
                         flashTone: flash?.tone)
    }

    /// Messages shown once after an action, named in the redirect (`?done=sent`), so nothing is stored.
    static let flashes: [String: (text: String, tone: String)] = [
        "sent": ("Reply sent.", "ok"),
        "sent_anyway": ("Reply sent despite the coach's flags; that is recorded on the case.", "warn"),
        "moved": ("Stage changed.", "ok"),
        "kept": ("Promise marked done.", "ok"),
        "decided": ("Decision recorded.", "ok"),
    ]

    // MARK: inbox

    @Sendable static func inbox(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let queue = InboxQueue(rawValue: request.query[String.self, at: "queue"] ?? "") ?? .mine
        let language = request.query[String.self, at: "language"].flatMap { Language(rawValue: $0)?.rawValue }
        let category = request.query[String.self, at: "category"].flatMap { Category(rawValue: $0)?.rawValue }
        let search = request.query[String.self, at: "q"].map { String($0.prefix(200)) }
        let before = request.query[String.self, at: "cursor"].flatMap { try? CaseCursor.decode($0) }
        let now = Date()
        let page = try await InboxRecords.page(
            InboxFilter(queue: queue, agentID: agent.id, language: language, category: category, search: search,
                        before: before, limit: 50, now: now),
            on: request.db)
        func url(queue: InboxQueue, cursor: UUID? = nil) -> String {
            var items = [URLQueryItem(name: "queue", value: queue.rawValue)]
            if let language { items.append(URLQueryItem(name: "language", value: language)) }
            if let category { items.append(URLQueryItem(name: "category", value: category)) }
            if let search, !search.isEmpty { items.append(URLQueryItem(name: "q", value: search)) }
            if let cursor { items.append(URLQueryItem(name: "cursor", value: CaseCursor.encode(cursor))) }
            var components = URLComponents()
            components.path = "/inbox"
            components.queryItems = items
            return components.string ?? "/inbox"
        }
        let body = InboxPage(
            title: "Inbox", frame: try frame(request, nav: "inbox"),
            queues: InboxQueue.allCases.map {
                InboxPage.Queue(id: $0.rawValue, label: $0.label, url: url(queue: $0), active: $0 == queue)
            },
            queue: queue.rawValue, query: search ?? "",
            languages: Language.allCases.map {
                InboxPage.Option(value: $0.rawValue, label: languageName($0.rawValue), selected: $0.rawValue == language)
            },
            categories: Category.allCases.map {
                InboxPage.Option(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0.rawValue == category)
            },
            rows: page.rows.map { row($0, now: now) },
            nextURL: page.next.map { url(queue: queue, cursor: $0) },
            emptyText: search.map { _ in "No case matches this search." } ?? "Nothing in this queue. Well done.")
        return try await DeskView.render("inbox", body, request)
    }

    static func row(_ record: InboxRow, now: Date) -> InboxPage.Row {
        let stage = Stage(rawValue: record.stage) ?? .new
        let due = dueText(stage: stage, firstResponseDue: record.firstResponseDue,
                          firstRespondedAt: record.firstRespondedAt, resolutionDue: record.resolutionDue, now: now)
        let anger = record.peakAnger ?? 0
        return InboxPage.Row(
            reference: record.reference, url: "/cases/\(record.reference)",
            customer: record.preferredName ?? record.customerName, subject: record.subject ?? "",
            language: record.language, categories: record.categories, anger: anger,
            angerLabel: angerLabels[min(max(anger, 0), 3)], stage: stage.rawValue, stageLabel: stageLabel(stage),
            due: due.text, dueTone: due.tone, hostile: anger >= 3 || record.alarm)
    }

    static let angerLabels = ["calm", "frustrated", "angry", "hostile"]

    /// Time left to the deadline that matters now: the first answer until it is sent, then the resolution.
    static func dueText(
        stage: Stage, firstResponseDue: Date, firstRespondedAt: Date?, resolutionDue: Date, now: Date
    ) -> (text: String, tone: String) {
        guard stage.isOpen else { return ("done", "none") }
        let due = firstRespondedAt == nil ? firstResponseDue : resolutionDue
        let what = firstRespondedAt == nil ? "to answer" : "to resolve"
        let seconds = due.timeIntervalSince(now)
        let span = duration(abs(seconds))
        if seconds < 0 { return ("\(span) late", "late") }
        return ("\(span) \(what)", seconds < 4 * 3600 ? "soon" : "ok")
    }

    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 3600 { return "\(max(1, Int(seconds / 60))) min" }
        if seconds < 48 * 3600 { return "\(Int(seconds / 3600)) h" }
        return "\(Int(seconds / 86_400)) d"
    }

    static func stageLabel(_ stage: Stage) -> String {
        stage.rawValue.replacingOccurrences(of: "_", with: " ").capitalized
    }

    static func languageName(_ code: String) -> String {
        ["el": "Greek", "es": "Spanish", "tr": "Turkish", "ru": "Russian", "tl": "Tagalog", "en": "English"][code] ?? code
    }

    static func when(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM HH:mm"
        return formatter.string(from: date) + " UTC"
    }

    // MARK: case

    @Sendable static func casePage(_ request: Request) async throws -> Response {
        try await renderCase(request, reference: try CaseController.reference(request), draft: nil, flagged: false)
    }

    static func renderCase(
        _ request: Request, reference: String, draft: String?, flagged: Bool, status: HTTPStatus = .ok,
        problem: String? = nil
    ) async throws -> Response {
        let agent = try request.agent()
        let record = try await CaseRecords.detail(reference: reference, on: request.db)
        let caseID = try record.requireID()
        let now = Date()
        let next = try await PlaybookController.nextActions(for: record, messages: record.messages, role: agent.role,
                                                            policy: request.desk().policy, now: now, on: request.db)
        let stage = Stage(rawValue: record.stage) ?? .new
        let position = Playbook.order.firstIndex(of: stage)
        let steps = Playbook.order.enumerated().map { index, step in
            CasePage.Step(label: stageLabel(step), state: step == stage ? "current"
                : (position.map { index < $0 } ?? (stage == .closed)) ? "done" : "todo")
        }
        let offers = try await OfferOption.query(on: request.db).filter(\.$caseID == caseID).sort(\.$position).all()
        let escalations = try await Escalation.query(on: request.db).filter(\.$case.$id == caseID).with(\.$option).all()
        let commitments = try await CommitmentRecords.list(state: nil, owner: nil, caseID: caseID, limit: 100, now: now,
                                                           on: request.db)
        let customer = record.customer
        let history = try await Case.query(on: request.db).filter(\.$customer.$id == customer.requireID())
            .filter(\.$id != caseID).sort(\.$id, .descending).limit(10).all()
        let phrases = Coach.shared.phrases(record.language)
        var frame = try frame(request, nav: "inbox")
        if let problem {
            frame.flash = problem
            frame.flashTone = "warn"
        }
        let body = CasePage(
            title: "\(record.reference) · \(customer.preferredName ?? customer.name)",
            frame: frame, reference: record.reference, subject: record.subject ?? "",
            stageLabel: stageLabel(stage), priority: record.priority, fault: record.fault, language: record.language,
            languageName: languageName(record.language), assignee: record.assignee?.name ?? "nobody",
            team: record.team ?? "", opened: when(record.createdAt), firstResponseDue: when(record.firstResponseDue),
            resolutionDue: when(record.resolutionDue),
            peakAnger: record.peakAnger.map { angerLabels[min(max($0, 0), 3)] } ?? "not read yet",
            customerName: customer.preferredName ?? customer.name,
            fullName: customer.preferredName.flatMap { $0 == customer.name ? nil : customer.name },
            customerEmail: customer.email,
            customerPhone: customer.phone,
            history: history.map {
                CasePage.HistoryItem(reference: $0.reference, url: "/cases/\($0.reference)",
                                     stage: stageLabel(Stage(rawValue: $0.stage) ?? .new), opened: when($0.createdAt))
            },
            steps: steps, checklist: next.checklist.map { CasePage.Item(wants: $0.wants, done: $0.done) },
            actions: next.actions.map {
                CasePage.Action(action: $0.action, label: $0.action.replacingOccurrences(of: "_", with: " ").capitalized,
                                reason: $0.reason, line: $0.line)
            },
            messages: record.messages.map(messageView),
            offers: offers.map {
                CasePage.OfferView(kind: $0.kind.replacingOccurrences(of: "_", with: " "),
                                   amount: $0.amount.map { "\($0) \(offers.first?.currency ?? "")" }
                                       ?? $0.points.map { "\($0) points" },
                                   detail: $0.detail, status: $0.status.replacingOccurrences(of: "_", with: " "))
            },
            escalations: escalations.map {
                CasePage.EscalationView(option: $0.option.kind.replacingOccurrences(of: "_", with: " "), state: $0.state,
                                        reasons: $0.reasons.split(separator: "\n").map(String.init))
            },
            commitments: commitments.map {
                CasePage.CommitmentView(id: $0.id?.uuidString ?? "", what: $0.what, owner: $0.owner.name,
                                        due: when($0.dueAt),
                                        state: Promises.state(due: $0.dueAt, doneAt: $0.doneAt, now: now).rawValue)
            },
            stages: Playbook.allowedMoves(from: stage).map { CasePage.StageOption(value: $0.rawValue, label: stageLabel($0)) },
            phrases: PhraseKind.allCases.flatMap { kind in
                (phrases[kind] ?? []).map {
                    CasePage.Phrase(kind: kind.rawValue,
                                    label: kind.rawValue.replacingOccurrences(of: "_", with: " ").capitalized, line: $0)
                }
            },
            replyURL: "/cases/\(record.reference)/reply", stageURL: "/cases/\(record.reference)/stage",
            coachURL: "/api/v1/coach", draft: draft, draftFlagged: flagged)
        return try await DeskView.render("case", body, request, status: status)
    }

    static func messageView(_ message: Message) -> CasePage.MessageView {
        let direction = MessageDirection(rawValue: message.direction) ?? .note
        var spans: [Highlight] = []
        var badges: [String] = []
        if let analysis = message.analysis {
            spans = Highlights.forCustomer(analysis)
            badges.append(angerLabels[min(max(analysis.anger, 0), 3)])
            for (on, name) in [(analysis.abuse, "abuse"), (analysis.threat, "threat"), (analysis.churn, "may leave"),
                               (analysis.public, "going public"), (analysis.legal, "legal")] where on {
                badges.append(name)
            }
            badges += analysis.demands.map { "wants \($0.rawValue)" }
        } else if let review = message.coach {
            spans = Highlights.forReply(review)
            badges += review.flags.map { "flag: \($0.rawValue)" }
        }
        let author = switch direction {
        case .inbound: "Customer"
        case .outbound: message.$author.value??.name ?? "Defuse (automatic)"
        case .note: message.$author.value??.name ?? "Note"
        }
        return CasePage.MessageView(direction: direction.rawValue, author: author, at: when(message.createdAt),
                                    segments: Highlights.segments(message.text, spans), badges: badges)
    }

    /// `POST /cases/{reference}/reply`: the composer's form. A flagged draft comes back to the composer unless
    /// "send anyway" is ticked; the API's rules and records apply.
    @Sendable static func reply(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let reference = try CaseController.reference(request)
        let form = try request.content.decode([String: String].self)
        let text = (form["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= Limits.messageCharacters else {
            return try await renderCase(request, reference: reference, draft: text, flagged: false,
                                        status: .unprocessableEntity)
        }
        switch try await CaseController.post(text, direction: .outbound, channel: nil,
                                             sendAnyway: form["send_anyway"] == "yes", reference: reference,
                                             by: agent, request) {
        case .flagged:
            return try await renderCase(request, reference: reference, draft: text, flagged: true,
                                        status: .unprocessableEntity)
        case .sent(let message):
            let flagged = !(message.coach?.flags.isEmpty ?? true)
            return request.redirect(to: "/cases/\(reference)?done=\(flagged ? "sent_anyway" : "sent")")
        }
    }

    /// `POST /cases/{reference}/stage`: the side panel's form.
    @Sendable static func moveStage(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let reference = try CaseController.reference(request)
        let form = try request.content.decode([String: String].self)
        let reason = form["reason"].map { String($0.prefix(500)) }
        do {
            try await PlaybookController.move(reference, to: try Stage.parse(form["stage"] ?? "", field: "stage"),
                                              reason: reason, by: agent, request)
        } catch let error as DefuseError where error.field != "reference" {
            // Shown on the page the agent was on, e.g. which checklist items a move would skip.
            return try await renderCase(request, reference: reference, draft: nil, flagged: false,
                                        status: .unprocessableEntity, problem: error.message)
        }
        return request.redirect(to: "/cases/\(reference)?done=moved")
    }

    /// `POST /commitments/{id}/done` from the case page.
    @Sendable static func commitmentDone(_ request: Request) async throws -> Response {
        let commitment = try await CommitmentController.markDone(request, at: Date())
        return request.redirect(to: "/cases/\(commitment.case.reference)?done=kept")
    }
}
