// The shared vocabulary of findings about a customer's message (see DESIGN.md, "Labels").

/// The languages Defuse reads and answers in, as ISO 639-1 codes.
public enum Language: String, CaseIterable, Codable, Sendable {
    case el, es, tr, ru, tl, en

    /// The position in `allCases`, without building the array (the analyzer asks for it on every message).
    var index: Int {
        switch self {
        case .el: 0
        case .es: 1
        case .tr: 2
        case .ru: 3
        case .tl: 4
        case .en: 5
        }
    }
}

/// What a complaint is about.
public enum Category: String, CaseIterable, Codable, Sendable, Comparable {
    case availability, cleanliness, staff, pricing, waiting, quality

    public static func < (lhs: Category, rhs: Category) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a customer asks for, said outright or implied.
public enum Demand: String, CaseIterable, Codable, Sendable {
    case refund, replacement, compensation, apology, manager, cancel
}

/// How upset a customer is: 0 calm, 1 frustrated, 2 angry, 3 hostile.
public enum AngerLevel: Int, CaseIterable, Codable, Sendable, Comparable {
    case calm = 0, frustrated = 1, angry = 2, hostile = 3

    public static func < (lhs: AngerLevel, rhs: AngerLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}
