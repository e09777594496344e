import Building
import Foundation
import Loading
import Model
@testable import Rendering
import Testing
import TestSupport

/// Briefing pages and the single files `dossier brief` writes.
@Suite struct BriefingTests {
    static let example = Repository.root
    static let exampleBriefing = "Content/briefings/tajikistan-iran-rapprochement.md"

    func options(_ site: URL) -> BuildOptions {
        var options = BuildOptions(site: site)
        options.builtinTheme = Repository.templates
        return options
    }

    func brief(_ target: BriefTarget, site: URL = FixtureSiteTests.site) throws -> String {
        let brief = Builder.brief(options(site), target: target)
        #expect(brief.diagnostics.filter { $0.severity == .error }.isEmpty, "\(brief.diagnostics)")
        return try #require(brief.html, "\(brief.failure ?? "no html")")
    }

    @Test(arguments: [
        (FixtureSiteTests.site, BriefTarget.document("Content/briefings/outlook.md")),
        (FixtureSiteTests.site, BriefTarget.entity("actor:iran")),
        (BriefingTests.example, BriefTarget.document(BriefingTests.exampleBriefing)),
        (BriefingTests.example, BriefTarget.entity("actor:iran")),
        (BriefingTests.example, BriefTarget.entity("theme:security")),
        (BriefingTests.example, BriefTarget.entity("event:ababil-2-factory")),
    ])
    func singleFileMakesNoRequestOfAnyKind(site: URL, target: BriefTarget) throws {
        let html = try brief(target, site: site)
        let page = HTMLScanner(html)
        #expect(page.tags.count > 30)
        for reference in page.references {
            let lower = reference.lowercased().filter { !$0.isWhitespace }
            #expect(lower.hasPrefix("#") || lower.hasPrefix("data:image/"), "\(reference.prefix(60)) would be requested")
        }
        #expect(page.scripts.isEmpty)
        #expect(!page.tags.contains { $0.name == "link" || $0.name == "iframe" || $0.name == "object" || $0.name == "embed" || $0.name == "base" })
        let policy = page.tags.first { $0.name == "meta" && $0.attribute("http-equiv")?.lowercased() == "content-security-policy" }
        #expect(policy?.attribute("content")?.contains("default-src 'none'") == true)
        #expect(page.styles.contains { $0.contains(".judgment") }, "the theme's briefing.css is inlined")
    }

    @Test func documentBriefingEmbedsImagesAndTurnsLinksIntoNotes() throws {
        let html = try brief(.document("Content/briefings/outlook.md"))
        let page = HTMLScanner(html)
        let image = try #require(page.tags.first { $0.name == "img" })
        #expect(image.attribute("alt") == "A map")
        let uri = try #require(image.attribute("src"))
        #expect(uri.hasPrefix("data:image/svg+xml;base64,"))
        // The image's own drawing, without anything that could run.
        let svg = try Data(contentsOf: FixtureSiteTests.site.appendingPathComponent("Content/briefings/map.svg"))
        let sanitised = try #require(SVGSanitizer.sanitize([UInt8](svg)))
        #expect(Data(base64Encoded: String(uri.dropFirst("data:image/svg+xml;base64,".count))) == Data(sanitised))
        // The outside link is a numbered note whose address is text; the link to another
        // page of the site is plain text.
        #expect(html.contains("as reported<sup class=\"note-ref\"><a href=\"#_note-1\">1</a></sup>"))
        #expect(html.contains("<li id=\"_note-1\"><span class=\"url\">https://example.org/report</span></li>"))
        #expect(html.contains("and the first article says"))
        // Mentions are text marked by kind; the annex explains them.
        #expect(html.contains("<span class=\"mention mention-actor\">Iran</span>"))
        #expect(page.text.contains("TLP:GREEN · Community only"))
        #expect(html.contains("@top-center { content: \"TLP:GREEN · Community only\"; }"))
        #expect(page.text.contains("Information cut-off: 30 June 2022"))
        #expect(page.text.contains("Likely (55–80%)") || html.contains("Likely <span class=\"muted\">(55–80%)</span>") || html.contains("likely <span class=\"muted\">(55–80%)</span>"))
        #expect(page.text.contains("CABAR.asia, An essay"))
        #expect(page.text.contains("Estimative language"))
    }

