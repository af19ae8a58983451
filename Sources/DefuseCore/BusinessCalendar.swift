// Business hours: when the desk is open, in its own time zone, minus holidays; SLA time is counted only then.
import Foundation

/// The opening hours of one day of the week, as minutes after local midnight (`open` < `close`).
public struct OpeningHours: Sendable, Equatable, Codable {
    public var open: Int
    public var close: Int

    public init(open: Int, close: Int) {
        self.open = open
        self.close = close
    }

    /// Parses "09:00-17:30"; nil when the text is not two times in order.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let open = Self.minutes(parts[0]), let close = Self.minutes(parts[1]), open < close
        else { return nil }
        self.init(open: open, close: close)
    }

    public var text: String { "\(Self.clock(open))-\(Self.clock(close))" }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60
        else { return nil }
        return hours * 60 + minutes
    }

    static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

public struct BusinessCalendar: Sendable, Equatable {
    public var timeZone: TimeZone
    /// Opening hours by weekday, 1 = Sunday ... 7 = Saturday (as `Calendar` numbers them); a missing day is closed.
    public var week: [Int: OpeningHours]
    /// Local dates ("2026-12-25") on which the desk is closed all day.
    public var holidays: Set<String>

    public init(timeZone: TimeZone, week: [Int: OpeningHours], holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.week = week
        self.holidays = holidays
    }

    /// Monday to Friday, 09:00-17:00.
    public static func weekdays(in timeZone: TimeZone, holidays: Set<String> = []) -> BusinessCalendar {
        let hours = OpeningHours(open: 9 * 60, close: 17 * 60)
        return BusinessCalendar(timeZone: timeZone, week: [2: hours, 3: hours, 4: hours, 5: hours, 6: hours],
                                holidays: holidays)
    }

    /// Open all day, every day: SLA time equals wall-clock time.
    public static func always(in timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> BusinessCalendar {
        let hours = OpeningHours(open: 0, close: 24 * 60)
        return BusinessCalendar(timeZone: timeZone, week: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, hours) }))
    }

    var isEverOpen: Bool { !week.isEmpty }

    /// The moment `seconds` of business time after `start`. With no opening hours at all, wall-clock time.
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date {
        guard isEverOpen, seconds > 0 else { return start.addingTimeInterval(max(seconds, 0)) }
        var left = seconds
        var cursor = start
        // A year of days is more than any target needs; holidays cannot close a desk for longer.
        for _ in 0..<800 {
            guard let window = openWindow(atOrAfter: cursor) else { break }
            let from = max(cursor, window.start)
            let available = window.end.timeIntervalSince(from)
            if left <= available { return from.addingTimeInterval(left) }
            left -= available
            cursor = window.end
        }
        return cursor.addingTimeInterval(left)
    }

    /// Business seconds between two moments (0 when `end` is not after `start`).
    public func businessSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        guard isEverOpen else { return end.timeIntervalSince(start) }
        var total: TimeInterval = 0
        var cursor = start
        while cursor < end, let window = openWindow(atOrAfter: cursor), window.start < end {
            total += min(window.end, end).timeIntervalSince(max(cursor, window.start))
            cursor = window.end
        }
        return total
    }

    /// Whether the desk is open at `date`.
    public func isOpen(at date: Date) -> Bool {
        guard let window = openWindow(atOrAfter: date) else { return false }
        return window.start <= date
    }

    /// The open period containing `date`, or the next one after it.
    func openWindow(atOrAfter date: Date) -> (start: Date, end: Date)? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var day = calendar.startOfDay(for: date)
        for _ in 0..<400 {
            if let hours = week[calendar.component(.weekday, from: day)], !holidays.contains(localDate(day, calendar)),
               let start = at(hours.open, on: day, calendar), let end = at(hours.close, on: day, calendar), end > date {
                return (start, end)
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    /// Local wall-clock time `minutes` after midnight on `day`, right across daylight-saving changes.
    func at(_ minutes: Int, on day: Date, _ calendar: Calendar) -> Date? {
        if minutes >= 24 * 60 { return calendar.date(byAdding: .day, value: 1, to: day) }
        return calendar.date(bySettingHour: minutes / 60, minute: minutes % 60, second: 0, of: day)
    }

    func localDate(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
