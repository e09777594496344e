import Building
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Model
@testable import Rendering
import Testing
import TestSupport

/// `dossier export` formats, read back by parsers of those formats.
@Suite struct ExportTests {
    func export(_ format: Builder.ExportFormat, site: URL = Repository.root) throws -> [UInt8] {
        var options = BuildOptions(site: site)
        options.builtinTheme = Repository.templates
        let (bytes, diagnostics) = Builder.export(options, format: format)
        #expect(!diagnostics.hasErrors)
        return try #require(bytes)
    }

    func graph() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(try export(.json))) as? [String: Any])
    }

    @Test func csvRoundTripsThroughACSVParser() throws {
        let text = String(decoding: try export(.csv), as: UTF8.self)
        let rows = try CSVReader.parse(text)
        let header = try #require(rows.first)
        #expect(header == ["id", "name", "date_start", "date_end", "precision", "approximate", "uncertain", "actors", "place", "themes", "source"])
        let events = (try graph()["entities"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "event" }
        #expect(rows.count - 1 == events.count)
        #expect(rows.allSatisfy { $0.count == header.count })
        let byID = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        let factory = try #require(byID["ababil-2-factory"])
        #expect(factory[2] == "2022-05-16" && factory[3] == "2022-05-16" && factory[4] == "day")
        #expect(factory[7].components(separatedBy: "; ").contains("Iran"))
        // Rows are in timeline order, by their lower bound.
        let starts = rows.dropFirst().map { $0[2] }.filter { !$0.isEmpty }
        #expect(starts == starts.sorted())
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() throws {
        let site = try TemporarySite([
            "Content/events/odd.md": "---\nname: \"=HYPERLINK(\\\"x\\\"), with \\\"quotes\\\"\"\ndate: 2020\nplace: \"Line\\none, two\"\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n[[event:odd]]\n",
        ])
        let rows = try CSVReader.parse(String(decoding: try export(.csv, site: site.root), as: UTF8.self))
        #expect(rows.count == 2)
        #expect(rows[1][1] == "'=HYPERLINK(\"x\"), with \"quotes\"")
        #expect(rows[1][8] == "Line\none, two")
        #expect(rows[1][4] == "year")
        // Separators inside one Character: a comma with a combining mark, CR LF.
        let marks = try TemporarySite([
            "Content/events/odd.md": "---\nname: \"Talks,\u{301} round \\\"\u{301}two\"\ndate: 2020\nplace: \"North\\r\\ngate\"\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n[[event:odd]]\n",
        ])
        let split = try CSVReader.parse(String(decoding: try export(.csv, site: marks.root), as: UTF8.self))
        #expect(split.count == 2 && split.allSatisfy { $0.count == 11 }, "\(split)")
        let expectedName = "Talks,\u{301} round \"\u{301}two"
        #expect(split[1][1] == expectedName)
        #expect(split[1][8] == "North\r\ngate")
    }

    @Test func everyFormulaStartOnOWASPsListIsDefused() {
        for start in ["=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠"] {
            let field = EventsCSV.field(start + "SUM(A1)")
            #expect(field.hasPrefix("'") || field.hasPrefix("\"'"), "\(start.unicodeScalars.map(\.value)): \(field)")
        }
        #expect(EventsCSV.field("Talks") == "Talks")
        #expect(EventsCSV.field("a=b") == "a=b")
    }

    @Test func graphMLIsValidXMLWithTheGraphsNodesAndEdges() throws {
        let data = Data(try export(.graphml))
        let parser = XMLParser(data: data)
        let counter = GraphMLCounter()
        parser.delegate = counter
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let graph = try graph()
        #expect(counter.nodes == (graph["entities"] as? [Any])?.count)
        #expect(counter.edges == (graph["edges"] as? [Any])?.count)
        #expect(counter.nodes > 50 && counter.edges > 100)
        #expect(counter.kinds == ["actor", "event", "theme"])
        #expect(counter.weights.allSatisfy { $0 > 0 })
    }

    final class GraphMLCounter: NSObject, XMLParserDelegate {
        var nodes = 0, edges = 0
        var kinds = Set<String>()
        var weights: [Double] = []
        private var key: String?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "node" { nodes += 1 }
            if name == "edge" { edges += 1 }
            if name == "data" { key = attributes["key"]; text = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "data", let key else { return }
            if key == "kind" { kinds.insert(text) }
            if key == "weight", let weight = Double(text) { weights.append(weight) }
            self.key = nil
        }
    }

    /// XML escaping, against a scalar-by-scalar reading of what XML 1.0 allows, on text with
    /// and without anything to escape (seeded).
    @Test func xmlEscapingMatchesTheRules() {
        func reference(_ text: String) -> String {
            text.unicodeScalars.map { scalar -> String in
                switch scalar.value {
                case 0x26: "&amp;"
                case 0x3C: "&lt;"
                case 0x3E: "&gt;"
                case 0x22: "&quot;"
                case 0x09, 0x0A, 0x0D: String(scalar)
                case 0x00...0x1F, 0xFFFE, 0xFFFF: "\u{FFFD}"
                default: String(scalar)
                }
            }.joined()
        }
        let pieces = ["a", "Iran", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{1F}", "\u{FFFE}", "\u{FFFF}",
                      "\u{FFFD}", "\u{F000}", "…", "Светлана", "ایران", "字", "😀", "é"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(GraphML.escape(text) == reference(text), "\(text.debugDescription)")
        }
    }

    @Test func timelineIsTimelineJSJSON() throws {
        let json = try #require(JSONSerialization.jsonObject(with: Data(try export(.timeline))) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.count >= 15)
        for event in events {
            let start = try #require(event["start_date"] as? [String: String])
            #expect(Int(start["year"] ?? "") != nil)
            #expect((event["text"] as? [String: String])?["headline"]?.isEmpty == false)
        }
        let factory = try #require(events.first { $0["unique_id"] as? String == "ababil-2-factory" })
        #expect(factory["start_date"] as? [String: String] == ["year": "2022", "month": "5", "day": "16"])
        #expect(factory["end_date"] == nil)
        let war = try #require(events.first { $0["unique_id"] as? String == "tajik-civil-war" })
        #expect(war["end_date"] as? [String: String] == ["year": "1997"])
        // A decade given alone spans it; each slide says what the event's page says first and links there.
        let affair = try #require(events.first { $0["unique_id"] as? String == "zanjani-affair" })
        #expect(affair["start_date"] as? [String: String] == ["year": "2010"])
        #expect(affair["end_date"] as? [String: String] == ["year": "2019"])
        let text = try #require((factory["text"] as? [String: String])?["text"])
        #expect(text.hasPrefix("<p>A plant producing Iranian Ababil-2 military drones was inaugurated in Tajikistan"))
        #expect(text.hasSuffix("<p>Tajikistan</p><p><a href=\"/events/ababil-2-factory/\">Read more</a></p>"))
    }

    @Test func timelineEndsAreTheDatesTheSiteGives() throws {
        let site = try TemporarySite([
            "dossier.yml": "title: T\nbaseURL: https://example.org/brief\n",
            "Content/events/fifties.md": "---\nname: Fifties\ndate: 195X\n---\n",
            "Content/events/century.md": "---\nname: Century\ndate: 19XX\n---\n",
            "Content/events/ongoing.md": "---\nname: Ongoing\ndate: 2020-03/..\n---\n",
            "Content/events/until.md": "---\nname: Until\ndate: ../2016\n---\n",
            "Content/events/older.md": "---\nname: Older\ndate: ../1890-06\n---\n",
            "Content/events/span.md": "---\nname: Span\ndate: 2013/2021-02\n---\nA span & more.\n",
            "Content/events/latest.md": "---\nname: Latest\ndate: 2022-05-16\nplace: <Dushanbe>\n---\n",
        ])
        let json = try #require(JSONSerialization.jsonObject(with: Data(try export(.timeline, site: site.root))) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        func event(_ id: String) -> [String: Any] { events.first { $0["unique_id"] as? String == id } ?? [:] }
        #expect(event("fifties")["end_date"] as? [String: String] == ["year": "1959"])
        #expect(event("century")["end_date"] as? [String: String] == ["year": "1999"])
        // Open ends run to the timeline's last day, open starts from its first: the same on every run.
        #expect(event("ongoing")["start_date"] as? [String: String] == ["year": "2020", "month": "3"])
        #expect(event("ongoing")["end_date"] as? [String: String] == ["year": "2022", "month": "5", "day": "16"])
        #expect(event("until")["start_date"] as? [String: String] == ["year": "1900", "month": "1", "day": "1"])
        #expect(event("until")["end_date"] as? [String: String] == ["year": "2016"])
        // An open start never comes after its own end.
        #expect(event("older")["start_date"] as? [String: String] == ["year": "1890", "month": "6", "day": "1"])
        #expect(event("span")["end_date"] as? [String: String] == ["year": "2021", "month": "2"])
        #expect(event("latest")["end_date"] == nil)
        #expect((event("span")["text"] as? [String: String])?["text"] == "<p>A span &amp; more.</p><p><a href=\"https://example.org/brief/events/span/\">Read more</a></p>")
        #expect((event("latest")["text"] as? [String: String])?["text"] == "<p>&lt;Dushanbe&gt;</p><p><a href=\"https://example.org/brief/events/latest/\">Read more</a></p>")
    }
}
