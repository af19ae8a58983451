// Adds the coach's review of an agent's message, kept with the message as it was sent.
import Fluent

struct AddMessageCoachReview: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Message.schema).field("coach", .json).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Message.schema).deleteField("coach").update()
    }
}
