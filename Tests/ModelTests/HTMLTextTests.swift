import Foundation
@testable import Model
import Testing

/// The byte-level check that lets most texts skip decoding must agree with the code-point
/// rule on every text.
@Suite struct HTMLTextTests {
    /// Code points on both sides of every boundary the byte check reads.
    static let pool: [Unicode.Scalar] = [
        0x00, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0xE9,
        0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x2026, 0x0418,
        0x1FFFD, 0x1FFFE, 0x1FFFF, 0x1F600, 0x2FFFE, 0xEFFFF, 0x10FFFE, 0x10FFFF, 0x10FFFD,
    ].map { Unicode.Scalar($0)! }

    @Test func byteCheckAgreesWithTheCodePointRule() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            // Long runs of printable ASCII too, so the eight-bytes-at-a-time path meets every
            // code point at every offset of its word.
            for _ in 0..<(next() % 40 + 1) {
                text.append(next() % 4 == 0 ? Self.pool[next() % Self.pool.count] : Unicode.Scalar(UInt8(0x20 + next() % 0x5F)))
            }
            var string = String(text)
            let expected = string.unicodeScalars.contains { $0.isForbiddenInHTML }
            let found = string.withUTF8(String.containsForbiddenHTMLCodePoint)
            #expect(found == expected, "\(string.unicodeScalars.map { String($0.value, radix: 16) })")
            let replaced = string.replacingForbiddenHTMLCodePoints
            let clean = !replaced.unicodeScalars.contains { $0.isForbiddenInHTML }
            #expect(clean)
            #expect(replaced.unicodeScalars.count == string.unicodeScalars.count)
        }
    }

    /// cmark decodes `&#1;`: Markdown with a numeric reference may hold any code point.
    @Test func markdownMayDecodeToForbiddenCodePoints() {
        func may(_ markdown: String) -> Bool {
            var copy = markdown
            return copy.withUTF8 { String.mayDecodeToForbiddenHTMLCodePoint(markdown: $0) }
        }
        #expect(!may("Plain *text* with &amp; and &eacute; — ümlaut, Иран.\n"))
        #expect(may("A reference &#1; decodes.\n"))
        #expect(may("Hex &#x85; too, at the end &#"))
        #expect(may("Raw \u{7F} DEL"))
        #expect(!may(""))
    }

    @Test func textWithoutForbiddenCodePointsIsReturnedAsItIs() {
        let text = "Line one\nLine two\t«quoted» — ümlaut, Иран, ایران, 😀\r\n"
        #expect(text.replacingForbiddenHTMLCodePoints == text)
        var forbidden = String.UnicodeScalarView()
        for value: UInt32 in [0x61, 0x1, 0x62, 0x85, 0x63, 0xFDD0, 0x64, 0x10FFFF] { forbidden.append(Unicode.Scalar(value)!) }
        #expect(String(forbidden).replacingForbiddenHTMLCodePoints == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}")
    }
}

/// `trimmingSpaces` trims what Foundation's `trimmingCharacters(in: .whitespaces)` trims.
@Suite struct TrimmingTests {
    @Test func trimsAsFoundationDoes() {
        let pieces = ["a", "ж", " ", "\t", "\u{A0}", "\u{2003}", "\u{3000}", "\n", "\u{301}", "x y", "🙂"]
        // Every text of up to four pieces.
        var texts: Set<String> = [""], last: Set<String> = [""]
        for _ in 0..<4 {
            last = Set(last.flatMap { text in pieces.map { text + $0 } })
            texts.formUnion(last)
        }
        for text in texts {
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text.unicodeScalars.map(\.value))")
        }
    }
}
