import Foundation
import Testing
import TestSupport

/// The benchmark tools run end to end on a tiny corpus. No timing is asserted: only that the
/// corpus is deterministic and valid, and that the report is complete and well formed.
@Suite(.serialized) struct BenchmarkScriptTests {
    static let benchmarks = Repository.root.appendingPathComponent("Benchmarks")

    @discardableResult
    func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = Repository.root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(arguments.joined(separator: " ")) failed:\n\(output)")
        return output
    }

    func files(under root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]))
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            files[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    @Test func corpusIsDeterministicAndValid() throws {
        let work = try TemporarySite([:])
        let a = work.root.appendingPathComponent("a"), b = work.root.appendingPathComponent("b")
        let summary = try python(["Benchmarks/corpus.py", "--articles", "40", "--seed", "7", "--dossier", a.path + "/site", "--hugo", a.path + "/hugo"])
        try python(["Benchmarks/corpus.py", "--articles", "40", "--seed", "7", "--dossier", b.path + "/site", "--hugo", b.path + "/hugo"])
        #expect(summary.hasPrefix("40 articles"))
        let first = try files(under: a), second = try files(under: b)
        #expect(first.count > 40 + 50)
        #expect(first == second, "the same seed must give the same files")

        // Both annotation forms, Unicode names, unquoted partial dates.
        let articles = first.filter { $0.key.hasPrefix("/site/Content/articles/") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(articles.count == 40)
        #expect(articles.allSatisfy { $0.contains("[[") })
        #expect(articles.contains { $0.contains("](actor:") })
        let entities = first.filter { $0.key.contains("/site/Content/actors/") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(entities.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }, "Cyrillic names")
        #expect(entities.contains { $0.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }, "Persian names")
        let events = first.filter { $0.key.contains("/site/Content/events/") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(events.contains { $0.range(of: #"\ndate: \d{4}\n"#, options: .regularExpression) != nil })
        #expect(events.contains { $0.range(of: #"\ndate: \d{4}-\d{2}\n"#, options: .regularExpression) != nil })
        #expect(first["/hugo/hugo.toml"].map { String(decoding: $0, as: UTF8.self).contains("actor = \"actors\"") } == true)

        // The Dossier site builds without a single diagnostic.
        let dossier = try #require(CLITests.executable, "build the dossier executable first")
        let check = Process()
        check.executableURL = dossier
        check.arguments = ["check", "--site", a.path + "/site"]
        let err = Pipe()
        check.standardError = err
        try check.run()
        let diagnostics = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(2000))")
    }

    @Test func benchmarkReportsEveryMeasure() throws {
        let dossier = try #require(CLITests.executable, "build the dossier executable first")
        let work = try TemporarySite([:])
        let json = work.root.appendingPathComponent("results.json"), report = work.root.appendingPathComponent("report.md")
        try python(["Benchmarks/bench.py", "--sizes", "15", "--runs", "2", "--no-hugo", "--serve-edits", "2", "--dossier", dossier.path,
                    "--root", work.root.appendingPathComponent("bench").path, "--json", json.path, "--report", report.path])

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        #expect(results["hugo_version"] is NSNull)
        let sizes = try #require(results["results"] as? [[String: Any]])
        #expect(sizes.count == 1)
        let result = sizes[0]
        #expect(result["articles"] as? Int == 15)
        #expect(result["runs"] as? Int == 2)
        #expect((result["output_files"] as? Int ?? 0) > 15)
        for key in ["wall", "cpu", "rss_mb"] {
            let stats = try #require((result["dossier"] as? [String: Any])?[key] as? [String: Double], "\(key)")
            #expect(stats["min"]! > 0 && stats["min"]! <= stats["median"]! && stats["median"]! <= stats["max"]!, "\(key)")
        }
        let floor = try #require(result["floor"] as? [String: [String: Double]])
        #expect(floor["total_s"]!["median"]! > 0)
        #expect((result["dossier_vs_floor"] as? [String: Double])?["median"].map { $0 > 0 } == true)
        #expect((result["warm_vs_cold"] as? Double).map { $0 > 0 } == true)
        #expect(result["dossier_warm"] is [String: Any])
        let serve = try #require(result["serve"] as? [String: Any], "edits under dossier serve")
        #expect(serve["edits"] as? Int == 2)
        #expect(((serve["served_ms"] as? [String: Double])?["median"]).map { $0 > 0 } == true)
        let stages = try #require(result["dossier_stages"] as? [String: Double])
        #expect(Set(stages.keys).isSuperset(of: ["load", "parse", "link", "render"]))

        let markdown = try String(contentsOf: report, encoding: .utf8)
        #expect(markdown.contains("| 15 | Dossier |"))
        #expect(markdown.contains("| 15 | Dossier, warm |"))
        #expect(markdown.contains("| 15 | floor (cmark + write) |"))
        #expect(markdown.contains("Dossier / floor"))
        #expect(markdown.contains("Editing under the preview server"))
    }
}
