@testable import Loading
import Testing
import TestSupport
import Yams

/// The front matter reader that spares libyaml the common shapes must make exactly the nodes
/// Yams makes (text, style, position, structure), and leave everything else to Yams.
@Suite struct SimpleYAMLTests {
    /// What Yams reads, or nil where it fails.
    func yams(_ text: String) -> YAMLNode? {
        (try? Parser(yaml: text, resolver: .basic, encoding: .utf8)).flatMap { try? $0.singleRoot() }.flatMap(YAMLNode.init)
    }

    /// A node written out with everything the decoder reads from it.
    func describe(_ node: YAMLNode) -> String {
        let at = "@\(node.place.line):\(node.place.column)"
        switch node {
        case .scalar(let scalar): return "\(scalar.style)\(at)\(scalar.string.debugDescription)"
        case .sequence(let items, _): return "seq\(at)[" + items.map(describe).joined(separator: ",") + "]"
        case .mapping(let pairs, _): return "map\(at){" + pairs.map { describe($0.key) + ":" + describe($0.value) }.joined(separator: ",") + "}"
        }
    }

    /// nil when the fast reader declines; otherwise it must agree with Yams.
    func check(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool? {
        guard let fast = SimpleYAML.parse(text) else { return nil }
        guard let slow = yams(text) else {
            Issue.record("the fast reader read what Yams refuses: \(text.debugDescription)", sourceLocation: sourceLocation)
            return false
        }
        #expect(describe(fast) == describe(slow), "\(text.debugDescription)", sourceLocation: sourceLocation)
        return describe(fast) == describe(slow)
    }

    @Test func commonShapesAreReadAsYamsReadsThem() {
        let shapes = [
            "title: \"However bank government officials\"\ndate: 2004-05-05\nthemes: [energy-and-infrastructure]\n",
            "title: Iran\nkind: country\naliases: [Islamic Republic of Iran, \"Persia\", 'ایران']\n",
            "title: Dushanbe talks\ndate: 2023-05\nactors:\n  - iran\n  - tajikistan\n",
            "tags:\n- a\n- b\n\n# a comment\ntitle: Ünïcödé — “quoted”   \n",
            "title: a:b, c [d] {e}\nempty: []\nspaced: [ a ,  b ]\n",
            "draft: true\nweight: 10\nsummary: 'single'\n",
        ]
        for shape in shapes {
            #expect(check(shape) == true, "\(shape.debugDescription)")
        }
    }

    @Test func otherShapesGoToYams() {
        let declined = [
            "title:\n", "title: a # comment\n", "title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: |\n  block\n",
            "title: >\n  folded\n", "a: &x 1\nb: *x\n", "title: a\n  continued\n", "title:\tx\n", "title: x\r\n",
            "nested:\n  key: value\n", "list: [a, [b]]\n", "list: [a, b\n", "title: x\ntitle: y\n", "- a\n- b\n",
            "plain\n", "", "# only a comment\n", "? complex\n: key\n", "title: -5\n", "list:\n  - a\n    - b\n",
            "key: value:\n", "title: a: b\n", "%YAML 1.1\n---\ntitle: x\n", "title: x\n---\n", "t: a\u{2028}b\n",
            "\u{FEFF}title: x\n", "title: !tag x\n", "list: [a, b,]\n", "list:\n-\n- b\n",
        ]
        for text in declined {
            #expect(SimpleYAML.parse(text) == nil, "\(text.debugDescription)")
        }
    }

    /// Front matter built from pieces that are and are not in the subset (seeded, so a failure
    /// repeats): whatever the fast reader accepts, Yams reads the same way.
    @Test func agreesWithYamsOnGeneratedFrontMatter() {
        let keys = ["title", "date", "aliases", "tags", "kind", "x-y", "a_b", "2024", "title"]
        let safe = ["Iran", "2004-05-05", "a b  c", "\"quoted\"", "'single'", "\"\"", "''", "Ünï — ایران", "a:b", "x-", "a#b", "a\\b", "'a, b'", "\"a, b\"", "ä\u{A0}b"]
        let tricky = ["a: b", "a #b", "-x", "[x]", "{x}", "x,y", "x]", "\"a'b\"", "'a\"b'", "\"a\\nb\"",
                       "~", "null", "true", "*x", "&x", "!x", "|", ">", "%x", "@x", "`x`", "?x", "x?", "x:", ":x", ".5", "ä\u{85}b"]
        var random = SplitMix64(seed: 3)
        func scalar() -> String {
            Int.random(in: 0..<4, using: &random) == 0 ? tricky.randomElement(using: &random)! : safe.randomElement(using: &random)!
        }
        let spaces = ["", " ", "  "]
        var accepted = 0
        let rounds = 4_000
        for _ in 0..<rounds {
            var text = ""
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let key = keys.randomElement(using: &random)!
                switch Int.random(in: 0..<8, using: &random) {
                case 0, 1, 2:
                    text += "\(key): \(scalar())\(spaces.randomElement(using: &random)!)\n"
                case 3, 4:
                    let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in
                        spaces.randomElement(using: &random)! + scalar() + spaces.randomElement(using: &random)!
                    }
                    text += "\(key): [\(items.joined(separator: ","))]\n"
                case 5, 6:
                    let indent = spaces.randomElement(using: &random)!
                    text += "\(key):\n"
                    for _ in 0..<Int.random(in: 0...3, using: &random) {
                        text += "\(Bool.random(using: &random) ? indent : spaces.randomElement(using: &random)!)- \(scalar())\n"
                    }
                default:
                    text += ["\n", "# note\n", "  # note\n", "\(key):\(scalar())\n"].randomElement(using: &random)!
                }
            }
            if check(text) != nil { accepted += 1 }
        }
        // The generator is not to be vacuous: a good share of its texts is in the subset.
        #expect(accepted > rounds / 5, "only \(accepted) of \(rounds) accepted")
    }
}
