import Building
import Foundation
import Testing
import TestSupport

/// `dossier build` killed with SIGKILL at random moments, over and over: the output folder
/// always holds the whole previous site, and the next build succeeds and leaves nothing of
/// the killed ones behind.
@Suite struct CrashSafetyTests {
    /// Every file of a folder but the marker (which names the build that wrote it).
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where !path.hasSuffix(".dossier-output") {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    @Test func killedBuildsNeverDamageTheSite() throws {
        let executable = try #require(CLITests.executable, "build the dossier executable first")
        var files = ["Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n"]
        for i in 0..<300 {
            files["Content/articles/a\(i).md"] = "---\ntitle: Article \(i)\ndate: 2022-01-\(String(format: "%02d", i % 28 + 1))\n---\n"
                + String(repeating: "About [[iran]] and the region, paragraph after paragraph. ", count: 40) + "\n"
        }
        let site = try TemporarySite(files)
        func start() throws -> Process {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["build", "--site", site.root.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        let first = try start()
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        // Later builds reuse the parse cache and are faster: time one of those.
        var began = Date()
        let warm = try start()
        warm.waitUntilExit()
        // How long a build takes, as last seen: a build that finished before its kill makes
        // the next delays shorter, so that on a loaded machine (CI) kills still land.
        var duration = Date().timeIntervalSince(began)
        let reference = try Self.snapshot(site.output)
        #expect(reference.count > 300)

        // Seeded, so a failure can be replayed; spread over the whole build, writing included.
        var random = SplitMix64(seed: 42)
        var killedWhileRunning = 0, round = 0
        while round < 10 || (killedWhileRunning < 6 && round < 40) {
            defer { round += 1 }
            // Each round changes nothing: the site after any build is the reference.
            began = Date()
            let process = try start()
            let delay = Double.random(in: 0.005...max(0.01, duration * 0.9), using: &random)
            usleep(UInt32(delay * 1_000_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedWhileRunning += 1
            }
            process.waitUntilExit()
            if process.terminationReason == .exit { duration = Date().timeIntervalSince(began) }
            let now = try Self.snapshot(site.output)
            let differing = Set(now.keys).union(reference.keys).filter { now[$0] != reference[$0] }.sorted()
            #expect(differing.isEmpty, "round \(round), killed after \(delay) s: \(differing.count) files differ, \(differing.prefix(4)), missing \(differing.filter { now[$0] == nil }.count)")
        }
        #expect(killedWhileRunning >= 6, "the kills should land while builds run")

        let last = try start()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(try Self.snapshot(site.output) == reference)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    /// Where the system cannot swap folders atomically, a build killed between moving the
    /// old site aside and moving the new one in leaves no output folder: the next build puts
    /// the site back before anything else, so even a build that then fails leaves one.
    @Test func aSiteMovedAsideByAKilledBuildIsPutBack() throws {
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\n---\nText.\n"])
        #expect(Builder.build(site.options()).succeeded)
        let reference = try Self.snapshot(site.output)
        // A process that has ended: its pid names no running build.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let pid = ended.processIdentifier
        let retired = site.root.appendingPathComponent(".Output.old-\(pid)-1")
        try FileManager.default.moveItem(at: site.output, to: retired)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent(".Output.tmp-\(pid)-1/half"), withIntermediateDirectories: true)
        // The next build has an error, so it writes nothing; the old site must still be back.
        try site.write("Content/articles/b.md", Data("---\ntitle: [broken\n---\n".utf8))
        var options = site.options()
        options.output = site.output
        #expect(!Builder.build(options).succeeded)
        #expect(try Self.snapshot(site.output) == reference)
        try site.remove("Content/articles/b.md")
        #expect(Builder.build(site.options()).succeeded)
        #expect(try Self.snapshot(site.output) == reference)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".Output.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
