// The business's policy: which remedies it offers, each role's authority, evidence and windows, the fast path,
// business hours and service targets. An admin edits it through the API; a file may seed it at start-up.
import Foundation

/// The ways a complaint can be put right (the Greek seed's store credit, exchange, discount, complimentary service).
public enum RemedyKind: String, CaseIterable, Codable, Sendable {
    case refund, replacement, repair
    case storeCredit = "store_credit"
    case discount
    case complimentaryService = "complimentary_service"
    case loyaltyPoints = "loyalty_points"
    case goodwillExtra = "goodwill_extra"

    /// Kinds that are money and so need an amount.
    public var needsAmount: Bool { [.refund, .storeCredit, .discount, .goodwillExtra].contains(self) }
}

public struct RemedyRule: Codable, Sendable, Equatable {
    public var enabled: Bool
    /// What proof is needed (e.g. "receipt") for amounts over `evidenceOver`.
    public var evidence: String?
    public var evidenceOver: Decimal?
    /// Only within this many days of the purchase.
    public var windowDays: Int?

    public init(enabled: Bool = true, evidence: String? = nil, evidenceOver: Decimal? = nil, windowDays: Int? = nil) {
        self.enabled = enabled
        self.evidence = evidence
        self.evidenceOver = evidenceOver
        self.windowDays = windowDays
    }

    enum CodingKeys: String, CodingKey {
        case enabled, evidence
        case evidenceOver = "evidence_over"
        case windowDays = "window_days"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        evidence = try container.decodeIfPresent(String.self, forKey: .evidence)
        evidenceOver = try container.decodeIfPresent(Decimal.self, forKey: .evidenceOver)
        windowDays = try container.decodeIfPresent(Int.self, forKey: .windowDays)
    }
}

public struct Policy: Codable, Sendable, Equatable {
    /// ISO 4217 code every amount is in.
    public var currency: String
    /// The most each role may grant on one case, in `currency`.
    public var limits: [String: Decimal]
    /// Where the fault is ours, a remedy up to this amount is approved at once: no evidence, no window, no questions.
    public var fastPathAmount: Decimal
    public var remedies: [String: RemedyRule]
    /// Loyalty points worth one unit of currency, to weigh points against authority.
    public var pointsPerUnit: Int
    /// "mon": "09:00-17:00"; a day left out is closed.
    public var businessHours: [String: String]
    /// Local dates the desk is closed, "2026-12-25".
    public var holidays: [String]
    /// Hours of business time to the first answer and to resolution, per priority.
    public var firstResponseHours: [String: Double]
    public var resolutionHours: [String: Double]

    enum CodingKeys: String, CodingKey {
        case currency, limits, remedies, holidays
        case fastPathAmount = "fast_path_amount"
        case pointsPerUnit = "points_per_unit"
        case businessHours = "business_hours"
        case firstResponseHours = "first_response_hours"
        case resolutionHours = "resolution_hours"
    }

    public static let standard = Policy(
        currency: "EUR",
        limits: ["agent": 50, "manager": 500, "admin": 5000],
        fastPathAmount: 20,
        remedies: [
            "refund": RemedyRule(evidence: "receipt", evidenceOver: 30, windowDays: 30),
            "replacement": RemedyRule(windowDays: 30),
            "repair": RemedyRule(windowDays: 365),
            "store_credit": RemedyRule(),
            "discount": RemedyRule(),
            "complimentary_service": RemedyRule(),
            "loyalty_points": RemedyRule(),
            "goodwill_extra": RemedyRule(),
        ],
        pointsPerUnit: 10,
        businessHours: ["mon": "09:00-17:00", "tue": "09:00-17:00", "wed": "09:00-17:00", "thu": "09:00-17:00",
                        "fri": "09:00-17:00"],
        holidays: [],
        firstResponseHours: ["urgent": 1, "high": 4, "normal": 8, "low": 24],
        resolutionHours: ["urgent": 8, "high": 24, "normal": 40, "low": 80]
    )

