import Building
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// Feeds, the sitemap, Open Graph and schema.org JSON-LD of the fixture site (which has a
/// `baseURL`) and of a site without one.
@Suite struct MetadataTests {
    final class Built {
        let output: URL
        init(_ site: URL = FixtureSiteTests.site) {
            output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-meta-\(UUID().uuidString)")
            var options = BuildOptions(site: site, output: output)
            options.builtinTheme = Repository.templates
            _ = Builder.build(options)
        }
        func text(_ path: String) throws -> String { try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) }
        deinit { try? FileManager.default.removeItem(at: output) }
    }

    /// Element names and text of an XML document, read by XMLParser.
    final class XMLOutline: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [String: [String]] = [:]
        private var current = ""
        private var stack: [String] = []

        init(_ data: Data) throws {
            super.init()
            let parser = XMLParser(data: data)
            parser.delegate = self
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((name, attributes))
            stack.append(name)
            current = ""
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            texts[stack.joined(separator: "/"), default: []].append(current)
            stack.removeLast()
            current = ""
        }
    }

    func jsonLD(_ html: String) throws -> [String: Any] {
        let page = HTMLScanner(html)
        let index = try #require(page.tags.filter { $0.name == "script" }.firstIndex { $0.attribute("type") == "application/ld+json" })
        let data = Data(page.scripts[index].utf8)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func atomFeedsListDocumentsNewestFirst() throws {
        let built = Built()
        let feed = try XMLOutline(Data(try built.text("feed.xml").utf8))
        let titles = feed.texts["feed/entry/title"] ?? []
        #expect(titles.count == 4)
        #expect(titles.first == "Outlook")
        let updated = feed.texts["feed/entry/updated"] ?? []
        #expect(updated == updated.sorted(by: >))
        #expect(updated.allSatisfy { $0.hasSuffix("T00:00:00Z") })
        let links = feed.elements.filter { $0.name == "link" }.compactMap { $0.attributes["href"] }
        #expect(links.contains("https://example.org/dossier/feed.xml"))
        #expect(links.contains("https://example.org/dossier/articles/first/"))
        // A theme's feed lists its documents only.
        let theme = try XMLOutline(Data(try built.text("themes/security/feed.xml").utf8))
        #expect(Set(theme.texts["feed/entry/title"] ?? []).isSubset(of: Set(titles)))
        #expect((theme.texts["feed/title"] ?? []).first == "Regional security · Fixture Site")
        // Every page points readers at the feed.
        #expect(try built.text("index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture Site\" href=\"feed.xml\">"))
    }

    @Test func sitemapListsEveryPageWithItsAbsoluteAddress() throws {
        let built = Built()
        let sitemap = try XMLOutline(Data(try built.text("sitemap.xml").utf8))
        let locations = sitemap.texts["urlset/url/loc"] ?? []
        #expect(locations.allSatisfy { $0.hasPrefix("https://example.org/dossier/") })
        let pages = try FileManager.default.subpathsOfDirectory(atPath: built.output.path).filter { $0.hasSuffix("index.html") }
        #expect(locations.count == pages.count)
        #expect(locations.contains("https://example.org/dossier/actors/iran/"))
        // Without a baseURL there is no sitemap (it needs absolute addresses), but feeds are
        // written with relative links.
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\ndate: 2022-01-01\n---\nText.\n"])
        let relative = Built(site.root)
        #expect(!FileManager.default.fileExists(atPath: relative.output.appendingPathComponent("sitemap.xml").path))
        let feed = try XMLOutline(Data(try relative.text("feed.xml").utf8))
        #expect(feed.elements.filter { $0.name == "link" }.compactMap { $0.attributes["href"] }.contains("articles/a/index.html"))
        #expect((feed.texts["feed/entry/id"] ?? []).first == "urn:dossier:dossier:/articles/a/")
        // Summaries read as the page does: entity names, not ids.
        let named = try TemporarySite([
            "Content/actors/north.md": "---\nname: Northland\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\nTalks with [[north]] today.\n",
        ])
        let namedFeed = try XMLOutline(Data(try Built(named.root).text("feed.xml").utf8))
        #expect(namedFeed.texts["feed/entry/summary"] == ["Talks with Northland today."])
    }

    @Test func pagesCarryOpenGraphAndTypedJSONLD() throws {
        let built = Built()
        let briefing = try built.text("briefings/outlook/index.html")
        let tags = HTMLScanner(briefing).tags.filter { $0.name == "meta" }
        func og(_ property: String) -> String? { tags.first { $0.attribute("property") == property }?.attribute("content") }
        #expect(og("og:title") == "Outlook")
        #expect(og("og:type") == "article")
        #expect(og("og:url") == "https://example.org/dossier/briefings/outlook/")
        #expect(og("article:published_time") == "2022-07-01")

        let report = try jsonLD(briefing)
        #expect(report["@type"] as? String == "Report")
        let mentions = try #require(report["mentions"] as? [[String: Any]])
        #expect(Set(mentions.compactMap { $0["@type"] as? String }) == ["Country", "DefinedTerm"])
        let article = try jsonLD(try built.text("articles/first/index.html"))
        #expect(article["@type"] as? String == "Article")
        #expect((article["about"] as? [[String: Any]])?.first?["@type"] as? String == "DefinedTerm")
        #expect((article["author"] as? [[String: Any]])?.first?["name"] as? String == "A. Writer")

        let iran = try jsonLD(try built.text("actors/iran/index.html"))
        #expect(iran["@type"] as? String == "Country")
        #expect(iran["sameAs"] as? String == "https://www.wikidata.org/wiki/Q794")
        #expect(iran["alternateName"] as? [String] == ["IRI", "Islamic Republic of Iran"])
        let rahmon = try jsonLD(try built.text("actors/emomali-rahmon/index.html"))
        #expect(rahmon["@type"] as? String == "Person")
        #expect((rahmon["alternateName"] as? [String])?.contains("Эмомали Рахмон") == true)

        // Events state dates only when the day is known exactly.
        let factory = try jsonLD(try built.text("events/ababil-2-factory/index.html"))
        #expect(factory["@type"] as? String == "Event")
        #expect(factory["startDate"] as? String == "2022-05-16")
        #expect((factory["location"] as? [String: Any])?["name"] as? String == "Dushanbe")
        let war = try jsonLD(try built.text("events/civil-war/index.html"))
        #expect(war["@type"] as? String == "Event")
        #expect(war["startDate"] == nil && war["endDate"] == nil)

        #expect(try jsonLD(try built.text("themes/security/index.html"))["@type"] as? String == "DefinedTerm")
        #expect(try jsonLD(try built.text("index.html"))["@type"] as? String == "WebSite")
        #expect(try jsonLD(try built.text("actors/index.html"))["@type"] as? String == "CollectionPage")
    }

    @Test func jsonLDCannotCloseItsScript() throws {
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: \"</script><script>alert(1)</script>\"\n---\nText.\n"])
        let built = Built(site.root)
        let html = try built.text("articles/a/index.html")
        #expect(!html.contains("</script><script>alert(1)"))
        #expect(try jsonLD(html)["headline"] as? String == "</script><script>alert(1)</script>")
    }
}
