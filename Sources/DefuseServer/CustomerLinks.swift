// Customers' links to their options and surveys: signed with the desk's key, unguessable, expiring.
import DefuseStore
import Foundation
import Vapor

enum CustomerLink {
    enum Kind: String {
        /// `/c/{token}`: choose and approve an option.
        case options = "c"
        /// `/s/{token}`: the survey after resolution.
        case survey = "s"
    }

    enum Problem: Error {
        /// Not made by us, or for another kind of page.
        case forged
        case expired
    }

    /// A token naming `id` until `expires`: 24 bytes of payload and a 16-byte HMAC-SHA256 tag, base64url.
    static func token(_ kind: Kind, id: UUID, expires: Date, secret: String) -> String {
        let payload = bytes(of: id) + bigEndian(UInt64(max(0, expires.timeIntervalSince1970)))
        return base64url(payload) + "." + base64url(tag(kind, payload, secret))
    }

    static func url(_ kind: Kind, id: UUID, expires: Date, desk: Desk, base: String) -> String {
        "\(base)/\(kind.rawValue)/\(token(kind, id: id, expires: expires, secret: desk.linkSecret))"
    }

    /// The id a token names, once its tag and expiry are checked.
    static func verify(_ token: String, _ kind: Kind, secret: String, now: Date) throws(Problem) -> UUID {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = unbase64url(String(parts[0])), payload.count == 24,
              let given = unbase64url(String(parts[1])), given.count == 16
        else { throw .forged }
        // Compared in constant time, so the tag cannot be guessed byte by byte.
        let expected = tag(kind, payload, secret)
        guard zip(expected, given).reduce(UInt8(0), { $0 | ($1.0 ^ $1.1) }) == 0 else { throw .forged }
        let expires = payload[16..<24].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard Double(expires) > now.timeIntervalSince1970 else { throw .expired }
        let raw = Array(payload[0..<16])
        return UUID(uuid: (raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10],
                           raw[11], raw[12], raw[13], raw[14], raw[15]))
    }

    static func tag(_ kind: Kind, _ payload: [UInt8], _ secret: String) -> [UInt8] {
        let key = SymmetricKey(data: Data(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(kind.rawValue.utf8) + Data(payload), using: key)
        return Array(Data(mac).prefix(16))
    }

    static func bytes(of id: UUID) -> [UInt8] {
        withUnsafeBytes(of: id.uuid) { Array($0) }
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> (UInt64($0) * 8)) }
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map { Array($0) }
    }
}
