import Building
import Foundation
import Testing
import TestSupport

/// Pages of a sane length, each thing said once: an entity page quotes a few passages of
/// each document, a document's sidebar has one "Themes", an actor's events are listed once,
/// and a body's opening `# Title` does not repeat the page's title.
@Suite struct PageLengthTests {
    static func section(_ page: String, from start: String, to end: String) -> String {
        guard let from = page.range(of: start), let to = page.range(of: end, range: from.upperBound..<page.endIndex) else { return "" }
        return String(page[from.lowerBound..<to.lowerBound])
    }

    @Test func aDocumentNamingAnEntityOnEveryLineShowsItsFirstPassages() throws {
        let body = (1...10).map { "Paragraph \($0) on [[iran]] and more.\n" }.joined(separator: "\n")
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country; [[iran]] names itself.\n",
            "Content/articles/long.md": "---\ntitle: Long\n---\n" + body,
            "Content/articles/short.md": "---\ntitle: Short\n---\nOnce on [[iran]].\n",
            "Content/actors/tajikistan.md": "---\nname: Tajikistan\n---\nA neighbour of [[iran]].\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        let page = try #require(site.read("actors/iran/index.html"))
        let long = Self.section(page, from: ">Long</a>", to: "</article>")
        #expect(long.components(separatedBy: "<blockquote class=\"snippet\"").count - 1 == 3)
        #expect(long.contains("Paragraph 3 on") && !long.contains("Paragraph 4 on"))
        // The rest are counted, linked at the first one not shown.
        #expect(long.contains("<p class=\"more-passages\"><a href=\"../../articles/long/index.html\">"), "\(long)")
        #expect(long.contains(">7 more passages in this document</a></p>"))
        let short = Self.section(page, from: ">Short</a>", to: "</article>")
        #expect(short.contains("Once on") && !short.contains("more-passages"))
        // Descriptions that name it are listed by their entities, after the documents.
        #expect(page.contains("13 mentions in 2 documents and 1 description and its own description; each document shows its first 3 passages."), "\(page)")
        #expect(!Self.section(page, from: "Named in the descriptions of", to: "</ul>").contains(">Iran</a>"))
        let described = Self.section(page, from: "Named in the descriptions of", to: "</ul>")
        #expect(described.contains("<a class=\"chip chip-actor\" href=\"../../actors/tajikistan/index.html\" dir=\"auto\">Tajikistan</a>"), "\(described)")
        #expect(!page.contains("A neighbour of"))
        #expect(page.range(of: ">Short</a>")!.lowerBound < page.range(of: "Named in the descriptions of")!.lowerBound)
    }

    @Test func eachThingIsListedOnce() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
            "Content/actors/tajikistan.md": "---\nname: Tajikistan\n---\nA country.\n",
            "Content/events/visit.md": "---\nname: Visit\ndate: 2022-05-30\nactors: [iran]\n---\n[[iran]] and [[tajikistan]].\n",
            "Content/events/talks.md": "---\nname: Talks\ndate: 2023\n---\nTalks.\n",
            "Content/themes/security.md": "---\nname: Security\n---\n",
            "Content/themes/energy.md": "---\nname: Energy\n---\n",
            "Content/articles/report.md": "---\ntitle: The report\nthemes: [security]\n---\n# The Report\n\n## Part\n\n[[iran]], [[visit]] and [[talks]] on [[security]] and [[energy]].\n\n## Part two\n\nMore.\n\n## Part three\n\nEnd.\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        let article = try #require(site.read("articles/report/index.html"))
        // One "Themes": the filed ones; the themes only mentioned come under their own heading.
        #expect(article.components(separatedBy: "<h2>Themes</h2>").count - 1 == 1)
        let mentioned = Self.section(article, from: "<h2>Themes mentioned</h2>", to: "</section>")
        #expect(mentioned.contains(">Energy</a>") && !mentioned.contains(">Security</a>"))
        // The body's `# The Report` is the title again: it leaves the body and the contents.
        #expect(article.components(separatedBy: "The Report").count == 1, "the heading is gone")
        #expect(article.contains("<h2 id=\"part\">"))
        let contents = Self.section(article, from: "_toc-heading", to: "</nav>")
        #expect(!contents.isEmpty && !contents.contains("report") && !contents.contains("Report"), "\(contents)")
        // Iran's page lists the visit it took part in once, not again as an event it is mentioned with.
        let iran = try #require(site.read("actors/iran/index.html"))
        let sidebar = Self.section(iran, from: "<aside class=\"entity-sidebar\"", to: "</aside>")
        #expect(sidebar.components(separatedBy: ">Visit</a>").count - 1 == 1, "\(sidebar)")
        #expect(sidebar.contains(">Talks</a>"))
    }

    @Test func aHeadingThatIsNotTheTitleStays() throws {
        let site = try TemporarySite([
            "Content/articles/a.md": "---\ntitle: Report\n---\n# Another heading\n\nText.\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        let page = try #require(site.read("articles/a/index.html"))
        #expect(page.contains(">Another heading</h2>"))
    }
}
