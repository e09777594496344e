#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// The text with code points HTML forbids in documents (controls other than tab, line
    /// feed, form feed and carriage return; U+007F–U+009F; noncharacters) replaced by U+FFFD.
    /// Content can carry them as raw bytes or as references like `&#1;`, which cmark decodes.
    package var replacingForbiddenHTMLCodePoints: String {
        var copy = self
        // Nearly every text has none: one pass over the bytes says so without decoding.
        guard copy.withUTF8(Self.containsForbiddenHTMLCodePoint) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(scalar.isForbiddenInHTML ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }

    /// Whether text cmark reads from Markdown `bytes` may hold a code point HTML forbids:
    /// the bytes encode one, or hold a numeric character reference (`&#1;`), which cmark
    /// decodes. (No named reference decodes to one.) Text from a body without either needs
    /// no replacing, which spares a pass over every literal.
    package static func mayDecodeToForbiddenHTMLCodePoint(markdown bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if containsForbiddenHTMLCodePoint(bytes) { return true }
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0x26, bytes.count - from) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if at + 1 < bytes.count, bytes[at + 1] == 0x23 { return true }
            from = at + 1
        }
        return false
    }

    /// Whether UTF-8 `bytes` encode a code point `isForbiddenInHTML` says is forbidden,
    /// read from the encoding: C0 controls but tab, line feed, form feed and carriage return;
    /// DEL; C1 controls (`C2 80`–`C2 9F`); U+FDD0–U+FDEF (`EF B7 90`–`EF B7 AF`); and the last
    /// two code points of every plane (`EF BF BE`/`BF`, and `F? ?F BF BE`/`BF`).
    package static func containsForbiddenHTMLCodePoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while i < n {
            // Eight bytes of printable ASCII at a time: no byte with its high bit set, none
            // below 0x20 (subtracting 0x20 from each byte would borrow into its high bit) and
            // no DEL (adding 1 would carry into it). A false alarm only takes the slow path.
            if i + 8 <= n {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let high: UInt64 = 0x8080_8080_8080_8080
                if (word | (word &- 0x2020_2020_2020_2020) | (word &+ 0x0101_0101_0101_0101)) & high == 0 {
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            switch byte {
            case 0x09, 0x0A, 0x0C, 0x0D:
                break
            case 0x00...0x1F, 0x7F:
                return true
            case 0xC2:
                if i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) { return true }
            case 0xEF:
                if i + 2 < n {
                    let (b1, b2) = (bytes[i + 1], bytes[i + 2])
                    if b1 == 0xB7, (0x90...0xAF).contains(b2) { return true }
                    if b1 == 0xBF, b2 == 0xBE || b2 == 0xBF { return true }
                }
            case 0xF0...0xF4:
                if i + 3 < n, bytes[i + 1] & 0x0F == 0x0F, bytes[i + 2] == 0xBF, bytes[i + 3] == 0xBE || bytes[i + 3] == 0xBF {
                    return true
                }
            default:
                break
            }
            i += 1
        }
        return false
    }
}

extension Unicode.Scalar {
    var isForbiddenInHTML: Bool {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: true
        default: value & 0xFFFE == 0xFFFE
        }
    }
}
