@testable import Rendering
import Testing
import TestSupport

/// Summaries cut a paragraph near 200 characters: counted on bytes when the text's head is
/// ASCII, on characters otherwise, with the same result.
@Suite struct SummaryCutTests {
    @Test func cuttingOnBytesAgreesWithCountingCharacters() {
        var generator = SplitMix64(seed: 200)
        let pieces = ["a", "b", "word", " ", " ", "  ", ".", "\r", "\n", "\r\n", "é", "e\u{301}", "\u{301}", "ж", "ا", "🙂", "👍🏽", "中"]
        let asciiOnly = ["a", "b", "word", " ", " ", ".", "\n"]
        // Without a space the cut falls at the 200th character, which may be a "\r\n".
        let asciiWithoutSpaces = ["x", "yz", "\r\n", "\r", "\n"]
        for round in 0..<4000 {
            // Half the texts are ASCII, most near the cut; the others hold what counting
            // characters is for.
            let choices = [asciiOnly, pieces, asciiWithoutSpaces][round % 3]
            var text = ""
            let length = Int.random(in: 150...260, using: &generator)
            while text.utf8.count < length { text += choices.randomElement(using: &generator)! }
            if round % 7 == 0 { text = String(text.prefix(Int.random(in: 195...205, using: &generator))) }
            if round % 11 == 0 { text += String(repeating: "x", count: Int.random(in: 0...3, using: &generator)) + "\u{301}" }
            #expect(RenderContext.summaryCut(text) == RenderContext.summaryCutByCharacters(text), "\(Array(text.utf8))")
        }
        #expect(RenderContext.summaryCut(String(repeating: "ab ", count: 100)).hasSuffix("ab…"))
        #expect(RenderContext.summaryCut(String(repeating: "x", count: 300)) == String(repeating: "x", count: 200) + "…")
        #expect(RenderContext.summaryCut("short text") == "short text")
    }
}
