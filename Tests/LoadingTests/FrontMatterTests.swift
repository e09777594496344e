import Loading
import Model
import Testing
import TestSupport

@Suite struct FrontMatterTests {
    let actorRole = FileRole.entity(EntityKey(.actor, EntityID("emomali-rahmon")!))
    let eventRole = FileRole.entity(EntityKey(.event, EntityID("ababil-2-factory")!))

    @Test func actorFields() throws {
        let parsed = parse("---\nname: Emomali Rahmon\ntype: person\naliases: [Rahmon, President Rahmon]\nwikidata: Q29231\n---\nTajik president.\n",
                           path: "Content/actors/emomali-rahmon.md", role: actorRole)
        #expect(parsed.diagnostics.isEmpty)
        guard case .actor(let meta)? = parsed.frontMatter else { Issue.record("not an actor"); return }
        #expect(meta.name == "Emomali Rahmon")
        #expect(meta.type == .person)
        #expect(meta.aliases == ["Rahmon", "President Rahmon"])
        #expect(meta.wikidata == "Q29231")
    }

    @Test func yaml11ValuesStayText() throws {
        let parsed = parse("---\nname: no\ndate: 1992-01-08\nplace: 062\nactors: [iran]\n---\n", path: "Content/events/x.md", role: eventRole)
        #expect(parsed.diagnostics.isEmpty)
        guard case .event(let meta)? = parsed.frontMatter else { Issue.record("not an event"); return }
        #expect(meta.name == "no")
        #expect(meta.date?.edtf == "1992-01-08")
        #expect(meta.place == "062")
        #expect(meta.actors.map(\.text) == ["iran"])
        #expect(meta.actors.first?.location.line == 5)
    }

