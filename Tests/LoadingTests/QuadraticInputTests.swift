import Foundation
import Loading
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

    @Test func ordinaryImagesAndLinksAreNeverRefused() {
        let body = String(repeating: "![map](m.png) and [a link](https://example.org) then ", count: 20_000)
        #expect(!parse("---\ntitle: P\n---\n" + body).diagnostics.contains { $0.code == .markdownTooComplex })
    }
}
