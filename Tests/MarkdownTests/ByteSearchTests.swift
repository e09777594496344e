@testable import Markdown
import Testing

@Suite struct ByteSearchTests {
    /// The `memchr`/`memcmp` search finds exactly what a plain scan finds, at the edges too.
    @Test func containsSequenceAgreesWithAScan() {
        var generator = SystemRandomNumberGenerator()
        func scan(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
            needle.isEmpty || stride(from: 0, through: bytes.count - needle.count, by: 1).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
        for _ in 0..<5000 {
            // Few distinct bytes, so that partial matches and matches at the ends are common.
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in UInt8.random(in: 0x61...0x63, using: &generator) }
            let needle = (0..<Int.random(in: 0...4, using: &generator)).map { _ in UInt8.random(in: 0x61...0x63, using: &generator) }
            #expect(bytes.contains(sequence: needle) == scan(bytes, needle), "\(bytes) \(needle)")
        }
        #expect(Array("[x] done".utf8).contains(sequence: "[x]".utf8))
        #expect(!Array("[x".utf8).contains(sequence: "[x]".utf8))
    }
}

/// The scan for GitHub's inline syntax (`[^`, `~`, `==`, `://`, `@`, `www.`) skips eight bytes
/// at a time where none can start; it finds what a plain look at every byte finds.
@Suite struct TriggerScanTests {
    @Test func wordAtATimeAgreesWithEveryByte() {
        typealias Triggers = GFMTransform.Triggers
        func plain(_ b: [UInt8], _ wanted: Triggers) -> Triggers {
            var found: Triggers = []
            func at(_ i: Int, _ p: String) -> Bool { b[i...].starts(with: p.utf8) }
            for i in b.indices {
                if wanted.contains(.footnote), at(i, "[^") { found.insert(.footnote) }
                if wanted.contains(.delimiter), at(i, "~") || at(i, "==") { found.insert(.delimiter) }
                if wanted.contains(.autolink), at(i, "://") || at(i, "@") || at(i, "www.") { found.insert(.autolink) }
            }
            return found
        }
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "w", "ww", "www", ".", "[", "^", "=", "~", ":", "/", "@", " ", "é", "\u{80}", "x y z q"]
        let subsets: [Triggers] = (0..<8).map { Triggers(rawValue: UInt8($0)) }
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let wanted = subsets.randomElement(using: &generator)!
            let got = bytes.withUnsafeBufferPointer { Triggers.scan($0, wanted: wanted) }
            #expect(got == plain(bytes, wanted), "\(text) \(wanted.rawValue)")
        }
    }
}
