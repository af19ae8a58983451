// UUID version 7 identifiers: creation time in the leading bits, so ordering by id is ordering by creation.
import Foundation

public enum TimeOrderedID {
    /// A version 7 UUID for the given moment (RFC 9562: 48-bit Unix milliseconds, version, variant, random bits).
    /// Lists page by id with an exact comparison, which timestamps rounded by a database driver can't promise.
    public static func make(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        return make(at: date, using: &generator)
    }

    public static func make<G: RandomNumberGenerator>(at date: Date, using generator: inout G) -> UUID {
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 {
            bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index)))
        }
        let random = [generator.next() as UInt64, generator.next() as UInt64]
        for index in 6..<16 {
            let word = random[(index - 6) / 8]
            bytes[index] = UInt8(truncatingIfNeeded: word >> (8 * UInt64((index - 6) % 8)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
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
