import Building
import Foundation
import Model
import Testing
import TestSupport

/// Every link is checked when the site builds (DESIGN §2b): a Markdown link or image to a
/// file or heading the site does not have, a link out of the content folder and a scheme
/// that looks like a typed link's are warnings at `file:line:col`, with a suggestion.
@Suite struct LinkCheckTests {
    @Test func brokenLinksAreReportedWhereTheyAreWritten() throws {
        let site = try TemporarySite([
            "Content/articles/origins.md": "---\ntitle: Origins\n---\n## Early years\n\nText.\n",
            "Content/articles/images/map.png": "png",
            "Content/themes/water-security.md": "---\nname: Water security\n---\n",
            "Content/articles/a.md": """
            ---
            title: A
            ---
            See [x](nothere.md), [y](origins.md#nope), [z](origins.md#early-years) and [w](Origins.MD).

            ![Map](images/nile-map.png) ![ok](images/map.png) ![s](../../../etc/hostname)

            On [water security](topic:water-security), [it](Theme:water-security) and [typo](theme:water-secuirty).

            [Up](#nowhere) and [down](#below).

            ## Below
            """,
        ])
        let report = Builder.build(site.options())
        #expect(report.succeeded)
        #expect(report.diagnostics.map(\.description) == [
            "Content/articles/a.md:4:5: warning: no page for 'nothere.md' (from articles/nothere.md) [broken-link]",
            "Content/articles/a.md:4:22: warning: no heading 'nope' on the linked page [unknown-fragment]",
            "Content/articles/a.md:6:1: warning: no file 'images/nile-map.png' (from articles/images/nile-map.png) [broken-link]",
            "Content/articles/a.md:6:51: warning: '../../../etc/hostname' leads out of the content folder; only the site's own files are published [broken-link]",
            "Content/articles/a.md:8:4: warning: 'topic:water-security' is no typed link: write theme:… (lowercase) to link an entity [unknown-scheme]",
            "Content/articles/a.md:8:44: warning: 'Theme:water-security' is no typed link: write theme:… (lowercase) to link an entity [unknown-scheme]",
            "Content/articles/a.md:8:75: warning: no file for theme:water-secuirty (did you mean 'theme:water-security'?); a stub page is created [stub-entity]",
            "Content/articles/a.md:10:1: warning: no heading 'nowhere' on the linked page [unknown-fragment]",
        ])
        // `.MD` is a Markdown file like `.md`: its link leads to the page.
        let page = try String(contentsOf: site.output.appendingPathComponent("articles/a/index.html"), encoding: .utf8)
        #expect(page.contains("<a href=\"../origins/index.html\">w</a>"))
    }
}
