import Foundation
import Testing
import TestSupport

/// The `dossier` executable as users run it.
@Suite struct CLITests {
    static var executable: URL? {
        let candidates = [".build/debug/dossier", ".build/release/dossier"].map { Repository.root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        let executable: URL = try #require(Self.executable, "build the dossier executable first")
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func checkReportsUnknownWikilinkWithPositionAndSuggestion() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/x.md": "---\ntitle: X\n---\n\nThe role of [[irn]] grows.\n",
        ])
        let result = try run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/articles/x.md:5:13: error: unknown entity 'irn' (did you mean 'iran'?) [unresolved-mention]"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func checkSpeaksJSONForTools() throws {
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\n[[nobody]]\n"])
        let result = try run(["check", "--site", site.root.path, "--format", "json"])
        #expect(result.status == 1)
        let records = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(records.count == 1)
        #expect(records.first?["code"] as? String == "unresolved-mention")
        #expect(records.first?["line"] as? Int == 4)
        #expect(records.first?["path"] as? String == "Content/articles/x.md")
    }

    @Test func exportPrintsEntitiesWithMentionPositions() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/x.md": "---\ntitle: X\n---\nOn [[iran]].\n",
        ])
        let result = try run(["export", "--site", site.root.path, "--format", "json"])
        #expect(result.status == 0)
        let graph = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let iran = (graph["entities"] as! [[String: Any]]).first!
        let mention = (iran["mentions"] as! [[String: Any]]).first!
        #expect(mention["document"] as? String == "Content/articles/x.md")
        #expect(mention["line"] as? Int == 4)
        #expect(mention["column"] as? Int == 4)
    }

    @Test func buildPrintsASummaryLine() throws {
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\nText.\n"])
        let result = try run(["build", "--site", site.root.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Built "))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("articles/x/index.html").path))
    }
}
