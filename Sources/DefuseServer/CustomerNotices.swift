// Messages the desk sends the customer on an agent's action: option links, escalation notices, the survey.
import DefuseCore
import DefuseStore
import Fluent
import Foundation

enum CustomerNotices {
    /// Stores `text` as an outbound message on the case, in the case's language.
    static func send(_ text: String, on record: Case, by actor: Actor, at date: Date, on db: any Database) async throws -> Message {
        try await CaseRecords.addMessage(
            to: record, direction: .outbound, text: text, channel: DefuseCore.Channel(rawValue: record.channel) ?? .web,
            language: record.language, analysis: nil, by: actor, at: date, on: db)
    }

    /// Resolving a case sends the customer a short survey in their language.
    static func sendSurvey(on record: Case, desk: Desk, base: String, at date: Date = Date(), on db: any Database) async throws {
        let survey = try await SurveyRecords.create(on: record, at: date, on: db)
        let url = CustomerLink.url(.survey, id: try survey.requireID(), expires: survey.expiresAt, desk: desk, base: base)
        _ = try await send(CustomerMessages.surveyLink(language: record.language, reference: record.reference, link: url),
                           on: record, by: .system, at: date, on: db)
    }
}
