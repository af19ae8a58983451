// Customers for signed-in agents: one with their case history, or a lookup by email or phone.
import DefuseCore
import DefuseStore
import Fluent
import Vapor

enum CustomerController {
    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)) else {
            throw DefuseError.notFound("customer \(request.parameters.get("id") ?? "")", field: "id")
        }
        let customer = try await CustomerRecords.require(id, on: request.db)
        let cases = try await CustomerRecords.cases(of: id, on: request.db)
        return JSON.response(CustomerDetail(customer: CustomerBody(customer),
                                            cases: cases.map { CaseSummary($0, includeCustomer: false) }))
    }

    @Sendable static func search(_ request: Request) async throws -> Response {
        let email = try request.query.get(String?.self, at: "email").map { value throws(DefuseError) in
            try Contact.email(value, field: "email")
        }
        let phone = try request.query.get(String?.self, at: "phone").map { value throws(DefuseError) in
            try Contact.phone(value, field: "phone")
        }
        guard email != nil || phone != nil else {
            throw DefuseError.invalidField("email", "or phone is required to look a customer up")
        }
        let customer = try await CustomerRecords.find(email: email, phone: phone, on: request.db)
        return JSON.response(CustomerList(customers: customer.map { [CustomerBody($0)] } ?? []))
    }
}
