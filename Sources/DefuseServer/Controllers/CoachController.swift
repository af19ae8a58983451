// The reply coach for signed-in agents: review a draft, and the phrase library in each language.
import DefuseAnalysis
import DefuseCore
import DefuseStore
import Vapor

enum CoachController {
    /// Reviews a draft; with a case, against the customer's latest message on it.
    @Sendable static func review(_ request: Request) async throws -> Response {
        let agent = try request.agent()
        let body = try JSON.decode(CoachRequest.self, from: request)
        let text = try Field.requiredText(body.text, field: "text", limit: Limits.messageCharacters)
        guard let reference = body.case else { return JSON.response(Coach.shared.review(text)) }
        do {
            return JSON.response(try await CaseController.reviewReply(
                text, reference: reference, role: agent.role, policy: try await request.desk().policy, on: request.db))
        } catch DefuseError.notFound(let what, _) {
            throw DefuseError.notFound(what, field: "case")
        }
    }

    /// `GET /api/v1/phrases?language=el`: ready lines for the composer.
    @Sendable static func phrases(_ request: Request) async throws -> Response {
        let code = (try? request.query.get(String.self, at: "language")) ?? "en"
        let language = try DefuseAnalysis.Language.parse(code, field: "language")
        let library = Coach.shared.phrases(language.rawValue)
        return JSON.response(PhraseLibrary(
            language: language.rawValue,
            phrases: Dictionary(uniqueKeysWithValues: library.map { ($0.key.rawValue, $0.value) })))
    }
}