    @Test func documentAndBriefingFields() throws {
        let text = """
        ---
        title: "A <b>title</b>"
        date: 2022-07-01
        authors: Jane Doe
        themes: [security]
        source: {publisher: CABAR.asia, url: "https://cabar.asia"}
        bluf: Bottom line.
        judgments:
          - text: Ties deepen.
            likelihood: likely
            confidence: moderate
        ---
        Body.
        """
        let parsed = parse(text + "\n")
        #expect(parsed.diagnostics.isEmpty)
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("not a document"); return }
        #expect(meta.title == "A <b>title</b>")
        #expect(meta.authors == ["Jane Doe"])
        #expect(meta.source == SourceInfo(publisher: "CABAR.asia", url: "https://cabar.asia"))
        #expect(meta.judgments.map(\.likelihood) == [.likely])
        #expect(meta.judgments.first?.location.line == 9)
    }

    /// Dates people write: a time or zone after the day is read as the day; the usual
    /// mistakes get the form to write, and an impossible day says why.
    @Test(arguments: [
        ("2023-01-15T10:30:00Z", "2023-01-15", nil),
        ("2023-01-15 10:30", "2023-01-15", nil),
        ("2020-2021", nil, "a span is written with '/': 2020/2021"),
        ("July 2020", nil, "write it as 2020-07"),
        ("~2020", nil, "the mark goes after the date: 2020~"),
        ("2020-02-30", nil, "February 2020 has 29 days"),
        ("2021-13-01", nil, "there is no month 13"),
    ] as [(String, String?, String?)])
    func datesAsWritten(written: String, read: String?, hint: String?) {
        let parsed = parse("---\ntitle: T\ndate: \(written)\n---\nText.\n")
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("not a document"); return }
        #expect(meta.date?.edtf == read)
        if let hint {
            #expect(parsed.diagnostics.first?.code == .invalidDate)
            #expect(parsed.diagnostics.first?.message.contains(hint) == true, "\(parsed.diagnostics)")
        } else {
            #expect(parsed.diagnostics.isEmpty)
        }
    }

    /// Hugo's TOML front matter between `+++` lines reads like YAML's, lines included.
    @Test func tomlFrontMatterIsRead() throws {
        let text = "+++\ntitle = \"A Hugo post\"\ndate = 2023-01-15T10:30:00Z\ndraft = true\naliases = [\"Old name\"]\nsummary = 'Said \"so\".'\n\n[source]\npublisher = \"Example\"\nurl = \"https://example.org\"\n+++\nBody.\n"
        let parsed = parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("not a document"); return }
        #expect(meta.title == "A Hugo post")
        #expect(meta.date?.edtf == "2023-01-15")
        #expect(meta.draft)
        #expect(meta.aliases == ["Old name"])
        #expect(meta.summary == "Said \"so\".")
        #expect(meta.source?.publisher == "Example" && meta.source?.url == "https://example.org")
        // Keys keep their lines: an unknown one is reported where it is.
        let unknown = parse("+++\ntitle = \"T\"\n\ntitel = \"x\"\n+++\nBody.\n")
        #expect(unknown.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["unknown-key@4"])
        let broken = parse("+++\ntitle = \"T\"\nbad = [1,\n+++\nBody.\n")
        #expect(broken.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["invalid-toml@3"])
        #expect(broken.frontMatter == nil)
    }

    /// A date with `T` and no time fails an assertion inside the TOML parser (found by
    /// fuzzing): it is reported like any other TOML error, and the same text in a string, a
    /// comment or a key is left alone.
    @Test func aDateWithoutItsTimeIsAnError() {
        for value in ["2023-01-15Tx0:30:00", "2023-01-15T:30", "2023-01-15té", "[2023-01-15T\u{17}0:30:00]", "2023-01-15t"] {
            let text = "+++\ntitle = \"T\"\ndate = \(value)\n+++\nBody.\n"
            let parsed = parse(text)
            #expect(parsed.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["invalid-toml@3"], "\(value)")
            #expect(parsed.diagnostics.first?.message.contains("expected a time") == true, "\(parsed.diagnostics)")
        }
        let fine = parse("+++\ntitle = \"2023-01-15Tx\"\n# 2023-01-15Tx\nsummary = '''\n2023-01-15Tx'''\nx2023-01-15T = 1\ndate = 2023-01-15T10:30:00Z\n+++\nBody.\n")
        #expect(!fine.diagnostics.contains { $0.code == .invalidTOML }, "\(fine.diagnostics)")
    }

    /// An unclosed bracket is reported where it opens, not where the text ends.
    @Test func aYAMLErrorPointsAtItsOwnLine() {
        let parsed = parse("---\nname: African Union\ntype: organization\naliases: [AU\n---\nText.\n",
                           path: "Content/actors/au.md", role: actorRole)
        #expect(parsed.diagnostics.map(\.code) == [.invalidYAML])
        #expect(parsed.diagnostics.first?.location == SourceLocation(path: "Content/actors/au.md", line: 4, column: 10))
    }

    @Test func anEmptyDateWarnsAndNearMissesOfTheEstimativeTermsAreNamed() {
        let empty = parse("---\ntitle: T\ndate:\n---\nText.\n")
        #expect(empty.diagnostics.map(\.code) == [.missingDate])
        let judgment = parse("---\ntitle: T\nbluf: Short.\njudgments:\n  - text: It will rain.\n    likelihood: highly likely\n    confidence: high\n---\nText.\n",
                             path: "Content/briefings/b.md", role: .document(section: "briefings", urlPath: "briefings/b"))
        #expect(judgment.diagnostics.contains { $0.message.contains("(did you mean 'very likely'?)") }, "\(judgment.diagnostics)")
    }

    @Test func titleFallsBackToAnOpeningHeadingWhichLeavesTheBody() {
        let parsed = parse("# The *Heading*\n\nText.\n\n## Part\n")
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("no meta"); return }
        #expect(meta.title == "The Heading")
        #expect(parsed.body.segments == [.html("<p>Text.</p>\n<h2 id=\"part\">Part</h2>\n")])
    }

    @Test func bodyHeadingsMoveDownWhenTheBodyUsesLevelOne() {
        let parsed = parse("---\ntitle: T\n---\n# One\n\n## Two\n\n###### Six\n")
        #expect(parsed.headings.map(\.level) == [2, 3, 6])
        let html = parsed.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(!html.contains("<h1"))
    }
}
