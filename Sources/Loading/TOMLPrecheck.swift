/// TOML the parser (toml++, inside TOMLKit) would trip over rather than report: a date
/// followed by `T` and no time (`date = 2023-01-15Tx`) fails an assertion in it, which
/// aborts a debug build and is undefined behaviour in a release one. Found by fuzzing; such
/// text is reported here, before the parser sees it, as the parser reports what it reads.
enum TOMLPrecheck {
    static func problem(in toml: String) -> TOMLFrontMatter.Failure? {
        let bytes = Array(toml.utf8)
        var i = 0, line = 1, lineStart = 0
        func isDigit(_ at: Int) -> Bool { at < bytes.count && bytes[at] >= 0x30 && bytes[at] <= 0x39 }
        func isKeyByte(_ byte: UInt8) -> Bool {
            byte == 0x2D || byte == 0x5F || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39
        }
        /// Skips to past `terminator`, honouring backslash escapes when `escapes`.
        func skip(past terminator: [UInt8], escapes: Bool) {
            while i < bytes.count {
                if escapes, bytes[i] == 0x5C { i += 2; continue }
                if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
                if bytes[i...].starts(with: terminator) { i += terminator.count; return }
                i += 1
            }
        }
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case 0x0A:
                line += 1
                lineStart = i + 1
                i += 1
            case 0x23:  // a comment, to the end of the line
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case 0x22, 0x27:  // "basic" and 'literal' strings, on one line or three quotes
                let triple = bytes[i...].starts(with: [byte, byte, byte])
                i += triple ? 3 : 1
                skip(past: triple ? [byte, byte, byte] : [byte], escapes: byte == 0x22)
            case 0x30...0x39 where i == 0 || !isKeyByte(bytes[i - 1]):
                // YYYY-MM-DD then T or t: a time must follow.
                let shape = (0..<4).allSatisfy { isDigit(i + $0) } && i + 10 < bytes.count && bytes[i + 4] == 0x2D
                    && isDigit(i + 5) && isDigit(i + 6) && bytes[i + 7] == 0x2D && isDigit(i + 8) && isDigit(i + 9)
                    && (bytes[i + 10] | 0x20) == 0x74
                if shape, !isDigit(i + 11) {
                    return TOMLFrontMatter.Failure(message: "expected a time after '\(UnicodeScalar(bytes[i + 10]))' in a date-time",
                                                   line: line, column: i + 12 - lineStart)
                }
                while i < bytes.count, isKeyByte(bytes[i]) { i += 1 }
            default:
                i += 1
            }
        }
        return nil
    }
}
