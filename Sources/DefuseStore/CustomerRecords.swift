// Finding, creating and reading customers.
import DefuseCore
import Fluent
import Foundation

public enum CustomerRecords {
    /// For each complaint, the customer with its email, else its phone; created if neither matches (complaints from
    /// the same new person in one batch share one new customer). Details we did not have yet (a phone number, a
    /// language) are filled in from the complaint; what we had is kept. Two lookups and one insert for the batch.
    public static func findOrCreate(for complaints: [ValidComplaint], on db: any Database) async throws -> [Customer] {
        let emails = Set(complaints.compactMap(\.customerEmail))
        let phones = Set(complaints.compactMap(\.customerPhone))
        var byEmail: [String: Customer] = [:]
        var byPhone: [String: Customer] = [:]
        if !emails.isEmpty {
            for customer in try await Customer.query(on: db).filter(\.$email ~~ Array(emails)).all() {
                if let email = customer.email { byEmail[email] = customer }
            }
        }
        if !phones.isEmpty {
            for customer in try await Customer.query(on: db).filter(\.$phone ~~ Array(phones)).sort(\.$createdAt, .descending).all() {
                if let phone = customer.phone { byPhone[phone] = customer }  // the oldest wins: it comes last
            }
        }
        var result: [Customer] = []
        var created: [Customer] = []
        var changed: [ObjectIdentifier: Customer] = [:]
        for complaint in complaints {
            let known = complaint.customerEmail.flatMap { byEmail[$0] } ?? complaint.customerPhone.flatMap { byPhone[$0] }
            if let customer = known {
                if fillIn(customer, from: complaint), customer.id != nil, !created.contains(where: { $0 === customer }) {
                    changed[ObjectIdentifier(customer)] = customer
                }
                if let email = complaint.customerEmail, byEmail[email] == nil { byEmail[email] = customer }
                if let phone = complaint.customerPhone, byPhone[phone] == nil { byPhone[phone] = customer }
                result.append(customer)
                continue
            }
            let customer = Customer(
                name: complaint.customerName, preferredName: complaint.customerPreferredName,
                email: complaint.customerEmail, phone: complaint.customerPhone,
                language: complaint.customerLanguage?.rawValue)
            customer.id = UUID()
            customer.createdAt = Date()
            customer.updatedAt = customer.createdAt
            if let email = complaint.customerEmail { byEmail[email] = customer }
            if let phone = complaint.customerPhone { byPhone[phone] = customer }
            created.append(customer)
            result.append(customer)
        }
        try await BulkInsert.insert(into: Customer.schema, columns: Customer.insertColumns,
                                    rows: created.map(\.insertRow), on: db)
        for customer in created { customer.$id.exists = true }
        for customer in changed.values { try await customer.update(on: db) }
        return result
    }

    /// Fills what the customer record lacks from a complaint; says whether anything changed.
    private static func fillIn(_ customer: Customer, from complaint: ValidComplaint) -> Bool {
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
        return changed
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
