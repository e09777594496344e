import Foundation
import Testing
import TestSupport

/// Random input through parse, link and render (`FuzzHarness`) as an article, a briefing and
/// an actor's description, seeded so any failure can be
/// replayed: mutations of the fuzz corpus (`Tests/Fuzz/corpus`, which also keeps every input
/// libFuzzer has found to crash, as a regression fixture). `make fuzz` runs libFuzzer itself.
@Suite struct FuzzTests {
    static let corpus = Repository.root.appendingPathComponent("Tests/Fuzz/corpus")

    static var seeds: [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
        return names.compactMap { FileManager.default.contents(atPath: corpus.appendingPathComponent($0).path).map { Array($0) } }
    }

    @Test func corpusInputsKeepEveryInvariant() {
        #expect(Self.seeds.count >= 5)
        for (i, seed) in Self.seeds.enumerated() {
            for role in FuzzHarness.Role.allCases {
                #expect(FuzzHarness.check(seed, as: role).isEmpty, "corpus input \(i) as \(role)")
            }
        }
    }

    /// Pieces of syntax the mutations splice in: annotations, YAML, HTML, Markdown.
    static let tokens = [
        "[[", "]]", "|", "[[iran]]", "[[IRI|x]]", "[x](actor:iran)", "](event:", "\\[[", "`", "```\n", "---\n", "\n", "\r\n", "\r",
        ": ", "- ", "&a ", "*a", "{", "}", "[", "]", "<", ">", "<b>", "</script>", "&#1;", "&amp;", "\u{0}", "\u{FEFF}", "\u{200C}",
        "ایران", "Тоҷикистон", "é", "\u{301}", "# ", "> ", "    ", "![a](b.png)", "<https://x.y>", "[r]: https://x\n", "**", "_",
        "likelihood: likely\n", "judgments:\n  - text: may\n", "bluf: x\n", "date: 2022-13-45\n", "date: 199X\n", "aliases: [a, b]\n",
    ]

    @Test func randomMutationsKeepEveryInvariant() {
        var random = SplitMix64(seed: 7)
        let seeds = Self.seeds
        for round in 0..<120 {
            var bytes = seeds.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 1...12, using: &random) {
                let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.insert(contentsOf: Array(Self.tokens.randomElement(using: &random)!.utf8), at: position)
                case 1 where !bytes.isEmpty: bytes.remove(at: min(position, bytes.count - 1))
                case 2 where !bytes.isEmpty: bytes[min(position, bytes.count - 1)] = UInt8.random(in: 0...255, using: &random)
                default:
                    let length = Int.random(in: 0...min(64, bytes.count), using: &random)
                    let start = bytes.isEmpty ? 0 : Int.random(in: 0...(bytes.count - length), using: &random)
                    bytes.insert(contentsOf: bytes[start..<(start + length)], at: position)
                }
            }
            let violations = FuzzHarness.check(bytes, as: FuzzHarness.Role.allCases[round % 3])
            #expect(violations.isEmpty, "round \(round): \(violations)")
        }
    }
}
