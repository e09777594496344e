import Building
import Foundation
import Model
import Testing
import TestSupport

/// Tables, footnotes, callouts and comments through a whole build: on document pages, on
/// entity pages that quote them, in the single files briefings become, and nowhere they
/// should not be.
@Suite struct MarkdownSyntaxSiteTests {
    static let files = [
        "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
        "Content/actors/russia.md": "---\nname: Russia\n---\nA country.\n",
        "Content/articles/a.md": """
            ---
            title: A
            ---
            ### First
            ### Second
            ## Third

            [[iran]] signed sixteen documents.[^docs] See https://example.org/report.

            | Partner | Trade |
            | --- | --: |
            | [[Russia]] | $1 bn |

            > [!warning] Unconfirmed
            > The figure is disputed.

            %%draft note: zebraword [[russia]]%%

            [^docs]: As announced; zebra-free note on [[russia|Moscow]].

            """,
        "Content/briefings/b.md": """
            ---
            title: B
            bluf: "Iran moves closer."
            judgments:
              - text: "It continues."
                likelihood: likely
                confidence: moderate
            ---
            [[iran]] acted[^1] after a [report](https://example.org/r) and a [second](https://example.org/s).[^2]

            | Year | Trade |
            | --- | --: |
            | 2021 | $180 m |

            > [!tip]- Method
            > Folded in the page, open on paper.

            [^1]: First source, see https://example.org/src.
            [^2]: Second source.

            """,
    ]

    func build() throws -> TemporarySite {
        let site = try TemporarySite(Self.files, config: "title: T\nbaseURL: https://example.org/\n")
        let report = Builder.build(site.options())
        #expect(report.succeeded && report.diagnostics.isEmpty, "\(report.diagnostics)")
        return site
    }

    @Test func contentsListKeepsSiblingsSideBySide() throws {
        let site = try build()
        let page = try #require(site.read("articles/a/index.html"))
        let toc = try #require(page.range(of: "<nav class=\"toc\"").map { String(page[$0.lowerBound...].prefix(600)) })
        // Three entries at one level: Second is not nested under First.
        #expect(toc.components(separatedBy: "<li>").count - 1 == 3)
        #expect(!toc.contains("<ol><li><a href=\"#second\""))
    }

    @Test func entityPagesQuoteTableRowsAndKeepFootnotes() throws {
        let site = try build()
        let russia = try #require(site.read("actors/russia/index.html"))
        #expect(russia.contains("<mark>Russia</mark> $1 bn"))
        let iran = try #require(site.read("actors/iran/index.html"))
        #expect(iran.contains("signed sixteen documents.<sup class=\"snippet-note-ref\">1</sup>"))
        #expect(iran.contains("<span class=\"snippet-note\"><sup>1</sup> As announced; zebra-free note on Moscow.</span>"))
        // The mention in the footnote counts for Russia, at its own place.
        #expect(russia.contains("zebra-free note on <mark>Moscow</mark>"))
    }

    @Test func commentsReachNoOutput() throws {
        let site = try build()
        let files = FileManager.default.enumerator(at: site.output, includingPropertiesForKeys: nil)!
        var checked = 0
        for case let url as URL in files where !url.hasDirectoryPath {
            let text = String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self)
            #expect(!text.contains("zebraword"), "\(url.lastPathComponent) holds a comment's text")
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func briefingSingleFileNumbersFootnotesWithLinks() throws {
        let site = try build()
        let brief = Builder.brief(site.options(), target: .document("Content/briefings/b.md"))
        let html = try #require(brief.html, "\(brief.failure ?? "")")
        // Reading order: footnote 1, link, link, footnote 2, then the link inside footnote 1.
        let refs = html.components(separatedBy: "class=\"note-ref\"><a href=\"#_note-").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(refs == ["1", "2", "3", "4", "5"])
        let list = try #require(html.range(of: "<section class=\"footnotes endnotes\"").map { String(html[$0.lowerBound...]) })
        #expect(list.contains("<li id=\"_note-1\">\n<p>First source"))
        #expect(list.contains("<li id=\"_note-2\"><span class=\"url\">https://example.org/r</span>\n</li>"))
        #expect(list.contains("<li id=\"_note-4\">\n<p>Second source.</p>"))
        #expect(!html.contains("class=\"footnote-backref"))
        #expect(!html.contains("Links in the text"), "the annex does not list the links a second time")
        // Tables and callouts carry their styles into the file, which links no sheet.
        #expect(html.contains("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>"))
        #expect(html.contains("<td style=\"text-align: right\">$180 m</td>"))
        // Paper cannot open a folded callout: the single file shows it open, the page folded.
        #expect(site.read("briefings/b/index.html")?.contains("<details class=\"callout callout-tip\" data-callout=\"tip\">") == true)
        #expect(html.contains("<div class=\"callout callout-tip\" data-callout=\"tip\">\n<p class=\"callout-title\">Method</p>"))
        #expect(html.contains(".table-wrap { overflow-x: auto") && html.contains(".callout-tip {"))
    }
}
