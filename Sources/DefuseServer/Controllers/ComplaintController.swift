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
        let record = try await request.db.write { db in try await open(complaint, on: db) }
        return JSON.response(
            ComplaintReceipt(
                reference: record.reference, language: record.language, stage: record.stage,
                priority: record.priority, customerId: record.$customer.id,
                firstResponseDue: record.firstResponseDue, resolutionDue: record.resolutionDue,
                createdAt: record.createdAt),
            status: .created)
    }

    /// Opens the case for a checked complaint (the query half, callable without HTTP).
    static func open(_ complaint: ValidComplaint, at date: Date = Date(), on db: any Database) async throws -> Case {
        let analysis = Analyzer.shared.analyze(complaint.text)
        let organisation = try await OrganisationRecords.current(on: db)
        return try await CaseRecords.open(
            CaseOpening(complaint: complaint, detectedLanguage: Triage.language(of: analysis),
                        defaultLanguage: organisation.defaultLanguage, priority: Triage.priority(for: analysis),
                        analysis: analysis, openedAt: date),
            on: db)
    }
}
