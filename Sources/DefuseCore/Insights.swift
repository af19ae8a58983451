// What the manager's dashboard learns from the cases: complaints per category per week, the share of upset
// customers, answers and resolutions on time, satisfaction. Pure arithmetic over plain facts.
import DefuseAnalysis
import Foundation

/// One case as the dashboard counts it.
public struct CaseFacts: Sendable, Equatable {
    public var opened: Date
    public var categories: [Category]
    public var peakAnger: Int?
    public var firstResponseDue: Date
    public var firstRespondedAt: Date?
    public var resolutionDue: Date
    public var resolvedAt: Date?

    public init(opened: Date, categories: [Category], peakAnger: Int?, firstResponseDue: Date, firstRespondedAt: Date?,
                resolutionDue: Date, resolvedAt: Date?) {
        self.opened = opened
        self.categories = categories
        self.peakAnger = peakAnger
        self.firstResponseDue = firstResponseDue
        self.firstRespondedAt = firstRespondedAt
        self.resolutionDue = resolutionDue
        self.resolvedAt = resolvedAt
    }
}

public struct WeekCounts: Sendable, Equatable {
    /// Monday 00:00 UTC that starts the week.
    public var start: Date
    public var cases: Int
    public var byCategory: [Category: Int]
    /// Cases whose customer was angry or hostile at some point.
    public var upset: Int

    public var upsetShare: Double? { cases == 0 ? nil : Double(upset) / Double(cases) }
}

public enum Insights {
    /// The last `count` weeks up to `now`, oldest first, each with its counts.
    public static func weekly(_ cases: [CaseFacts], weeks count: Int, now: Date) -> [WeekCounts] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)?.start else { return [] }
        var weeks = (0..<count).reversed().compactMap { back in
            calendar.date(byAdding: .weekOfYear, value: -back, to: thisWeek)
        }.map { WeekCounts(start: $0, cases: 0, byCategory: [:], upset: 0) }
        for facts in cases {
            guard let index = weeks.lastIndex(where: { $0.start <= facts.opened }),
                  facts.opened < weeks[index].start.addingTimeInterval(7 * 86_400) else { continue }
            weeks[index].cases += 1
            for category in facts.categories { weeks[index].byCategory[category, default: 0] += 1 }
            if (facts.peakAnger ?? 0) >= 2 { weeks[index].upset += 1 }
        }
        return weeks
    }

    /// Of the cases whose deadline has passed or that met it, the share that met it: first answers and resolutions.
    public static func onTime(_ cases: [CaseFacts], now: Date) -> (firstResponse: Double?, resolution: Double?) {
        func share(_ outcomes: [Bool]) -> Double? {
            outcomes.isEmpty ? nil : Double(outcomes.filter { $0 }.count) / Double(outcomes.count)
        }
        let answers = cases.compactMap { facts -> Bool? in
            if let answered = facts.firstRespondedAt { return answered <= facts.firstResponseDue }
            return now > facts.firstResponseDue ? false : nil
        }
        let resolutions = cases.compactMap { facts -> Bool? in
            if let resolved = facts.resolvedAt { return resolved <= facts.resolutionDue }
            return now > facts.resolutionDue ? false : nil
        }
        return (share(answers), share(resolutions))
    }

    /// Median hours from opening to the first answer, for the cases answered.
    public static func medianFirstResponseHours(_ cases: [CaseFacts]) -> Double? {
        let hours = cases.compactMap { facts in facts.firstRespondedAt.map { $0.timeIntervalSince(facts.opened) / 3600 } }
            .sorted()
        guard !hours.isEmpty else { return nil }
        return hours.count % 2 == 1 ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
    }

    /// Customer satisfaction from survey scores 1-5: the average and the share who answered 4 or 5.
    public static func satisfaction(_ scores: [Int]) -> (average: Double?, satisfied: Double?) {
        let valid = scores.filter { (1...5).contains($0) }
        guard !valid.isEmpty else { return (nil, nil) }
        return (Double(valid.reduce(0, +)) / Double(valid.count),
                Double(valid.filter { $0 >= 4 }.count) / Double(valid.count))
    }
}
