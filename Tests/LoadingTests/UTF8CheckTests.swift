@testable import Loading
import Testing
import TestSupport

/// Where a file stops being UTF-8: the offset reported is the one a decoder stops at, on
/// seeded bytes mixing valid text, stray continuation bytes, truncated and overlong
/// sequences (of two, three and four bytes), surrogates and bytes above U+10FFFF, with
/// runs of ASCII long enough to be passed eight bytes at a time and to end at every place
/// in a word.
@Suite struct UTF8CheckTests {
    func decoderOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    @Test func offsetsAreWhereADecoderStops() {
        let pieces: [[UInt8]] = [Array("Iran ".utf8), Array("é".utf8), Array("ایران".utf8), Array("😀".utf8), [0x80], [0xBF], [0xC0, 0xAF],
                                 [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F], [0xFF], [0xFE], [0x0A], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],
                                 Array("Dushanbe and Tehran".utf8), Array("the Rasht valley, 2024".utf8)]
        var random = SplitMix64(seed: 8)
        var invalid = 0
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...12, using: &random)).flatMap { _ in
                Int.random(in: 0..<3, using: &random) == 0 ? pieces.randomElement(using: &random)! : pieces[[0, 1, 2, 3, 17, 18].randomElement(using: &random)!]
            }
            let expected = decoderOffset(bytes)
            if expected != nil { invalid += 1 }
            #expect(SourceText.firstInvalidUTF8Offset(bytes) == expected, "\(bytes)")
        }
        #expect(invalid > 1_000 && invalid < 4_500)
    }

    /// A text made from checked bytes is the text the standard library's own check makes,
    /// ASCII or not: a string taken for ASCII when it is not would count its characters as
    /// bytes, and one that is not valid is refused.
    @Test func stringsFromCheckedBytesAreTheStandardLibrarysStrings() {
        let pieces: [[UInt8]] = [Array("Iran ".utf8), Array("é".utf8), Array("ایران".utf8), Array("😀".utf8), Array("e\u{301}".utf8), [0x80], [0xC3], [0xFF],
                                 Array("Dushanbe and Tehran".utf8), [0x0A]]
        var random = SplitMix64(seed: 9)
        var valid = 0, nonASCII = 0
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...10, using: &random)).flatMap { _ in
                Int.random(in: 0..<4, using: &random) == 0 ? pieces.randomElement(using: &random)! : pieces[[0, 1, 2, 3, 4, 8].randomElement(using: &random)!]
            }
            let made = UTF8Check.string(bytes), expected = String(validating: bytes, as: UTF8.self)
            #expect(made == expected, "\(bytes)")
            guard let made, let expected else { continue }
            valid += 1
            if bytes.contains(where: { $0 >= 0x80 }) { nonASCII += 1 }
            #expect(made.count == expected.count && made.unicodeScalars.count == expected.unicodeScalars.count, "\(bytes)")
        }
        #expect(valid > 1_000 && nonASCII > 500)
    }
}
