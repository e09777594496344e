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
    }
}
