// Folds letters so text matches however it was typed: case, accents, tonos, Turkish dotless i, final sigma, ё.
import Foundation

enum Folding {
    /// Folded value for every scalar below 0x2000 (Latin, Greek, Cyrillic, Greek Extended, digits, %); 0 = not a word
    /// character.
    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x2000)
        for value in 0..<0x2000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            if properties.numericType == .decimal, value < 0x80 {
                table[value] = UInt32(value)
            } else if value == 0x25 {
                table[value] = 0x25  // "%" belongs to its number: "100%" is not "100 euros"
            } else if properties.isAlphabetic {
                table[value] = fold(scalar)
            }
        }
        return table
    }()

    /// Whether each scalar below 0x2000 is a capital letter (for telling shouting from writing).
    static let upper: [Bool] = (0..<0x2000).map { value in
        Unicode.Scalar(value).map { $0.properties.isUppercase } ?? false
    }

    @inline(__always)
    static func isUpper(_ value: UInt32) -> Bool {
        value < 0x2000 ? upper[Int(value)] : false
    }

    private static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        switch scalar.value {
        case 0x131, 0x130: return 0x69  // Turkish ı and İ → i
        case 0x3C2: return 0x3C3  // final ς → σ
        default: break
        }
        let lower = String(scalar).lowercased()
        let base = lower.decomposedStringWithCanonicalMapping.unicodeScalars.first ?? scalar
        if base.value == 0x3C2 { return 0x3C3 }
        return base.value
    }

    /// Folds one scalar; 0 when it does not belong in a word.
    @inline(__always)
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x2000 { return table[Int(value)] }
        return Unicode.Scalar(value).map { $0.properties.isAlphabetic ? value : 0 } ?? 0
    }

    /// Folds a whole word or phrase the way the tokenizer folds text, for building lexicons.
    static func fold(word: String) -> [UInt32] {
        var folded: [UInt32] = []
        var run: (UInt32, Int) = (0, 0)
        for scalar in word.unicodeScalars {
            let value = fold(scalar.value)
            guard value != 0 else { continue }
            if value == run.0 { run.1 += 1 } else { run = (value, 1) }
            if run.1 == 3 {
                folded.removeLast()  // collapse elongation to one letter, as the tokenizer does
                continue
            }
            if run.1 > 3 { continue }
            folded.append(value)
        }
        return folded
    }
}

/// 64-bit FNV-1a over folded scalars; the running value after each scalar is the hash of that prefix.
enum WordHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always)
    static func add(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        (hash ^ UInt64(value)) &* prime
    }

    static func hash<C: Collection>(_ values: C) -> UInt64 where C.Element == UInt32 {
        values.reduce(seed, add)
    }
}
