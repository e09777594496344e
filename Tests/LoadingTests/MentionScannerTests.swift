@testable import Loading
import Model
import Testing
import TestSupport

/// The wikilink scan reads the literal's bytes in place, jumping between `[` with `memchr`;
/// it finds what a plain walk over every byte finds, with the same offsets.
@Suite struct MentionScannerTests {
    /// The scan as a walk over every byte of a copy: the rule the fast scan must keep.
    static func plain(_ literal: String) -> (links: [MentionScanner.Wikilink], unclosed: Int?) {
        let bytes = Array(literal.utf8)
        var links: [MentionScanner.Wikilink] = []
        var unclosed: Int?
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == 0x5B, bytes[i + 1] == 0x5B else { i += 1; continue }
            var open = i
            while open + 2 < bytes.count, bytes[open + 2] == 0x5B { open += 1 }
            var j = open + 2
            while j < bytes.count, bytes[j] != 0x5D, bytes[j] != 0x5B { j += 1 }
            guard j + 1 < bytes.count, bytes[j] == 0x5D, bytes[j + 1] == 0x5D else {
                if j >= bytes.count { unclosed = open }
                i = max(j, open + 2)
                continue
            }
            var link = MentionScanner.parse(String(decoding: bytes[(open + 2)..<j], as: UTF8.self), start: open, end: j + 2)
            link.embed = open > 0 && bytes[open - 1] == UInt8(ascii: "!")
            links.append(link)
            i = j + 2
        }
        return (links, unclosed)
    }

    @Test func scanAgreesWithAWalkOverEveryByte() {
        var generator = SplitMix64(seed: 14)
        // Few distinct pieces, so that openers, closers and their edges meet often.
        let pieces = ["[", "]", "[[", "]]", "|", "!", "a", "b c", "é", "actor:x", "#h", " "]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let fast = MentionScanner.scan(text), slow = Self.plain(text)
            #expect(fast.links == slow.links && fast.unclosed == slow.unclosed, "\(text)")
        }
    }

    @Test func scanFindsLinksAtTheEdges() {
        let found = MentionScanner.scan("[[a]]")
        #expect(found.links.map(\.target) == ["a"] && found.links.first?.start == 0 && found.links.first?.end == 5)
        #expect(MentionScanner.scan("x [[a").unclosed == 2)
        #expect(MentionScanner.scan("![[map.png]]").links.first?.embed == true)
        #expect(MentionScanner.scan("[").links.isEmpty && MentionScanner.scan("").links.isEmpty)
    }

    /// `utf8Offset(of:from:)` jumps to each candidate with `memchr`; it finds the first
    /// occurrence at or after `from`, as a plain search does.
    @Test func utf8OffsetAgreesWithAPlainSearch() {
        var generator = SplitMix64(seed: 15)
        func plain(_ text: String, _ needle: String, _ from: Int) -> Int? {
            let bytes = Array(text.utf8), pattern = Array(needle.utf8)
            guard !pattern.isEmpty, pattern.count <= bytes.count else { return nil }
            return stride(from: max(0, from), through: bytes.count - pattern.count, by: 1).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
        }
        let pieces = ["]", "(", "](", "a", "é", " "]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let needle = ["](", "]", "((", "a](", ""].randomElement(using: &generator)!
            let from = Int.random(in: -1...text.utf8.count + 1, using: &generator)
            #expect(text.utf8Offset(of: needle, from: from) == plain(text, needle, from), "\(text) \(needle) \(from)")
        }
    }
}
