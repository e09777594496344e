@testable import Loading
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

    /// Broken TOML is reported where it breaks, never a crash: these aborted the build in
    /// the C++ parser Dossier used before (found by fuzzing and review).
    @Test(arguments: [
        ("date = 2023-01-15Tx0:30:00", 3), ("date = 2023-01-15T:30", 3), ("date = 2023-01-15t", 3),
        ("date = 2023-01-15 1", 3), ("date = 2023-01-15_ 0", 3), ("tags = [\"a\",}]", 3),
        ("note = '''x''''\ndate = 2023-01-15T\u{17}0:30:00", 4), ("bad = \"a\\qb\"", 3), ("x = 0x", 3),
        ("x = [1, 2", 3), ("x = {a = 1, a = 2}", 3), ("[a]\nx = 1\n[a]", 5), ("x = 1\n[x]", 4), ("a.b = 1\n[a.b]", 4),
        ("x = \"\u{7F}\"", 3), ("= 1", 3), ("x = 1 y = 2", 3), ("x = 2023-02-30", 3), ("x = 24:00:00", 3), ("x = 012", 3),
        ("x = \"\"\"never closed", 3), ("[[a]]\n[a]", 4), ("a = [1]\n[[a]]", 4),
    ])
    func brokenTOMLIsAnError(value: String, line: Int) {
        let parsed = parse("+++\ntitle = \"T\"\n\(value)\n+++\nBody.\n")
        #expect(parsed.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["invalid-toml@\(line)"], "\(value): \(parsed.diagnostics)")
    }

    /// The whole of TOML as Hugo sites write it, read as its values.
    @Test func everyKindOfTOMLValueIsRead() throws {
        let toml = #"""
        title = "Tab\there \u00e9 \U0001F600"
        'literal key' = 'C:\path'
        "quoted.key" = """
        first \
           joined
        last"""
        raw = '''
        keeps \n as is'''
        numbers = [1_000, -17, +5, 0xff, 0o17, 0b101, 3.5, -2e-3, 6.0E+2, inf, -inf, nan]
        flags = [true, false]
        dates = [1979-05-27T07:32:00Z, 1979-05-27 07:32:00-07:00, 1979-05-27t07:32:00.999, 1979-05-27, 07:32:00]
        nested = [[1, 2], ["a", 'b'], [], [ # a comment
          3,
        ]]
        point = { x = 1, y.z = "deep" }
        site.name = "dotted"  # a comment
        [source]
        publisher = "Example"
        [source.extra]
        note = "n"
        [[judgments]]
        text = "One."
        [[judgments]]
        text = "Two."
        """#
        let table = try TOMLReader.read(toml).get()
        func show(_ value: TOMLReader.Value?) -> String { value.map(TOMLFrontMatter.json) ?? "nil" }
        #expect(table.keys == ["title", "literal key", "quoted.key", "raw", "numbers", "flags", "dates", "nested", "point", "site", "source", "judgments"])
        #expect(show(table.values["title"]) == #""Tab\there é 😀""#)
        #expect(show(table.values["literal key"]) == #""C:\\path""#)
        #expect(show(table.values["quoted.key"]) == #""first joined\nlast""#)
        #expect(show(table.values["raw"]) == #""keeps \\n as is""#)
        #expect(show(table.values["numbers"]) == #"["1000", "-17", "5", "255", "15", "5", "3.5", "-0.002", "600.0", "inf", "-inf", "nan"]"#)
        #expect(show(table.values["flags"]) == #"["true", "false"]"#)
        #expect(show(table.values["dates"]) == #"["1979-05-27T07:32:00Z", "1979-05-27T07:32:00-07:00", "1979-05-27T07:32:00.999", "1979-05-27", "07:32:00"]"#)
        #expect(show(table.values["nested"]) == #"[["1", "2"], ["a", "b"], [], ["3"]]"#)
        #expect(show(table.values["point"]) == #"{"x": "1", "y": {"z": "deep"}}"#)
        #expect(show(table.values["site"]) == #"{"name": "dotted"}"#)
        #expect(show(table.values["source"]) == #"{"publisher": "Example", "extra": {"note": "n"}}"#)
        #expect(show(table.values["judgments"]) == #"[{"text": "One."}, {"text": "Two."}]"#)
        #expect(table.lines["source"] == 17 && table.lines["judgments"] == 21)
    }

    /// Deep nesting and long keys are refused, not a stack overflow; each `[[a]]` element
    /// starts afresh; large front matter is read (in linear time: tables are added to in place).
    @Test func extremeTOMLIsRefusedOrReadQuickly() throws {
        let deepInline = "a = " + String(repeating: "{b=", count: 3000) + "1" + String(repeating: "}", count: 3000)
        let deepMixed = "a = " + String(repeating: "[{b=", count: 3000) + "1" + String(repeating: "}]", count: 3000)
        let longKey = Array(repeating: "a", count: 5000).joined(separator: ".") + " = 1"
        let longHeader = "[" + Array(repeating: "a", count: 5000).joined(separator: ".") + "]"
        for text in [deepInline, deepMixed, longKey, longHeader] {
            guard case .failure(let failure) = TOMLReader.read(text) else { Issue.record("read \(text.prefix(30))…"); continue }
            #expect(failure.message.contains("nest too deeply") || failure.message.contains("parts"), "\(failure)")
        }
        for valid in ["[[a]]\nb = {c = 1}\n[[a]]\n[a.b]\nc = 2", "[[a]]\nb = [1]\n[[a]]\nb.d = 1", "[[a]]\nb = [1]\n[[a]]\n[[a.b]]"] {
            guard case .success = TOMLReader.read(valid) else { Issue.record("refused \(valid.debugDescription)"); continue }
        }
        // 20,000 keys under one header and 5,000 arrays of tables with a sub-table each.
        let many = "[t]\n" + (0..<20_000).map { "k\($0) = \($0)" }.joined(separator: "\n")
            + "\n" + (0..<5_000).map { "[[j]]\ntext = \"\($0)\"\n[j.source]\nname = \"s\"" }.joined(separator: "\n")
        let table = try TOMLReader.read(many).get()
        guard case .tables(let list)? = table.values["j"], case .table(let t)? = table.values["t"] else { Issue.record("not read"); return }
        #expect(list.items.count == 5_000 && t.keys.count == 20_000)
    }

    /// Front matter with Windows line breaks keeps each key on its line.
    @Test func crlfTOMLKeepsItsLines() {
        let parsed = parse("+++\r\ntitle = \"X\"\r\n\r\n\r\ndate = \"not a date\"\r\nbogus = 1\r\n+++\r\nBody.\r\n")
        #expect(parsed.diagnostics.map { "\($0.code)@\($0.location!.line)" }.sorted() == ["invalid-date@5", "unknown-key@6"], "\(parsed.diagnostics)")
        // Characters YAML reads as line breaks or refuses, in a TOML string, stay in the string.
        let odd = parse("+++\ntitle = \"a\\u2028b\\u007Fc\\uFFFEd\\u0085e\"\ndate = \"not a date\"\n+++\nBody.\n")
        #expect(odd.diagnostics.map { "\($0.code)@\($0.location!.line)" } == ["invalid-date@3"], "\(odd.diagnostics)")
        if case .document(let meta)? = odd.frontMatter { #expect(meta.title == "a\u{2028}b\u{7F}c\u{FFFE}d\u{85}e") }
    }

    /// Mangled TOML never traps or hangs the reader: bytes of a document with every kind of
    /// value are changed, cut and repeated at random, thousands of times.
    @Test func mangledTOMLIsReadOrRefused() {
        let seed = Array("title = \"T\\u00e9\"\nx = [1, 2.5e3, 0x1F, {a.b = 'c'}]\ndate = 1979-05-27T07:32:00Z\n[t]\ns = \"\"\"\nline \\\n next\"\"\"\n[[a]]\nk = '''x'''\n".utf8)
        let alphabet = Array("\"'[]{}=.,#\\\n\r\t ux0123456789-+:TZe_é".utf8) + [0x00, 0x7F, 0xFF]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes = seed
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: at)
                case 2: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &generator)))
                default: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 12)], at: at)
                }
                if bytes.isEmpty { bytes = seed }
            }
            switch TOMLReader.read(String(decoding: bytes, as: UTF8.self)) {
            case .success: break
            case .failure(let failure): #expect(failure.line >= 1 && failure.column >= 1)
            }
        }
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