    static let weekdays = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]

    /// Checks every part and names the first field that is wrong.
    public func validate() throws(DefuseError) {
        guard currency.count == 3, currency == currency.uppercased(),
              Locale.commonISOCurrencyCodes.contains(currency)
        else { throw .invalidField("currency", "must be an ISO 4217 code such as EUR, USD, TRY") }
        for role in Role.allCases {
            guard let limit = limits[role.rawValue] else { throw .invalidField("limits.\(role.rawValue)", "is required") }
            guard limit >= 0 else { throw .invalidField("limits.\(role.rawValue)", "must not be negative") }
        }
        for key in limits.keys where Role(rawValue: key) == nil {
            throw .invalidField("limits.\(key)", "is not a role (agent, manager, admin)")
        }
        guard limits["agent"]! <= limits["manager"]!, limits["manager"]! <= limits["admin"]! else {
            throw .invalidField("limits", "must not fall from agent to manager to admin")
        }
        guard fastPathAmount >= 0 else { throw .invalidField("fast_path_amount", "must not be negative") }
        guard fastPathAmount <= limits["agent"]! else {
            throw .invalidField("fast_path_amount", "must not be above the agent's limit")
        }
        for (kind, rule) in remedies {
            guard RemedyKind(rawValue: kind) != nil else {
                throw .invalidField("remedies.\(kind)", "is not a remedy kind (\(RemedyKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if let over = rule.evidenceOver, over < 0 { throw .invalidField("remedies.\(kind).evidence_over", "must not be negative") }
            if let days = rule.windowDays, days <= 0 { throw .invalidField("remedies.\(kind).window_days", "must be positive") }
        }
        guard pointsPerUnit > 0 else { throw .invalidField("points_per_unit", "must be positive") }
        for (day, hours) in businessHours {
            guard Self.weekdays[day] != nil else { throw .invalidField("business_hours.\(day)", "is not a day (mon ... sun)") }
            guard OpeningHours(hours) != nil else { throw .invalidField("business_hours.\(day)", "must look like 09:00-17:00") }
        }
        for (index, day) in holidays.enumerated() where Self.date(day) == nil {
            throw .invalidField("holidays[\(index)]", "must be a date like 2026-12-25")
        }
        for (name, table) in [("first_response_hours", firstResponseHours), ("resolution_hours", resolutionHours)] {
            for priority in Priority.allCases {
                guard let hours = table[priority.rawValue] else { throw .invalidField("\(name).\(priority.rawValue)", "is required") }
                guard hours > 0 else { throw .invalidField("\(name).\(priority.rawValue)", "must be positive") }
            }
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return date
    }

    public func limit(for role: Role) -> Decimal { limits[role.rawValue] ?? 0 }

    public func rule(for kind: RemedyKind) -> RemedyRule { remedies[kind.rawValue] ?? RemedyRule(enabled: false) }

    /// The desk's opening hours in `timeZone`.
    public func calendar(in timeZone: TimeZone) -> BusinessCalendar {
        var week: [Int: OpeningHours] = [:]
        for (day, text) in businessHours {
            if let number = Self.weekdays[day], let hours = OpeningHours(text) { week[number] = hours }
        }
        return BusinessCalendar(timeZone: timeZone, week: week, holidays: Set(holidays))
    }

    public var targets: ServiceTargets {
        ServiceTargets(
            firstResponse: Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0, (firstResponseHours[$0.rawValue] ?? 8) * 3600) }),
            resolution: Dictionary(uniqueKeysWithValues: Priority.allCases.map { ($0, (resolutionHours[$0.rawValue] ?? 40) * 3600) }))
    }
}

/// One way of putting it right, as an agent proposes it.
public struct RemedyOption: Sendable, Equatable, Codable {
    public var kind: RemedyKind
    /// In the policy's currency; nil for a remedy that is not money (a repair, a replacement in kind).
    public var amount: Decimal?
    public var points: Int?
    /// What exactly, in the agent's words ("a new kettle, same model, delivered tomorrow").
    public var detail: String?

    public init(kind: RemedyKind, amount: Decimal? = nil, points: Int? = nil, detail: String? = nil) {
        self.kind = kind
        self.amount = amount
        self.points = points
        self.detail = detail
    }

    /// What the option is worth against authority, in the policy's currency.
    public func value(under policy: Policy) -> Decimal {
        if kind == .loyaltyPoints { return Decimal(points ?? 0) / Decimal(policy.pointsPerUnit) }
        return amount ?? 0
    }
}

