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
        check(bytes).firstInvalid
    }

    /// The bytes as a `String`, or nil when they are not UTF-8: checked by this scan, then
    /// copied without the standard library's own check (`String(validating:)` cost a body's
    /// plain text 6.6 instructions a byte, 1.1% of a cold build).
    static func string(_ bytes: [UInt8]) -> String? {
        let (invalid, ascii) = bytes.withUnsafeBufferPointer(check)
        guard invalid == nil else { return nil }
        return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: ascii))
    }

    /// The first ill-formed sequence's offset, and whether all bytes are ASCII.
    private static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> (firstInvalid: Int?, ascii: Bool) {
        var ascii = true
        guard let base = bytes.baseAddress else { return (nil, ascii) }
        let raw = UnsafeRawPointer(base), n = bytes.count
        var i = 0
        while i < n {
            if i + 8 <= n {
                let high = ByteWord.load(raw, i) & ByteWord.high
                if high == 0 {
                    i += 8
                    continue
                }
                // Up to the first byte with its high bit set.
                i += ByteWord.first(high)
            } else if bytes[i] < 0x80 {
                i += 1
                continue
            }
            ascii = false
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
            default: return (i, ascii)
            }
            guard i + width <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return (i, ascii) }
            if width > 2, bytes[i + 2] & 0xC0 != 0x80 { return (i, ascii) }
            if width > 3, bytes[i + 3] & 0xC0 != 0x80 { return (i, ascii) }
            i += width
        }
        return (nil, ascii)
    }
}
