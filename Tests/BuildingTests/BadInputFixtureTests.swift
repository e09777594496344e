import Building
import Foundation
import Model
import Testing
import TestSupport

/// Hostile and broken input, one small site per case under `Fixtures/bad-input/`, with the
/// diagnostics expected recorded beside it in `expected.txt` (`severity code path:line:col`).
/// Every case builds without crashing, and fails exactly when it has errors. Re-record with
/// `DOSSIER_RECORD=1 swift test --filter BadInputFixtureTests` and read the diff.
@Suite struct BadInputFixtureTests {
    static let folder = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/bad-input")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    static func summary(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { d in
            "\(d.severity.rawValue) \(d.code)" + (d.location.map { " \($0.path):\($0.line):\($0.column)" } ?? "")
        }
    }

    @Test func thereAreAtLeastThirtyCases() {
        #expect(Self.cases.count >= 30)
    }

    @Test(arguments: BadInputFixtureTests.cases)
    func diagnosticsMatchWhatIsRecorded(name: String) throws {
        let site = Self.folder.appendingPathComponent(name)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(site: site, output: output)
        options.builtinTheme = Repository.templates
        let report = Builder.build(options)
        let got = Self.summary(report.diagnostics)
        let expectedFile = site.appendingPathComponent("expected.txt")
        if ProcessInfo.processInfo.environment["DOSSIER_RECORD"] != nil {
            try Data((got.joined(separator: "\n") + "\n").utf8).write(to: expectedFile)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(got == expected)
        // Cases named `-accepted` are odd but valid input (a byte-order mark): no diagnostic.
        #expect(expected.isEmpty == name.hasSuffix("-accepted"), "a bad-input case must be diagnosed")
        // A site with errors is not written; one with only warnings is.
        #expect(report.succeeded == !report.diagnostics.hasErrors, "\(report.writeError ?? "")")
        #expect(FileManager.default.fileExists(atPath: output.path) == report.succeeded)
    }

    /// Cases too large or too odd to keep as files: made on the fly.
    @Test func hugeAndPathologicalInput() throws {
        let deepList = String(repeating: "- ", count: 10_000) + "item\n"
        let deepQuote = String(repeating: ">", count: 10_000) + " quote\n"
        let manyMentions = String(repeating: "[[iran]] ", count: 100_000) + "\n"
        let big = "---\ntitle: Big\n---\n" + String(repeating: "Filler text for a very large file. ", count: 1_500_000)
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/deep-list.md": "---\ntitle: L\n---\n" + deepList,
            "Content/articles/deep-quote.md": "---\ntitle: Q\n---\n" + deepQuote,
            "Content/articles/many.md": "---\ntitle: M\n---\n" + manyMentions,
            "Content/articles/big.md": big,
            "Content/actors/bad\u{1}name.md": "---\nname: Control\n---\n",
        ])
        #expect(big.utf8.count > 50_000_000)
        // Out of the site, and a link to nothing (unreadable).
        let elsewhere = try TemporarySite(["secret.md": "---\ntitle: Secret\n---\n"])
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/articles/escape.md").path,
                                                   withDestinationPath: elsewhere.root.appendingPathComponent("secret.md").path)
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/articles/dangling.md").path,
                                                   withDestinationPath: site.root.appendingPathComponent("nowhere.md").path)
        let report = Builder.build(site.options())
        let got = Self.summary(report.diagnostics)
        #expect(got.contains("error file-too-large Content/articles/big.md:1:1"), "\(got)")
        #expect(got.contains("warning symlink-escape Content/articles/escape.md:1:1"), "\(got)")
        #expect(got.contains { $0.hasPrefix("error ") && $0.contains("Content/articles/dangling.md") }, "\(got)")
        #expect(got.contains { $0.hasPrefix("error invalid-id Content/actors/bad") }, "\(got)")
        #expect(!report.succeeded)
        // Without the broken files, the pathological ones build: every mention counted.
        for path in ["Content/articles/big.md", "Content/articles/escape.md", "Content/articles/dangling.md", "Content/actors/bad\u{1}name.md"] {
            try site.remove(path)
        }
        let second = Builder.build(site.options())
        #expect(second.succeeded, "\(Self.summary(second.diagnostics))")
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: site.output.appendingPathComponent("graph.json"))) as? [String: Any]
        let iran = (graph?["entities"] as? [[String: Any]])?.first { $0["id"] as? String == "iran" }
        #expect((iran?["mentions"] as? [Any])?.count == 100_000)
        #expect(site.read("articles/deep-list/index.html")?.contains("item") == true)
    }

    /// A document that mentions an entity deleted since the last build: the next build says so,
    /// keeps the previous site, and recovers when the entity returns.
    @Test func entityDeletedBetweenBuilds() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\nAbout [[iran]].\n",
        ])
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        let before = site.read("articles/a/index.html")
        try site.remove("Content/actors/iran.md")
        let broken = Builder.build(options)
        #expect(Self.summary(broken.diagnostics) == ["error unresolved-mention Content/articles/a.md:4:7"])
        #expect(site.read("articles/a/index.html") == before)
        try site.write("Content/actors/iran.md", Data("---\nname: Iran\n---\n".utf8))
        #expect(Builder.build(options).succeeded)
        #expect(site.read("actors/iran/index.html") != nil)
    }
}