    /// The annex of the example briefing lists exactly the entities its text mentions.
    @Test func annexListsExactlyTheEntitiesMentioned() throws {
        let generation = Pipeline.generate(options(Self.example))
        let site = try #require(generation.site)
        let file = try #require(site.files.firstIndex { $0.path == Self.exampleBriefing })
        let html = try brief(.document(Self.exampleBriefing), site: Self.example)
        let annex = String(try #require(html.range(of: "<section class=\"annex\"").map { html[$0.lowerBound...] }))
        for kind in EntityKind.allCases {
            var expected = Set(site.resolutions[file].compactMap { $0 }.filter { site.entities[$0].kind == kind }.map { site.entities[$0].name })
            if kind == .theme { expected.formUnion((site.documentThemes[file] ?? []).map { site.entities[$0].name }) }
            let listed = Set(Self.annexNames(annex, kind: kind))
            #expect(listed == expected, "\(kind): \(listed.symmetricDifference(expected))")
            #expect(!expected.isEmpty)
        }
    }

    /// Names the annex lists for a kind: actors by their marked name, events and themes by
    /// their list items.
    static func annexNames(_ annex: String, kind: EntityKind) -> [String] {
        func section(_ id: String) -> String {
            guard let start = annex.range(of: "id=\"\(id)\"") else { return "" }
            let rest = annex[start.upperBound...]
            return String(rest[..<(rest.range(of: "</section>")?.lowerBound ?? rest.endIndex)])
        }
        func between(_ text: String, _ open: String, _ close: String) -> [String] {
            text.components(separatedBy: open).dropFirst().compactMap { $0.components(separatedBy: close).first }
                .map { HTMLScanner($0).text.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        switch kind {
        case .actor: return between(section("_annex-actors"), "<span class=\"mention-actor\">", "</span>")
        case .event: return between(section("_annex-events"), "<span class=\"strip-name\" dir=\"auto\">", "</span>")
        case .theme: return between(section("_annex-themes"), "<li dir=\"auto\">", "</li>")
        }
    }

    @Test func entityBriefingShowsItsEventsInDateOrder() throws {
        let html = try brief(.entity("actor:tajikistan"))
        let civilWar = try #require(html.range(of: "Tajik civil war"))
        let factory = try #require(html.range(of: "Opening of the Ababil-2 drone factory"))
        #expect(civilWar.lowerBound < factory.lowerBound)
        #expect(html.contains("took part"))

        // On the example site, every dated event of Iran's timeline follows the one before.
        let iran = try brief(.entity("actor:iran"), site: Self.example)
        let timeline = String(try #require(iran.range(of: "<ol class=\"brief-timeline\">").map { iran[$0.upperBound...] }).prefix { _ in true })
        let list = String(timeline[..<(timeline.range(of: "</ol>")?.lowerBound ?? timeline.endIndex)])
        let dates = HTMLScanner(list).tags.compactMap { $0.name == "time" ? $0.attribute("datetime") : nil }
        #expect(dates.count >= 10)
        #expect(dates == dates.sorted(), "\(dates)")
        let page = HTMLScanner(iran)
        for fact in ["Country", "Q794", "Islamic Republic of Iran", "What the documents say", "Related actors", "Tajikistan"] {
            #expect(page.text.contains(fact), "\(fact)")
        }
    }

    @Test func entitiesAreFoundByKeyIdNameOrAlias() throws {
        let site = try #require(Pipeline.generate(options(FixtureSiteTests.site)).site)
        func key(_ reference: String) -> String? {
            (try? Builder.resolveEntity(reference, in: site).get()).map { site.entities[$0].key.description }
        }
        #expect(key("actor:iran") == "actor:iran")
        #expect(key("iran") == "actor:iran")
        #expect(key("IRI") == "actor:iran")
        #expect(key("islamic  republic of IRAN") == "actor:iran")
        #expect(key("theme:security") == "theme:security")
        let unknown = Builder.resolveEntity("actor:irn", in: site)
        guard case .failure(let failure) = unknown else { Issue.record("resolved an unknown id"); return }
        #expect(failure.description.contains("did you mean 'actor:iran'?"))
        guard case .failure = Builder.resolveEntity("nobody", in: site) else { Issue.record("resolved nobody"); return }
    }

    @Test func siteBuildWritesEachBriefingsSingleFileBesideItsPage() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-brief-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(site: FixtureSiteTests.site, output: output)
        options.builtinTheme = Repository.templates
        #expect(Builder.build(options).succeeded)
        let page = try String(contentsOf: output.appendingPathComponent("briefings/outlook/index.html"), encoding: .utf8)
        let download = HTMLScanner(page).tags.first { $0.name == "a" && $0.attribute("download") != nil }
        #expect(download?.attribute("href") == "briefing.html")
        #expect(page.contains("Download briefing"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../../assets/briefing.css\">"))
        let single = try String(contentsOf: output.appendingPathComponent("briefings/outlook/briefing.html"), encoding: .utf8)
        #expect(single == (try brief(.document("Content/briefings/outlook.md"))))
        // Articles get no single file.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("articles/first/briefing.html").path))
    }

    @Test func aBriefingTooBigForItsImagesSaysWhy() throws {
        let site = try TemporarySite([
            "Content/briefings/b.md": "---\ntitle: B\nbluf: Short.\n---\n![gone](missing.png) ![outside](../../secret.png) ![text](notes.txt)\n",
            "Content/briefings/notes.txt": "not an image",
        ])
        let brief = Builder.brief(site.options(), target: .document("Content/briefings/b.md"))
        #expect(brief.diagnostics.summaries == ["image-not-embedded@5:1", "image-not-embedded@5:22", "image-not-embedded@5:51"])
        #expect(brief.diagnostics[1].message.contains("outside Content/"))
        #expect(brief.diagnostics[2].message.contains("not a PNG"))
        let html = try #require(brief.html)
        #expect(html.contains("[Image: gone]"))
        #expect(!HTMLScanner(html).tags.contains { $0.name == "img" })
        // The site's build and check report the same, as warnings.
        #expect(Builder.check(site.options()).summaries == ["image-not-embedded@5:1", "image-not-embedded@5:22", "image-not-embedded@5:51"])
        let report = Builder.build(site.options())
        #expect(report.succeeded && report.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(site.read("briefings/b/briefing.html")?.contains("[Image: gone]") == true)
    }

    /// Print: a short briefing takes one page, a longer one two; judgments are never split.
    @Test(.enabled(if: ChromiumPDF.executable() != nil, "needs Chromium (apt-get install chromium)"))
    func pdfHasTheExpectedNumberOfPages() throws {
        let judgments = (1...4).map { "  - text: Judgment number \($0) holds.\n    likelihood: likely\n    confidence: moderate\n" }.joined()
        let paragraph = "[[iran]] and [[tajikistan]] keep talking about security, trade and the border, as analysts expected. "
        func site(paragraphs: Int) throws -> TemporarySite {
            try TemporarySite([
                "Content/actors/iran.md": "---\nname: Iran\ntype: country\n---\nA country.\n",
                "Content/actors/tajikistan.md": "---\nname: Tajikistan\ntype: country\n---\nA country.\n",
                "Content/briefings/b.md": "---\ntitle: B\nclassification: \"TLP:CLEAR\"\nbluf: Short.\njudgments:\n\(judgments)---\n"
                    + String(repeating: "## Part\n\n" + String(repeating: paragraph, count: 4) + "\n\n", count: paragraphs),
            ])
        }
        for (paragraphs, pages) in [(1, 1), (7, 2)] {
            let temporary = try site(paragraphs: paragraphs)
            let html = try brief(.document("Content/briefings/b.md"), site: temporary.root)
            let pdf = temporary.root.appendingPathComponent("b.pdf")
            try ChromiumPDF.print(html: html, paper: .a4, to: pdf)
            let count = try Self.pageCount(Data(contentsOf: pdf))
            #expect(count == pages, "\(paragraphs) parts: \(count) pages")
        }
    }

    /// Pages of a PDF as Chromium writes it: the page tree's `/Count`, checked against the
    /// number of page objects.
    static func pageCount(_ pdf: Data) throws -> Int {
        let text = String(decoding: pdf, as: UTF8.self)
        let tree = try #require(text.range(of: "/Type /Pages"))
        let count = try #require(text[tree.upperBound...].range(of: "/Count ")).upperBound
        let pages = try #require(Int(text[count...].prefix { $0.isNumber }))
        let objects = text.components(separatedBy: "/Type /Page\n").count - 1 + text.components(separatedBy: "/Type /Page>").count - 1
        #expect(objects == pages)
        return pages
    }
}
