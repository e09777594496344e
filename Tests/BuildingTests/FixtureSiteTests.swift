import Building
import Foundation
import Model
import Testing
import TestSupport

/// The fixture site under `Fixtures/basic-site`, built end to end.
@Suite struct FixtureSiteTests {
    static let site = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/basic-site")
    static let golden = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/basic-site.graph.json")

    func build() throws -> (Builder.Report, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-fixture-\(UUID().uuidString)")
        var options = BuildOptions(site: Self.site, output: output)
        options.builtinTheme = Repository.templates
        return (Builder.build(options), output)
    }

    /// Re-record with `DOSSIER_RECORD=1 swift test`.
    @Test func graphJSONMatchesGolden() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.succeeded)
        #expect(report.diagnostics.map(\.description) == [
            "Content/articles/third.md:5:33: warning: no file for actor:csto; a stub page is created (add Content/actors/csto.md) [stub-entity]",
        ])
        let json = try Data(contentsOf: output.appendingPathComponent("graph.json"))
        if ProcessInfo.processInfo.environment["DOSSIER_RECORD"] != nil {
            try json.write(to: Self.golden)
        }
        let golden = try Data(contentsOf: Self.golden)
        #expect(String(decoding: json, as: UTF8.self) == String(decoding: golden, as: UTF8.self))
    }

    @Test func exportPrintsTheSameGraph() throws {
        var options = BuildOptions(site: Self.site)
        options.builtinTheme = Repository.templates
        let (json, _) = Builder.export(options, format: .json)
        let golden = try Data(contentsOf: Self.golden)
        #expect(json.map { Data($0) } == golden)
    }

    @Test func everyEntityHasAPageLinkedFromWhereItIsMentioned() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.succeeded)
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("graph.json"))) as! [String: Any]
        for entity in graph["entities"] as! [[String: Any]] {
            let url = entity["url"] as! String
            let page = output.appendingPathComponent(url).appendingPathComponent("index.html")
            #expect(FileManager.default.fileExists(atPath: page.path), "missing page \(url)")
            for mention in entity["mentions"] as! [[String: Any]] {
                let source = mention["document"] as! String
                let documents = graph["documents"] as! [[String: Any]]
                let sourceURL = documents.first { $0["path"] as! String == source }?["url"] as? String
                    ?? (graph["entities"] as! [[String: Any]]).first { "Content/\($0["kind"]!)s/\($0["id"]!).md" == source }!["url"] as! String
                let html = try String(contentsOf: output.appendingPathComponent(sourceURL).appendingPathComponent("index.html"), encoding: .utf8)
                let depth = sourceURL.split(separator: "/").count
                let href = String(repeating: "../", count: depth) + url.dropFirst() + "index.html"
                #expect(html.contains("href=\"\(href)\""), "\(sourceURL) does not link \(url)")
            }
        }
    }

    @Test func pagesShowMentionsInContextAndPaginate() throws {
        let (_, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        func page(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }
        let iran = try page("actors/iran/index.html")
        #expect(iran.contains("<mark>Iran</mark>"))
        #expect(iran.contains("Also known as"))
        #expect(iran.contains("href=\"https://www.wikidata.org/wiki/Q794\""))
        #expect(iran.contains("href=\"../../actors/iran/page/2/index.html\""))
        let second = try page("actors/iran/page/2/index.html")
        #expect(second.contains("rel=\"prev\""))
        let tajikistan = try page("actors/tajikistan/index.html")
        #expect(tajikistan.contains("<meta name=\"description\" content=\"Central Asian republic.\">"))
        // A bare mention typed as the name in other letters reads as typed (DESIGN §2b).
        #expect(try page("actors/emomali-rahmon/index.html").contains("<meta name=\"description\" content=\"President of tajikistan.\">"))
        let event = try page("events/ababil-2-factory/index.html")
        #expect(event.contains("16 May 2022"))
        #expect(event.contains("Tajik civil war"))
        let article = try page("articles/first/index.html")
        #expect(article.contains("<a class=\"mention mention-event\" href=\"../../events/ababil-2-factory/index.html\" title=\"Opening of the Ababil-2 drone factory (16 May 2022)\">a factory</a>"))
        #expect(article.contains("Escaped [[iran]]"))
        // Heading ids never clash with the theme's own (which hold `_`), and a bare mention in
        // a heading written as a bare id reads as the entity's name in the table of contents.
        #expect(article.contains("<a href=\"#detail-on-emomali-rahmon\" dir=\"auto\">Detail on Emomali Rahmon</a>"))
        // Links to documents lead to their pages and headings; the linked page lists them.
        let third = try page("articles/third/index.html")
        #expect(third.contains("<a class=\"doc-link\" href=\"../../articles/first/index.html#background\">First article</a>"))
        #expect(third.contains("<a class=\"doc-link\" href=\"../../articles/second/index.html\">second</a>"))
        #expect(article.contains("<h2 id=\"_linked-from-heading\">Linked from</h2>"))
        #expect(article.contains("Background in <mark>First article</mark> and"))
        #expect(article.contains("id=\"_main\""))
        #expect(article.components(separatedBy: "<h1").count == 2, "one h1 per page")
        #expect(article.contains("<code>[[code]]</code>"))
        #expect(article.contains("<link rel=\"canonical\" href=\"https://example.org/dossier/articles/first/\">"))
        let timeline = try page("events/index.html")
        #expect(timeline.range(of: "1992–1997")!.lowerBound < timeline.range(of: "16 May 2022")!.lowerBound)
        let briefing = try page("briefings/outlook/index.html")
        #expect(briefing.contains("Bottom line up front"))
        #expect(briefing.contains("Likelihood: likely"))
        let stub = try page("actors/csto/index.html")
        #expect(stub.contains("Content/actors/csto.md"))
    }
}
