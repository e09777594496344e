/// Lists of numbers in the search files, written as text a script reads without a parser:
/// each number in base 32, most significant digit first; a digit that ends a number is one
/// of the first 32 characters of `alphabet`, a digit that does not is one of the last 32.
/// None needs escaping in JSON. Posting lists are mostly small gaps between unit numbers,
/// one character each. The search script decodes them (`Templates/assets/search.js`).
enum SearchNumbers {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)

    static func append(_ value: Int, to out: inout [UInt8]) {
        precondition(value >= 0)
        var shift = 0
        while value >> (shift + 5) > 0 { shift += 5 }
        while shift > 0 {
            out.append(alphabet[32 + (value >> shift) & 31])
            shift -= 5
        }
        out.append(alphabet[value & 31])
    }

    /// Ascending numbers as their first value and the gaps after it.
    static func gaps(_ values: some Sequence<Int>) -> [UInt8] {
        var out: [UInt8] = []
        var last = 0
        for value in values {
            append(value - last, to: &out)
            last = value
        }
        return out
    }

    /// Postings `unit << 32 | value` with ascending units: the gap from the previous unit,
    /// then the value.
    static func pairs(_ postings: [Int]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(postings.count * 2)
        var last = 0
        for posting in postings {
            append((posting >> 32) - last, to: &out)
            append(posting & 0xFFFF_FFFF, to: &out)
            last = posting >> 32
        }
        return out
    }

    /// The inverse of `append` over a whole list, for tests.
    static func decode(_ text: [UInt8]) -> [Int] {
        var values: [Int] = []
        var value = 0
        for byte in text {
            guard let index = alphabet.firstIndex(of: byte) else { return [] }
            value = value * 32 + index % 32
            if index < 32 {
                values.append(value)
                value = 0
            }
        }
        return values
    }
}
