import Foundation
@testable import Loading
import Model
import Testing
import TestSupport

/// Inputs that make Markdown parsers slow, at 1 MB: each is parsed or refused with a
/// located diagnostic, and nothing hangs. The time limit only catches a hang; the seconds
/// are measured in release builds by `Benchmarks/pathological.py` (RESULTS.md).
@Suite struct QuadraticInputTests {
    static let cases = PathologicalMarkdown.cases(size: 1 << 20)

    @Test(.timeLimit(.minutes(2)), arguments: cases.map(\.name))
    func parsesOrRefuses(name: String) async throws {
        let text = try #require(Self.cases.first { $0.name == name }).text
        let parsed = parse("---\ntitle: P\n---\n" + text)
        let refused = parsed.diagnostics.filter { $0.code == .markdownTooComplex }
        if name.hasPrefix("images open around links") {
            // CVE-2023-22486 in cmark 0.30.2: refused before cmark sees it, at the first `![`.
            #expect(refused.map { "\($0.location!.line):\($0.location!.column)" } == ["4:1"])
        } else {
            #expect(refused.isEmpty)
        }
    }

    /// A body of n bytes costs at most n²/4, so shorter bodies skip the pass: the bound must
    /// hold for the worst arrangements, checked with a limit just under it (the pass runs).
    @Test func shortBodiesCannotReachTheLimit() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = ["[", "![", "](", "]", "x", "\\"].map { Array($0.utf8) }
        for n in [8, 20, 64, 200] {
            let patterns: [[UInt8]] = [
                Array(repeating: UInt8(ascii: "["), count: n / 2) + Array(repeating: 0, count: n / 4).flatMap { _ in Array("](".utf8) },
                Array(String(repeating: "![", count: n / 4).utf8) + Array(String(repeating: "](", count: n / 4).utf8),
            ] + (0..<200).map { _ in
                var bytes: [UInt8] = []
                while bytes.count < n { bytes += pieces.randomElement(using: &generator)! }
                return Array(bytes.prefix(n))
            }
            for bytes in patterns {
                #expect(QuadraticInput.check(Array(bytes.prefix(n)), limit: n * n / 4 - 1) == nil)
            }
        }
        // The pass itself still runs and refuses when the limit is below the cost.
        let worst = Array((String(repeating: "![", count: 50) + String(repeating: "](", count: 50)).utf8)
        #expect(QuadraticInput.check(worst, limit: 100) == 0)
    }

    @Test func ordinaryImagesAndLinksAreNeverRefused() {
        let body = String(repeating: "![map](m.png) and [a link](https://example.org) then ", count: 20_000)
        #expect(!parse("---\ntitle: P\n---\n" + body).diagnostics.contains { $0.code == .markdownTooComplex })
    }
}
