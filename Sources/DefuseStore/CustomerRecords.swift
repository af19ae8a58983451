// Finding, creating and reading customers.
import DefuseCore
import Fluent
import Foundation

public enum CustomerRecords {
    /// The customer with this email, else this phone; created if neither matches. Details we did not have yet
    /// (a phone number, a language) are filled in from the new complaint; what we had is kept.
    public static func findOrCreate(for complaint: ValidComplaint, on db: any Database) async throws -> Customer {
        if let customer = try await find(email: complaint.customerEmail, phone: complaint.customerPhone, on: db) {
            var changed = false
            if customer.email == nil, let email = complaint.customerEmail { customer.email = email; changed = true }
            if customer.phone == nil, let phone = complaint.customerPhone { customer.phone = phone; changed = true }
            if customer.language == nil, let language = complaint.customerLanguage {
                customer.language = language.rawValue
                changed = true
            }
            if customer.preferredName == nil, let preferred = complaint.customerPreferredName {
                customer.preferredName = preferred
                changed = true
            }
            if changed { try await customer.update(on: db) }
            return customer
        }
        let customer = Customer(
            name: complaint.customerName, preferredName: complaint.customerPreferredName,
            email: complaint.customerEmail, phone: complaint.customerPhone,
            language: complaint.customerLanguage?.rawValue)
        try await customer.create(on: db)
        return customer
    }

    public static func find(email: String?, phone: String?, on db: any Database) async throws -> Customer? {
        if let email, let customer = try await Customer.query(on: db).filter(\.$email == email).first() {
            return customer
        }
        if let phone {
            return try await Customer.query(on: db).filter(\.$phone == phone).sort(\.$createdAt).first()
        }
        return nil
    }

    public static func require(_ id: UUID, on db: any Database) async throws -> Customer {
        guard let customer = try await Customer.find(id, on: db) else {
            throw DefuseError.notFound("customer \(id)", field: "id")
        }
        return customer
    }

    /// A customer's cases, newest first.
    public static func cases(of customerID: UUID, on db: any Database) async throws -> [Case] {
        try await Case.query(on: db)
            .filter(\.$customer.$id == customerID)
            .with(\.$categories)
            .with(\.$assignee)
            .sort(\.$id, .descending)
            .all()
    }
}
