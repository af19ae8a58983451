// Creates offers (options put to a customer), their options, and escalations of options beyond authority.
import Fluent

struct CreateOffers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Offer.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("created_by", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("state", .string, .required)
            .field("chosen_option_id", .uuid)
            .field("rejection_reason", .string)
            .field("link_expires_at", .datetime)
            .field("answered_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("offers_case_id", on: Offer.schema, columns: ["case_id"])
        try await database.schema(OfferOption.schema)
            .id()
            .field("offer_id", .uuid, .required, .references(Offer.schema, "id", onDelete: .cascade))
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("amount", .string)
            .field("currency", .string, .required)
            .field("points", .int)
            .field("detail", .string)
            .field("status", .string, .required)
            .field("fast_path", .bool, .required)
            .create()
        try await database.createIndex("offer_options_offer_id", on: OfferOption.schema, columns: ["offer_id", "position"])
        try await database.createIndex("offer_options_case_id", on: OfferOption.schema, columns: ["case_id"])
        try await database.schema(Escalation.schema)
            .id()
            .field("case_id", .uuid, .required, .references(Case.schema, "id", onDelete: .cascade))
            .field("option_id", .uuid, .required, .references(OfferOption.schema, "id", onDelete: .cascade))
            .field("requested_by", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("reasons", .string, .required)
            .field("state", .string, .required)
            .field("decided_by", .uuid, .references(Agent.schema, "id", onDelete: .setNull))
            .field("decision_reason", .string)
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("escalations_state", on: Escalation.schema, columns: ["state", "created_at"])
        try await database.createIndex("escalations_case_id", on: Escalation.schema, columns: ["case_id"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Escalation.schema).delete()
        try await database.schema(OfferOption.schema).delete()
        try await database.schema(Offer.schema).delete()
    }
}
