// Managers' pages: escalations waiting for a decision beside the policy, and the dashboard with its charts.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum ManagerPagesController {
    @Sendable static func escalations(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let desk = try await request.desk()
        let pending = try await EscalationRecords.list(state: "pending", limit: 200, on: request.db)
        let policy = desk.policy
        func money(_ value: Decimal) -> String { "\(policy.currency) \(NSDecimalNumber(decimal: value).stringValue)" }
        let now = Date()
        let body = EscalationsPage(
            title: "Escalations", frame: try DeskController.frame(request, nav: "escalations"),
            rows: pending.map { escalation in
                EscalationsPage.Row(
                    id: escalation.id?.uuidString ?? "", reference: escalation.case.reference,
                    caseURL: "/cases/\(escalation.case.reference)",
                    option: escalation.option.kind.replacingOccurrences(of: "_", with: " "),
                    amount: escalation.option.amount.map { "\(escalation.option.currency) \($0)" },
                    reasons: escalation.reasons.split(separator: "\n").map(String.init),
                    requestedBy: escalation.requestedBy?.name ?? "someone",
                    waiting: DeskController.duration(now.timeIntervalSince(escalation.createdAt)),
                    decideURL: "/escalations/\(escalation.id?.uuidString ?? "")/decision")
            },
            policy: Role.allCases.map { "\($0.rawValue): up to \(money(policy.limit(for: $0))) per case" }
                + ["fast path (our fault): up to \(money(policy.fastPathAmount)), approved at once"]
                + RemedyKind.allCases.compactMap { kind in
                    let rule = policy.rule(for: kind)
                    guard rule.enabled else { return "\(kind.rawValue): not offered" }
                    var parts: [String] = []
                    if let evidence = rule.evidence { parts.append("\(evidence) over \(money(rule.evidenceOver ?? 0))") }
                    if let days = rule.windowDays { parts.append("within \(days) days") }
                    return parts.isEmpty ? nil : "\(kind.rawValue): " + parts.joined(separator: ", ")
                },
            yourLimit: money(policy.limit(for: agent.role)))
        return try await DeskView.render("escalations", body, request)
    }

    /// `POST /escalations/{id}/decision` from the page: the API's decision, then back to the list.
    @Sendable static func decide(_ request: Request) async throws -> Response {
        let form = try request.content.decode([String: String].self)
        _ = try await EscalationController.record(DecisionRequest(decision: form["decision"], reason: form["reason"]),
                                                  request)
        return request.redirect(to: "/escalations?done=decided")
    }

    @Sendable static func dashboard(_ request: Request) async throws -> Response {
        let now = Date()
        let since = now.addingTimeInterval(-8 * 7 * 86_400)
        let cases = try await Case.query(on: request.db).filter(\.$createdAt >= since).with(\.$categories).all()
        let facts = cases.map { record in
            CaseFacts(opened: record.createdAt,
                      categories: (record.$categories.value ?? []).compactMap { Category(rawValue: $0.category) },
                      peakAnger: record.peakAnger, firstResponseDue: record.firstResponseDue,
                      firstRespondedAt: record.firstRespondedAt, resolutionDue: record.resolutionDue,
                      resolvedAt: record.resolvedAt)
        }
        let weeks = Insights.weekly(facts, weeks: 8, now: now)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "d MMM"
        let labels = weeks.map { formatter.string(from: $0.start) }
        let onTime = Insights.onTime(facts, now: now)
        let scores = try await Survey.query(on: request.db).filter(\.$answeredAt >= since).all().compactMap(\.score)
        let satisfaction = Insights.satisfaction(scores)
        let promises = try await CommitmentRecords.keeping(now: now, on: request.db)
        let load = try await AgentRecords.routingCandidates(on: request.db)
        let names = Dictionary(uniqueKeysWithValues: try await Agent.query(on: request.db).all().map { ($0.id, $0.name) })
        func percent(_ value: Double?) -> String { value.map { "\(Int(($0 * 100).rounded()))%" } ?? "–" }

        let categories = Category.allCases
        let perCategory = categories.map { category in
            (name: category.rawValue.capitalized, values: weeks.map { $0.byCategory[category] ?? 0 })
        }
        let tiles = [
            DashboardPage.Tile(label: "Complaints, last 8 weeks", value: "\(facts.count)",
                               detail: "\(weeks.last?.cases ?? 0) this week"),
            DashboardPage.Tile(label: "Upset customers", value: percent(weeks.reduce(0) { $0 + $1.upset } == 0 ? nil
                : Double(weeks.reduce(0) { $0 + $1.upset }) / Double(max(facts.count, 1))), detail: "angry or hostile at some point"),
            DashboardPage.Tile(label: "First answers on time", value: percent(onTime.firstResponse),
                               detail: Insights.medianFirstResponseHours(facts).map { "median \(String(format: "%.1f", $0)) h" }),
            DashboardPage.Tile(label: "Resolved on time", value: percent(onTime.resolution), detail: "against the SLA target"),
            DashboardPage.Tile(label: "Promises kept", value: percent(promises.overall.rate),
                               detail: "\(promises.overall.kept) kept, \(promises.overall.broken) broken"),
            DashboardPage.Tile(label: "CSAT", value: satisfaction.average.map { String(format: "%.1f / 5", $0) } ?? "–",
                               detail: satisfaction.satisfied.map { "\(percent($0)) satisfied, \(scores.count) answers" }),
        ]
        let charts = [
            DashboardPage.Chart(
                title: "Complaints per category per week",
                svg: Charts.stackedColumns(title: "Complaints per category per week", labels: labels, series: perCategory),
                summary: zip(labels, weeks).map { "\($0.0): \($0.1.cases)" }.joined(separator: "; ")),
            DashboardPage.Chart(
                title: "Share of upset customers",
                svg: Charts.shareLine(title: "Share of upset customers per week", labels: labels,
                                      values: weeks.map(\.upsetShare)),
                summary: zip(labels, weeks).map { "\($0.0): \(percent($0.1.upsetShare))" }.joined(separator: "; ")),
            DashboardPage.Chart(
                title: "On time against target (90%)",
                svg: Charts.bars(title: "On time against a 90% target", rows: [
                    ("First answers", onTime.firstResponse ?? 0, percent(onTime.firstResponse)),
                    ("Resolutions", onTime.resolution ?? 0, percent(onTime.resolution)),
                    ("Promises kept", promises.overall.rate ?? 0, percent(promises.overall.rate)),
                ], maximum: 1, target: 0.9),
                summary: "first answers \(percent(onTime.firstResponse)), resolutions \(percent(onTime.resolution)), "
                    + "promises \(percent(promises.overall.rate))"),
            DashboardPage.Chart(
                title: "Agents' load (open cases)",
                svg: Charts.bars(title: "Open cases per agent",
                                 rows: load.sorted { $0.openCases > $1.openCases }.map {
                                     ((names[$0.id] ?? nil) ?? "?", Double($0.openCases), "\($0.openCases)")
                                 },
                                 maximum: Double(max(load.map(\.openCases).max() ?? 1, 1))),
                summary: load.map { "\((names[$0.id] ?? nil) ?? "?"): \($0.openCases)" }.joined(separator: "; ")),
        ]
        return try await DeskView.render(
            "dashboard", DashboardPage(title: "Dashboard", frame: try DeskController.frame(request, nav: "dashboard"),
                                       tiles: tiles, charts: charts), request)
    }
}
