// UUID version 7 identifiers: creation time in the leading bits, so ordering by id is ordering by creation.
import Foundation
import Synchronization

public enum TimeOrderedID {
    /// What has been handed out: the present millisecond and the sequence within it (RFC 9562, method 1: a counter in
    /// the 12 `rand_a` bits), and for each moment ids were asked for, the last (millisecond, counter) it got.
    private struct Issued {
        var present: UInt64 = 0
        var counter: UInt16 = 0
        var byMoment: [UInt64: (milliseconds: UInt64, counter: UInt16)] = [:]
        var pruneAt = 4_096
    }
    private static let issued = Mutex(Issued())

    /// A version 7 UUID for the given moment (48-bit Unix milliseconds, version, 12-bit sequence, variant, random).
    /// Lists page by id with an exact comparison, which timestamps rounded by a database driver can't promise.
    ///
    /// Ids asked for one moment sort in the order they were asked for, however the present moves between the asks: a
    /// request stamps all its events with the moment it started, and other requests (or the database round trip
    /// between two events) move the present on meanwhile.
    public static func make(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let moment = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let (milliseconds, counter): (UInt64, UInt16) = issued.withLock { state in
            let next: (UInt64, UInt16)
            if moment + 10 >= state.present {
                // The present, or a step back of a few milliseconds (the clock adjusted, or the sequence borrowed
                // ahead): carry on counting so the order of making is kept.
                if moment > state.present {
                    // Start low in a fresh millisecond, leaving room to count up.
                    state.present = moment
                    state.counter = UInt16(generator.next(upperBound: UInt32(0x0800)))
                } else if state.counter >= 0x0FFF {
                    // 4,096 ids in one millisecond: borrow the next one rather than lose the order.
                    state.present += 1
                    state.counter = 0
                } else {
                    state.counter += 1
                }
                next = (state.present, state.counter)
            } else if let last = state.byMoment[moment] {
                // A moment the present has passed, asked for again: after the last id it got.
                next = (last.milliseconds, min(last.counter + 1, 0x0FFF))
            } else {
                // A moment in the past seen for the first time (imported or demo data): its own millisecond.
                next = (moment, UInt16(generator.next(upperBound: UInt32(0x0800))))
            }
            state.byMoment[moment] = next
            if state.byMoment.count > state.pruneAt {
                let present = state.present
                state.byMoment = state.byMoment.filter { present - min($0.key, present) < 60_000 }
                state.pruneAt = max(4_096, state.byMoment.count * 2)
            }
            return next
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        bytes[6] = 0x70 | UInt8(counter >> 8)  // version 7
        bytes[7] = UInt8(truncatingIfNeeded: counter)
        let random = generator.next() as UInt64
        for index in 8..<16 {
            bytes[index] = UInt8(truncatingIfNeeded: random >> (8 * UInt64(index - 8)))
        }
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (
            bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
            bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
        ))
    }

    /// The creation moment encoded in a version 7 UUID, to the millisecond.
    public static func date(of id: UUID) -> Date {
        let bytes = id.uuid
        let parts = [bytes.0, bytes.1, bytes.2, bytes.3, bytes.4, bytes.5]
        let milliseconds = parts.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
