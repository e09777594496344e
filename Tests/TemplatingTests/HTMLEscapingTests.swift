@testable import Templating
import Testing
import TestSupport

/// HTML escaping, which works on bytes (a table lookup per byte, a scalar decoded only where
/// one may be forbidden), against a scalar-by-scalar statement of the rule, on seeded random
/// texts that put the characters to escape anywhere.
@Suite struct HTMLEscapingTests {
    /// The rule: `& < > " '` as entities; the code points HTML forbids (controls other than
    /// tab, line feed, form feed and carriage return, U+007F–U+009F, noncharacters) as U+FFFD.
    static func reference(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default:
                let control = value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains(value)
                let forbidden = control || (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
                output.unicodeScalars.append(forbidden ? "\u{FFFD}" : scalar)
            }
        }
        return output
    }

    /// Plain letters most of the time, so that whole words pass unmarked, and now and then
    /// something to escape, a control, a forbidden or an allowed character beyond ASCII.
    static let plain = Array("abcdefghij KLMNOP 0123456789.,;:-_/()[]{}=+*#%@!?`~^|\\")
    static let special: [Character] = [
        "&", "<", ">", "\"", "'", "\u{0}", "\u{1}", "\t", "\n", "\u{C}", "\r", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}",
        "\u{A0}", "é", "Ж", "م", "\u{FFFD}", "\u{1F600}", "\u{E000}", "\"\u{301}",
    ] + [0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF].map { Character(Unicode.Scalar($0)!) }  // noncharacters no literal may hold

    @Test func escapesAsTheRuleSaysAtEveryOffset() {
        var random = SplitMix64(seed: 14)
        for round in 0..<5_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                text.append(Int.random(in: 0..<8, using: &random) == 0 ? Self.special.randomElement(using: &random)! : Self.plain.randomElement(using: &random)!)
            }
            let expected = Self.reference(text)
            var bytes = ByteOutput()
            HTMLEscaping.append(text, to: &bytes)
            #expect(bytes.withBytes { String(decoding: $0, as: UTF8.self) } == expected, "round \(round): \(text.debugDescription)")
            #expect(HTMLEscaping.escape(text) == expected, "round \(round): \(text.debugDescription)")
        }
    }

    /// A long text with nothing to escape is copied as it is; one thing to escape after a
    /// long run of text, at any offset, is still found.
    @Test func findsWhatToEscapeAtTheEdgesOfWords() {
        let word = String(repeating: "abcdefgh", count: 8)
        for offset in 0..<17 {
            for special in ["&", "\u{85}", "\u{1}", String(Unicode.Scalar(0xFFFE)!)] {
                var text = String(word.prefix(offset + 40))
                text += special
                text += "xyz"
                var bytes = ByteOutput()
                HTMLEscaping.append(text, to: &bytes)
                #expect(bytes.withBytes { String(decoding: $0, as: UTF8.self) } == Self.reference(text), "\(offset) \(special.debugDescription)")
            }
        }
        var bytes = ByteOutput()
        HTMLEscaping.append(word, to: &bytes)
        #expect(bytes.withBytes { Array($0) } == Array(word.utf8))
    }
}
