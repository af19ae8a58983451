// Public complaint intake: anyone may complain; the rate limit keeps one address from flooding the desk.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum ComplaintController {
    @Sendable static func create(_ request: Request) async throws -> Response {
        if request.headers.bearerAuthorization != nil, !request.auth.has(SignedInAgent.self) {
            throw DefuseError.unauthenticated
        }
        if !request.auth.has(SignedInAgent.self) {
            let address = request.remoteAddress?.ipAddress ?? "unknown"
            if let wait = await request.intakeRateLimiter.admit(address) { throw DefuseError.rateLimited(retryAfter: wait) }
        }
        let complaint = try ComplaintIntake.validate(try JSON.decode(ComplaintRequest.self, from: request).submission)
        let record = try await open(complaint, request: request)
        let acknowledgement = try await CaseRecords.acknowledgement(of: record, on: request.db)
        return JSON.response(
            ComplaintReceipt(
                reference: record.reference, language: record.language, stage: record.stage,
                priority: record.priority, customerId: record.$customer.id,
                firstResponseDue: record.firstResponseDue, resolutionDue: record.resolutionDue,
                createdAt: record.createdAt, acknowledgement: acknowledgement),
            status: .created)
    }

    /// Reads the complaint, opens its case through the intake queue (with the acknowledgement in the customer's
    /// language and deadlines in business hours): shared by the API and the public form.
    static func open(_ complaint: ValidComplaint, request: Request) async throws -> Case {
        let analysis = Analyzer.shared.analyze(complaint.text)
        let desk = try await request.desk()
        return try await request.application.intakeQueue.open(
            CaseOpening(complaint: complaint, detectedLanguage: Triage.language(of: analysis),
                        defaultLanguage: desk.defaultLanguage, priority: Triage.priority(for: analysis),
                        analysis: analysis, targets: desk.policy.targets, calendar: desk.calendar,
                        organisation: desk.organisation))
    }
}
