// The fixed vocabularies of a case: channels, stages, priorities, fault, roles and message directions.

/// How a complaint or message reached us.
public enum Channel: String, CaseIterable, Codable, Sendable {
    case web, email, phone, chat, inPerson = "in_person", api
}

/// Where a case stands in the playbook (see DESIGN.md; the transitions come with the playbook).
public enum Stage: String, CaseIterable, Codable, Sendable {
    case new, acknowledged, clarifying, owning, agreeing
    case awaitingApproval = "awaiting_approval"
    case inProgress = "in_progress"
    case resolved, closed, reopened

    /// Stages in which the case still needs work from us.
    public var isOpen: Bool { self != .resolved && self != .closed }
}

public enum Priority: String, CaseIterable, Codable, Sendable {
    case low, normal, high, urgent
}

/// Whose fault the problem is, as far as we know.
public enum Fault: String, CaseIterable, Codable, Sendable {
    case unknown, ours, customer
    case thirdParty = "third_party"
}

/// What an agent may do. Each role includes the ones below it.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    case agent, manager, admin

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

public enum MessageDirection: String, CaseIterable, Codable, Sendable {
    /// From the customer.
    case inbound
    /// From us to the customer.
    case outbound
    /// Internal, never shown to the customer.
    case note
}

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// Parses a field's value, or fails naming the field and the values it accepts.
    public static func parse(_ value: String, field: String) throws(DefuseError) -> Self {
        guard let parsed = Self(rawValue: value) else {
            let allowed = allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidField(field, "must be one of: \(allowed)")
        }
        return parsed
    }
}
