import Loading
import Model
import Testing
import TestSupport

/// Each broken input gives one clear diagnostic at the right place, and never a crash.
@Suite struct BadInputTests {
    let eventRole = FileRole.entity(EntityKey(.event, EntityID("e")!))
    let actorRole = FileRole.entity(EntityKey(.actor, EntityID("a")!))

    @Test func invalidYAML() {
        let parsed = parse("---\ntitle: [unclosed\ndate: 2022\n---\nBody\n")
        #expect(parsed.diagnostics.map(\.code.rawValue) == ["invalid-yaml"])
        // At the bracket left open, not where the parser gave up.
        #expect(parsed.diagnostics.first?.location?.line == 2)
        #expect(parsed.diagnostics.first?.location?.column == 8)
        #expect(parsed.frontMatter == nil)
    }

    @Test func wrongTypes() {
        let parsed = parse("---\nname: X\naliases: {a: b}\ntype: planet\n---\n", path: "Content/actors/a.md", role: actorRole)
        #expect(parsed.diagnostics.summaries == ["front-matter-type@3:10", "invalid-actor-type@4:7"])
    }

    @Test func unknownKeyWarnsWithSuggestion() {
        let parsed = parse("---\ntitel: X\n---\nBody\n")
        #expect(parsed.diagnostics.summaries.first == "unknown-key@2:1")
        #expect(parsed.diagnostics.first?.message.contains("did you mean 'title'") == true)
        #expect(parsed.diagnostics.first?.severity == .warning)
    }

    @Test func badDate() {
        let parsed = parse("---\nname: X\ndate: 2022-13-45\n---\n", path: "Content/events/e.md", role: eventRole)
        #expect(parsed.diagnostics.summaries == ["invalid-date@3:7"])
        let tomorrow = parse("---\nname: X\ndate: tomorrow\n---\n", path: "Content/events/e.md", role: eventRole)
        #expect(tomorrow.diagnostics.summaries == ["invalid-date@3:7"])
    }

    @Test func invalidUTF8() {
        let bytes = Array("---\ntitle: X\n---\nline four\nbad ".utf8) + [0xC3, 0x28] + Array(" here\n".utf8)
        let parsed = parse(bytes: bytes)
        #expect(parsed.diagnostics.summaries == ["invalid-utf8@5:5"])
    }

    @Test func emptyFile() {
        #expect(parse("").diagnostics.map(\.code.rawValue) == ["empty-file"])
    }

    @Test func onlyFrontMatter() {
        let parsed = parse("---\ntitle: Only\n---\n")
        #expect(parsed.diagnostics.summaries == ["empty-body@1:1"])
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("no meta"); return }
        #expect(meta.title == "Only")
    }

    @Test func unterminatedFrontMatter() {
        #expect(parse("---\ntitle: X\nBody\n").diagnostics.summaries == ["front-matter-unterminated@1:1"])
    }

    @Test func frontMatterThatIsAList() {
        #expect(parse("---\n- a\n- b\n---\nBody\n").diagnostics.summaries == ["front-matter-type@2:1"])
    }

    @Test func aliasBombIsRejectedQuickly() {
        let bomb = """
        ---
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
        ---
        """
        #expect(parse(bomb + "\n").diagnostics.summaries == ["yaml-anchor@2:4"])
    }

    @Test func duplicateKeys() {
        #expect(parse("---\ntitle: A\ntitle: B\n---\nBody\n").diagnostics.map(\.code.rawValue) == ["duplicate-key"])
    }

    @Test func deepFlowNesting() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(parse("---\ntitle: \(deep)\n---\nBody\n").diagnostics.map(\.code.rawValue) == ["yaml-too-deep"])
    }

    @Test func nulByteIsReportedAndSurvived() {
        let parsed = parse(bytes: Array("Text \u{0} here [[iran]]\n".utf8))
        #expect(parsed.diagnostics.summaries == ["nul-byte@1:6"])
        #expect(parsed.mentions.count == 1)
    }
}
