import Markdown
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
