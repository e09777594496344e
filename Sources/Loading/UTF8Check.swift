import Model

/// Where bytes stop being UTF-8. Runs of ASCII are passed eight bytes at a time; a
/// multi-byte sequence is checked against the table of well-formed sequences (Unicode
/// §3.9, table 3-7): no overlong forms, no surrogates, nothing above U+10FFFF. The standard
/// library's validation goes a byte at a time through a whole text once it has met one
/// non-ASCII byte, and every source file holds some.
enum UTF8Check {
    /// The offset where the first ill-formed sequence starts, as a decoder reports it, or
    /// nil when all of `bytes` is UTF-8.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base), n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let ascii = ByteWord.load(raw, i) & ByteWord.high
                if ascii == 0 {
                    i += 8
                    continue
                }
                // Up to the first byte with its high bit set.
                i += ByteWord.first(ascii)
            } else if bytes[i] < 0x80 {
                i += 1
                continue
            }
            // The sequence's length, and the range its second byte must fall in.
            let width: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch bytes[i] {
            case 0xC2...0xDF: width = 2
            case 0xE0: width = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: width = 3
            case 0xED: width = 3; high = 0x9F
            case 0xF0: width = 4; low = 0x90
            case 0xF1...0xF3: width = 4
            case 0xF4: width = 4; high = 0x8F
            default: return i
            }
            guard i + width <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return i }
            if width > 2, bytes[i + 2] & 0xC0 != 0x80 { return i }
            if width > 3, bytes[i + 3] & 0xC0 != 0x80 { return i }
            i += width
        }
        return nil
    }
}
