// Public case references like `C-7Q2K4`: short enough to read over the phone, with no 0/O or 1/I to confuse.
import Foundation

public enum CaseReference {
    /// 32 symbols that survive being read aloud or handwritten.
    static let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    static let length = 5

    /// A fresh random reference. Callers check it is unused before storing it (the column is also unique).
    public static func make<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var symbols = "C-"
        for _ in 0..<length {
            symbols.append(alphabet[Int(generator.next(upperBound: UInt32(alphabet.count)))])
        }
        return symbols
    }

    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return make(using: &generator)
    }

    /// Normalises what a person typed (`c-7q2k4`, ` C-7Q2K4 `) and says whether it can be a reference at all.
    public static func normalise(_ text: String) -> String? {
        let upper = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.count == length + 2, upper.hasPrefix("C-"),
              upper.dropFirst(2).allSatisfy({ alphabet.contains($0) })
        else { return nil }
        return upper
    }
}
