@testable import Loading
import Testing
import TestSupport

/// The word count reads prose eight bytes at a time: it counts what splitting on spaces,
/// tabs, line feeds and carriage returns counts, with those bytes, control bytes and
/// non-ASCII text at every place in a word, and across the words' edges.
@Suite struct WordCountTests {
    @Test func wordAtATimeAgreesWithSplitting() {
        let pieces = ["Tajikistan", " ", "  ", "\n", "\t", "\r\n", "é", "Душанбе", "\u{1}", "\u{1F}", "!", "a b c d e f g h", "x"]
        var random = SplitMix64(seed: 21)
        for _ in 0..<10_000 {
            let text = (0..<Int.random(in: 0...16, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let expected = text.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }).count
            #expect(BodyParser.countWords(text) == expected, "\(Array(text.utf8))")
        }
        #expect(BodyParser.countWords("one two\tthree\r\nfour  five") == 5)
    }
}
