import Foundation
import Loading
import Model
import Testing
import TestSupport

/// The parse for single files: same mentions as the site's, nothing that makes a request.
@Suite struct StandaloneParseTests {
    func standalone(_ text: String, rawHTML: Bool = true, embed: @escaping (String, Model.SourceLocation) -> String? = { _, _ in nil })
        -> (site: ParsedFile, single: ParsedFile, notes: [String], html: String) {
        let file = ContentFile(path: "Content/briefings/b.md", role: .document(section: "briefings", urlPath: "briefings/b"), bytes: Array(text.utf8))
        let parser = FileParser(allowRawHTML: rawHTML)
        let (single, notes) = parser.parseStandalone(file, embedImage: embed)
        let html = single.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        return (parser.parse(file), single, notes, html)
    }

    /// Footnote references the single file drops with their image, or that sit in a
    /// definition nothing cites, were once renumbered after they were freed (the fuzzer,
    /// under AddressSanitizer).
    @Test func footnotesInDroppedPlacesAreNotRenumbered() {
        let text = "---\ntitle: B\n---\n![see[^1]](https://example.org/m.png) and text[^2].\n\n[^1]: in the image\n[^2]: cited, see [site](https://example.org/s)\n[^3]: unused, citing[^1]\n"
        let (_, single, _, html) = standalone(text)
        #expect(html.contains("text<sup class=\"note-ref\"><a href=\"#_note-"))
        #expect(single.diagnostics.contains { $0.code == .footnoteUnused })
    }

    @Test func mentionsAreTheSiteParsesInTheSameOrder() {
        let text = """
        ---
        title: B
        ---
        [[iran]] and [Tehran](actor:tehran) meet [[event:x|at X]] in [a link with [[russia]]](https://example.org).

        ![a [[map]] of it](map.png) and `[[code]]` <b>[[raw]]</b>
        """
        let (site, single, _, _) = standalone(text)
        #expect(single.mentions == site.mentions)
        #expect(single.blocks == site.blocks)
        #expect(single.diagnostics == site.diagnostics)
    }

    @Test func linksBecomeTextWithNumberedNotesAndAnchorsStay() {
        let (_, _, notes, html) = standalone("""
        ---
        title: B
        ---
        [One](https://a.example/x) and [two](https://b.example) and [one again](https://a.example/x),
        [mail](mailto:desk@example.org), [a page](../articles/a.md), [a file](report.pdf), [below](#part),
        [protocol-relative](//c.example/y) and <https://d.example/auto>.

        ## Part
        """)
        #expect(notes == ["https://a.example/x", "https://b.example", "mailto:desk@example.org", "//c.example/y", "https://d.example/auto"])
        #expect(html.contains("One<sup class=\"note-ref\"><a href=\"#_note-1\">1</a></sup>"))
        #expect(html.contains("one again<sup class=\"note-ref\"><a href=\"#_note-1\">1</a></sup>"))
        #expect(html.contains("a page, a file, <a href=\"#part\">below</a>"))
        let scanner = HTMLScanner(html)
        #expect(scanner.references.allSatisfy { $0.hasPrefix("#") }, "\(scanner.references)")
    }

    @Test func imagesAreEmbeddedOrLeftOutWithTheirAltText() {
        var asked: [String] = []
        let (_, _, notes, html) = standalone("""
        ---
        title: B
        ---
        ![Map](img/map.png) ![Remote](https://e.example/x.png) ![Missing](gone.png)
        [![Linked](img/map.png)](https://f.example)
        """) { url, location in
            asked.append("\(url)@\(location.line):\(location.column)")
            return url == "img/map.png" ? "data:image/png;base64,AAAA" : nil
        }
        #expect(asked == ["img/map.png@4:1", "gone.png@4:56", "img/map.png@5:2"])
        #expect(html.contains("<img src=\"data:image/png;base64,AAAA\" alt=\"Map\" />"))
        #expect(html.contains("<span class=\"image-omitted\">[Image: Remote]</span><sup class=\"note-ref\"><a href=\"#_note-1\">1</a></sup>"))
        #expect(html.contains("<span class=\"image-omitted\">[Image: Missing]</span>"))
        #expect(notes == ["https://e.example/x.png", "https://f.example"])
    }

    @Test func notesAreNumberedInReadingOrder() {
        let (_, _, notes, html) = standalone("---\ntitle: B\n---\n[![Logo](https://i.example/l.png) and text](https://site.example)\n")
        #expect(notes == ["https://i.example/l.png", "https://site.example"])
        let first = html.range(of: "#_note-1")!, second = html.range(of: "#_note-2")!
        #expect(first.lowerBound < second.lowerBound)
    }

    @Test func rawHTMLIsLeftOutEvenWhenTheSiteAllowsIt() {
        let (site, _, _, html) = standalone("---\ntitle: B\n---\n<img src=\"https://track.example/p.gif\">\n\n<iframe src=\"https://x.example\"></iframe>\n")
        let siteHTML = site.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(siteHTML.contains("track.example"))
        #expect(!html.contains("example"))
    }

    @Test func imageEmbedderStaysInsideContent() throws {
        let site = try TemporarySite([
            "Content/briefings/img/map.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            "Content/shared/logo.png": "PNG",
            "secret.png": "secret",
        ])
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/briefings/link.png").path,
                                                   withDestinationPath: site.root.appendingPathComponent("secret.png").path)
        let embedder = ImageEmbedder(site: site.root, maxBytes: 100)
        let document = "Content/briefings/b.md"
        #expect(try embedder.embed("img/map.svg", in: document).get().hasPrefix("data:image/svg+xml;base64,"))
        #expect(try embedder.embed("./img/../img/map.svg?v=2#x", in: document).get().hasPrefix("data:image/svg+xml;base64,"))
        #expect(try embedder.embed("/shared/logo.png", in: document).get() == "data:image/png;base64,UE5H")
        #expect(try embedder.embed("../shared/logo%2Epng", in: document).get() == "data:image/png;base64,UE5H")
        #expect(embedder.embed("../../secret.png", in: document) == .failure(.outsideContent))
        #expect(embedder.embed("link.png", in: document) == .failure(.outsideContent))
        #expect(embedder.embed("b.md", in: document) == .failure(.notAnImage))
        if case .failure(.unreadable) = embedder.embed("nope.png", in: document) {} else { Issue.record("a missing file was embedded") }
        try site.write("Content/briefings/big.png", Data(count: 101))
        #expect(embedder.embed("big.png", in: document) == .failure(.tooLarge(101, limit: 100)))
    }
}
