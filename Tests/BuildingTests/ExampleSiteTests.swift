import Building
import Foundation
import Model
import Testing
import TestSupport

/// The repository is itself the example site: it must build cleanly.
@Suite struct ExampleSiteTests {
    @Test func buildsWithZeroWarningsAndAPagePerEntity() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-example-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(site: Repository.root, output: output)
        options.strict = true
        options.builtinTheme = Repository.templates
        let report = Builder.build(options)
        #expect(report.diagnostics.map(\.description) == [])
        #expect(report.succeeded)
        #expect(report.documents >= 3)

        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("graph.json"))) as! [String: Any]
        let entities = graph["entities"] as! [[String: Any]]
        #expect(entities.count >= 30)
        for entity in entities {
            let url = entity["url"] as! String
            #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(url + "index.html").path))
            #expect(entity["stub"] as? Bool == false, "\(url) is a stub")
            #expect(!(entity["mentions"] as! [Any]).isEmpty, "\(url) is never mentioned")
        }
        let kinds = Set(entities.map { $0["kind"] as! String })
        #expect(kinds == ["actor", "event", "theme"])
        let briefings = (graph["documents"] as! [[String: Any]]).filter { ($0["path"] as! String).hasPrefix("Content/briefings/") }
        #expect(!briefings.isEmpty)
    }
}
