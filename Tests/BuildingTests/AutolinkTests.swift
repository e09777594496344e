import Building
import Foundation
import Model
import Testing
import TestSupport

/// `autolink: first | all | off` and `dossier check --unlinked`.
@Suite struct AutolinkTests {
    static let files = [
        "Content/actors/iran.md": "---\nname: Iran\naliases: [IRI, Islamic Republic of Iran]\n---\nA country; Iran itself is not linked here.\n",
        "Content/actors/tajikistan.md": "---\nname: Tajikistan\naliases: [Тоҷикистон]\n---\nBorders Afghanistan. Iran is far.\n",
        "Content/actors/iranian-army.md": "---\nname: Iran Army\n---\nShares a word with Iran.\n",
        "Content/articles/a.md": """
            ---
            title: A
            ---
            ## Iran in a heading

            The Islamic Republic of Iran and tajikistan talk; iri is not IRI. Iran again.
            `Iran` in code, [Iran in a link](https://x.org), Iranian, and Тоҷикистон.

            Later [[tajikistan]], then Tajikistan and the Iran Army.

            """,
    ]

    func build(_ mode: String) throws -> (TemporarySite, String, String) {
        let site = try TemporarySite(Self.files, config: "title: T\nautolink: \(mode)\n")
        let report = Builder.build(site.options())
        #expect(report.succeeded && report.diagnostics.isEmpty, "\(report.diagnostics)")
        let article = try #require(site.read("articles/a/index.html"))
        let prose = String(article[article.range(of: "<div class=\"prose\">")!.upperBound...].prefix { _ in true })
        let body = String(prose[..<prose.range(of: "</div>")!.lowerBound])
        let description = try #require(site.read("actors/tajikistan/index.html"))
        return (site, body, description)
    }

    /// The text of each autolink, in order.
    func autolinks(_ html: String) -> [String] {
        html.components(separatedBy: "autolink\" href=\"").dropFirst().compactMap { part in
            part.components(separatedBy: "\">").dropFirst().first?.components(separatedBy: "</a>").first
        }
    }

    @Test func firstLinksEachEntityOnceOutsideCodeLinksAndHeadings() throws {
        let (_, body, description) = try build("first")
        // Longest name first; all-capital aliases only in capitals; each entity once.
        #expect(autolinks(body) == ["Islamic Republic of Iran", "tajikistan", "Iran Army"])
        #expect(body.contains("<h2 id=\"iran-in-a-heading\">Iran in a heading</h2>"))
        #expect(body.contains("<code>Iran</code>"))
        #expect(body.contains("<a href=\"https://x.org\">Iran in a link</a>"))
        #expect(body.contains("Iranian"))
        // Descriptions are linked too, but never to their own entity.
        #expect(autolinks(description) == ["Iran"])
    }

    @Test func allLinksEveryOccurrence() throws {
        let (_, body, _) = try build("all")
        #expect(autolinks(body) == ["Islamic Republic of Iran", "tajikistan", "IRI", "Iran", "Тоҷикистон", "Tajikistan", "Iran Army"])
    }

    @Test func offLinksNothing() throws {
        let (_, body, _) = try build("off")
        #expect(autolinks(body).isEmpty)
    }

    @Test func positionsAreWholeWordsOutsideLinkSyntax() throws {
        let site = try TemporarySite([
            "Content/actors/northland.md": "---\nname: Northland\n---\nA country.\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n\nThe Northlander view of Northland is [[northland]] and [Northland](https://x.org) then `Northland` and Northland.\n",
        ])
        let notes = Builder.check(site.options(), unlinked: true).filter { $0.code == .unlinkedMention }
        #expect(notes.map { "\($0.location!.line):\($0.location!.column)" } == ["5:25", "5:104"])
    }

    /// `check --unlinked` names documents too: a title or alias written as plain text.
    @Test func plainTextDocumentTitlesAreListed() throws {
        let site = try TemporarySite([
            "Content/articles/border-history.md": "---\ntitle: The border history\naliases: [Border story]\n---\nOn the border history itself.\n",
            "Content/articles/a.md": "---\ntitle: A\n---\nRead The border history, or the Border story, or [[border-history]].\n",
        ])
        let notes = Builder.check(site.options(), unlinked: true).filter { $0.code == .unlinkedMention }
        #expect(notes.map(\.description) == [
            "Content/articles/a.md:4:6: note: 'The border history' could be a link to the document articles/border-history: write [[The border history]] [unlinked-mention]",
            "Content/articles/a.md:4:33: note: 'Border story' could be a link to the document articles/border-history: write [[Border story]] [unlinked-mention]",
        ])
    }

    @Test func rawHTMLAttributesAreLeftAlone() throws {
        let site = try TemporarySite([
            "Content/actors/northland.md": "---\nname: Northland\n---\nA country.\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n<abbr title=\"a > Northland\">N</abbr> and Northland.\n",
        ], config: "unsafe_html: true\nautolink: all\n")
        #expect(Builder.build(site.options()).succeeded)
        let page = try #require(site.read("articles/a/index.html"))
        #expect(page.contains("<abbr title=\"a > Northland\">N</abbr> and <a class=\"mention mention-actor autolink\""))
    }

    @Test func autolinksAreNotMentions() throws {
        let (site, _, _) = try build("all")
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: site.output.appendingPathComponent("graph.json"))) as? [String: Any]
        let iran = (graph?["entities"] as? [[String: Any]])?.first { $0["id"] as? String == "iran" }
        #expect((iran?["mentions"] as? [Any])?.isEmpty == true)
    }

    @Test func checkListsUnlinkedNamesWithPositions() throws {
        let site = try TemporarySite(Self.files)
        let notes = Builder.check(site.options(), unlinked: true).filter { $0.code == .unlinkedMention }
        #expect(notes.allSatisfy { $0.severity == .note })
        let article = notes.filter { $0.location?.path == "Content/articles/a.md" }.map { "\($0.location!.line):\($0.location!.column) \($0.message.prefix { $0 != ":" })" }
        #expect(article == [
            "6:5 'Islamic Republic of Iran' could be a mention of actor",
            "6:34 'tajikistan' could be a mention of actor",
            "6:62 'IRI' could be a mention of actor",
            "6:67 'Iran' could be a mention of actor",
            "7:63 'Тоҷикистон' could be a mention of actor",
            "9:28 'Tajikistan' could be a mention of actor",
            "9:47 'Iran Army' could be a mention of actor",
        ])
        // A description never points at its own entity.
        #expect(!notes.contains { $0.location?.path == "Content/actors/iran.md" })
        #expect(notes.contains { $0.location?.path == "Content/actors/tajikistan.md" && $0.message.contains("actor:iran") })
        // Without the flag there are no notes.
        #expect(Builder.check(site.options()).isEmpty)
    }
}
