// Promises made to customers: when one may be made, when it is overdue, and how often they are kept.
import Foundation

public enum CommitmentState: String, CaseIterable, Codable, Sendable {
    case open, overdue, done
}

/// A promise as the rate counts it: when it was due and when (if ever) it was done.
public struct PromiseRecord: Sendable, Equatable {
    public var due: Date
    public var doneAt: Date?

    public init(due: Date, doneAt: Date?) {
        self.due = due
        self.doneAt = doneAt
    }
}

public struct PromiseKeeping: Sendable, Equatable, Codable {
    /// Done on or before the due time.
    public var kept: Int
    /// Done late, or still open after the due time.
    public var broken: Int
    /// Open and not yet due: neither kept nor broken.
    public var pending: Int
    /// kept / (kept + broken); nil until a promise has come due.
    public var rate: Double?
}

public enum Promises {
    /// A promise needs words and a due time still ahead of us.
    public static func validate(what: String, due: Date, now: Date) throws(DefuseError) {
        guard !what.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalidField("what", "must say what was promised")
        }
        guard due > now else { throw .invalidField("due", "is in the past; a promise must be due later than now") }
    }

    public static func state(due: Date, doneAt: Date?, now: Date) -> CommitmentState {
        if doneAt != nil { return .done }
        return now > due ? .overdue : .open
    }

    public static func keeping(_ records: [PromiseRecord], now: Date) -> PromiseKeeping {
        var kept = 0, broken = 0, pending = 0
        for record in records {
            if let done = record.doneAt {
                if done <= record.due { kept += 1 } else { broken += 1 }
            } else if now > record.due {
                broken += 1
            } else {
                pending += 1
            }
        }
        let due = kept + broken
        return PromiseKeeping(kept: kept, broken: broken, pending: pending,
                              rate: due == 0 ? nil : Double(kept) / Double(due))
    }
}