/// What is known about the case when a remedy is weighed.
public struct RemedyContext: Sendable, Equatable {
    public var role: Role
    public var fault: Fault
    /// Already granted or offered on this case, in the policy's currency (authority is per case).
    public var alreadyGranted: Decimal
    public var daysSincePurchase: Int?
    /// Kinds of proof the customer has given ("receipt").
    public var evidence: Set<String>

    public init(role: Role, fault: Fault, alreadyGranted: Decimal = 0, daysSincePurchase: Int? = nil,
                evidence: Set<String> = []) {
        self.role = role
        self.fault = fault
        self.alreadyGranted = alreadyGranted
        self.daysSincePurchase = daysSincePurchase
        self.evidence = evidence
    }
}

/// One reason an option cannot simply be granted.
public struct RemedyProblem: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The policy does not offer this kind of remedy.
        case notOffered = "not_offered"
        /// Above the role's limit per case.
        case overLimit = "over_limit"
        /// Proof the policy asks for is missing.
        case evidenceMissing = "evidence_missing"
        /// Outside the policy's window since purchase.
        case outsideWindow = "outside_window"
    }

    public var kind: Kind
    public var text: String

    /// Problems a manager may set aside by approving (they judge evidence and windows); the others need an override.
    public var needsOverride: Bool { kind == .notOffered || kind == .overLimit }
}

/// Whether an agent may offer an option, or must ask someone with more authority.
public enum RemedyVerdict: Sendable, Equatable {
    /// Within authority and policy. `fastPath`: the fault is ours and it is small, so it was approved at once.
    case offer(fastPath: Bool)
    /// Beyond the agent's authority or the policy's rules: goes to a manager, with the reasons.
    case escalate([String])
}

public enum Authority {
    /// Weighs one option: the fast path first (our fault, small), then the policy's rules and the role's limit.
    public static func weigh(_ option: RemedyOption, _ context: RemedyContext, under policy: Policy) -> RemedyVerdict {
        let value = option.value(under: policy)
        let rule = policy.rule(for: option.kind)
        let total = context.alreadyGranted + value
        if rule.enabled, context.fault == .ours, value <= policy.fastPathAmount, total <= policy.limit(for: context.role) {
            return .offer(fastPath: true)
        }
        let reasons = problems(option, context, under: policy)
        return reasons.isEmpty ? .offer(fastPath: false) : .escalate(reasons.map(\.text))
    }

    /// Every reason the option cannot be granted by `context.role` as the policy stands.
    public static func problems(
        _ option: RemedyOption, _ context: RemedyContext, under policy: Policy
    ) -> [RemedyProblem] {
        let value = option.value(under: policy)
        let rule = policy.rule(for: option.kind)
        var reasons: [RemedyProblem] = []
        if !rule.enabled { reasons.append(RemedyProblem(kind: .notOffered, text: "the policy does not offer \(option.kind.rawValue)")) }
        let limit = policy.limit(for: context.role)
        if context.alreadyGranted + value > limit {
            let already = context.alreadyGranted > 0 ? " (with \(money(context.alreadyGranted, policy)) already on this case)" : ""
            reasons.append(RemedyProblem(kind: .overLimit, text: "\(money(value, policy))\(already) is above the "
                + "\(context.role.rawValue) limit of \(money(limit, policy)) per case"))
        }
        if let evidence = rule.evidence, value > (rule.evidenceOver ?? 0), !context.evidence.contains(evidence) {
            reasons.append(RemedyProblem(kind: .evidenceMissing, text: "a \(evidence) is needed for "
                + "\(option.kind.rawValue) over \(money(rule.evidenceOver ?? 0, policy))"))
        }
        if let window = rule.windowDays, let days = context.daysSincePurchase, days > window {
            reasons.append(RemedyProblem(kind: .outsideWindow, text: "the purchase was \(days) days ago; "
                + "\(option.kind.rawValue) is within \(window) days"))
        }
        return reasons
    }

    static func money(_ amount: Decimal, _ policy: Policy) -> String {
        "\(policy.currency) \(NSDecimalNumber(decimal: amount).stringValue)"
    }
}
