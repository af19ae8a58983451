// UUID version 7 identifiers: creation time in the leading bits, so ordering by id is ordering by creation.
import Foundation
import Synchronization

public enum TimeOrderedID {
    /// The last millisecond handed out and the sequence within it, so ids made in the same millisecond by this
    /// process still sort in the order they were made (RFC 9562, method 1: a counter in the 12 `rand_a` bits).
    private static let sequence = Mutex<(milliseconds: UInt64, counter: UInt16)>((0, 0))
    /// The same for moments in the recent past ids are asked for (a request stamps its events with the moment it
    /// started, while other requests move the present on): one counter per millisecond, so the events of one change
    /// still sort in the order they were made however requests interleave. Pruned as it grows.
    private static let past = Mutex<[UInt64: UInt16]>([:])

    /// A version 7 UUID for the given moment (48-bit Unix milliseconds, version, 12-bit sequence, variant, random).
    /// Lists page by id with an exact comparison, which timestamps rounded by a database driver can't promise.
    public static func make(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        var milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        let counter: UInt16 = sequence.withLock { state in
            // The same millisecond, or a step back of a few (the clock adjusted, or the sequence borrowed ahead):
            // carry on counting so the order of making is kept.
            if milliseconds <= state.milliseconds, state.milliseconds - milliseconds <= 10 {
                milliseconds = state.milliseconds
                if state.counter >= 0x0FFF {
                    // 4,096 ids in one millisecond: borrow the next one rather than lose the order.
                    milliseconds += 1
                    state = (milliseconds, 0)
                } else {
                    state.counter += 1
                }
                return state.counter
            }
            // Start low in a fresh millisecond, leaving room to count up.
            let start = UInt16(generator.next(upperBound: UInt32(0x0800)))
            // A backdated id (imported or demo data) must not disturb the sequence of the present.
            if milliseconds > state.milliseconds {
                state = (milliseconds, start)
                return start
            }
            let present = state.milliseconds
            return past.withLock { past in
                if past.count > 4_096 { past = past.filter { present - min($0.key, present) < 60_000 } }
                let next = past[milliseconds].map { min($0 + 1, 0x0FFF) } ?? start
                past[milliseconds] = next
                return next
            }
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
