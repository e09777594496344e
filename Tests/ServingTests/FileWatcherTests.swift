import Foundation
@testable import Serving
import Testing
import TestSupport

/// The watcher sees what editors and tools do, with inotify and with polling.
@Suite(.serialized) struct FileWatcherTests {
    final class Batches: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Set<String>] = []
        func add(_ batch: Set<String>) { lock.withLock { seen.append(batch) } }
        var all: Set<String> { lock.withLock { seen.reduce(into: Set<String>()) { $0.formUnion($1) } } }
        func reset() { lock.withLock { seen = [] } }
    }

    @Test(arguments: [false, true])
    func seesCreateModifyDeleteRenameAndAtomicSaves(polling: Bool) throws {
        let site = try TemporarySite(["Content/articles/a.md": "one\n", "Content/articles/b.md": "two\n"])
        let content = site.root.path + "/Content"
        let batches = Batches()
        let watcher = FileWatcher(roots: [content], forcePolling: polling) { batches.add($0) }
        defer { watcher.stop() }
        #expect(watcher.mechanism == (polling ? "polling" : "inotify"))
        usleep(polling ? 300_000 : 50_000)

        func expectChange(_ path: String, _ what: String, _ action: () throws -> Void) throws {
            batches.reset()
            try action()
            #expect(waitUntil(5) { batches.all.contains(content + "/" + path) }, "\(what) of \(path) not seen (\(polling ? "polling" : "inotify"))")
        }
        try expectChange("articles/c.md", "creation") { try site.write("Content/articles/c.md", Data("new\n".utf8)) }
        try expectChange("articles/a.md", "modification") { try site.write("Content/articles/a.md", Data("one, edited\n".utf8)) }
        try expectChange("articles/b.md", "deletion") { try site.remove("Content/articles/b.md") }
        try expectChange("articles/d.md", "rename") {
            try FileManager.default.moveItem(atPath: content + "/articles/c.md", toPath: content + "/articles/d.md")
        }
        // An editor's atomic save: write a temporary file, rename it over the original.
        try expectChange("articles/a.md", "atomic save") {
            try Data("one, saved\n".utf8).write(to: URL(fileURLWithPath: content + "/articles/.a.md.tmp"))
            _ = rename(content + "/articles/.a.md.tmp", content + "/articles/a.md")
        }
        // A folder that appears with files already in it (moved in, or made by `git checkout`).
        try expectChange("notes/n.md", "new folder") {
            let staging = site.root.path + "/staging"
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            try Data("note\n".utf8).write(to: URL(fileURLWithPath: staging + "/n.md"))
            try FileManager.default.moveItem(atPath: staging, toPath: content + "/notes")
        }
        // Files in a folder created after watching started are watched too.
        try expectChange("notes/m.md", "file in a new folder") { try site.write("Content/notes/m.md", Data("more\n".utf8)) }
    }

    /// A watched folder that does not exist when watching starts (a site without its own
    /// Templates/) is watched from when it appears.
    @Test(arguments: [false, true])
    func folderCreatedLaterIsWatched(polling: Bool) throws {
        let site = try TemporarySite([:])
        let templates = site.root.path + "/Templates"
        let batches = Batches()
        let watcher = FileWatcher(roots: [site.root.path + "/Content", templates], files: [site.root.path + "/dossier.yml"],
                                  forcePolling: polling) { batches.add($0) }
        defer { watcher.stop() }
        usleep(polling ? 300_000 : 50_000)
        try FileManager.default.createDirectory(atPath: templates + "/partials", withIntermediateDirectories: true)
        // inotify reports the new folder; polling sees files only.
        if !polling { #expect(waitUntil(5) { batches.all.contains(templates) || batches.all.contains(templates + "/partials") }) }
        usleep(polling ? 400_000 : 100_000)
        batches.reset()
        try site.write("Templates/partials/footer.mustache", Data("<footer></footer>\n".utf8))
        #expect(waitUntil(5) { batches.all.contains(templates + "/partials/footer.mustache") })
        batches.reset()
        try site.write("dossier.yml", Data("title: T\n".utf8))
        #expect(waitUntil(5) { batches.all.contains(site.root.path + "/dossier.yml") })
    }

    @Test func burstsArriveAsOneBatch() throws {
        let site = try TemporarySite([:])
        let content = site.root.path + "/Content"
        let batches = Batches()
        let counter = NSLock()
        nonisolated(unsafe) var deliveries = 0
        // Periods long enough that a loaded machine (the whole suite runs in parallel) cannot
        // pause between two of the writes for longer: with 80 ms and the default 300 ms
        // ceiling, a busy run once split the burst into three batches.
        let watcher = FileWatcher(roots: [content], quietPeriod: .milliseconds(400), maximumDelay: .seconds(4)) { batch in
            counter.withLock { deliveries += 1 }
            batches.add(batch)
        }
        defer { watcher.stop() }
        usleep(50_000)
        for i in 0..<20 { try site.write("Content/articles/\(i).md", Data("x\n".utf8)) }
        #expect(waitUntil(5) { batches.all.filter { $0.hasSuffix(".md") }.count == 20 })
        usleep(600_000)
        #expect(counter.withLock { deliveries } <= 2, "twenty quick writes should not give twenty rebuilds")
    }

    /// A save after a quiet spell does not wait for the quiet period once the file is closed;
    /// a file still open for writing does.
    @Test func aSettledEditGoesAtOnceAndAnOpenFileWaits() throws {
        let site = try TemporarySite(["Content/articles/a.md": "one\n"])
        let content = site.root.path + "/Content"
        let batches = Batches()
        let watcher = FileWatcher(roots: [content], quietPeriod: .seconds(3), maximumDelay: .seconds(6)) { batches.add($0) }
        defer { watcher.stop() }
        usleep(50_000)
        let saved = DispatchTime.now()
        try site.write("Content/articles/a.md", Data("one, edited\n".utf8))
        #expect(waitUntil(5) { batches.all.contains(content + "/articles/a.md") })
        let waited = Double(DispatchTime.now().uptimeNanoseconds - saved.uptimeNanoseconds) / 1e9
        #expect(waited < 2, "a closed file waited \(waited) s, as long as the quiet period")

        // Well past the quiet period: the next edit starts afresh, but its file stays open.
        usleep(3_200_000)
        batches.reset()
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: content + "/articles/a.md"))
        try handle.write(contentsOf: Data("half".utf8))
        usleep(1_000_000)
        #expect(batches.all.isEmpty, "a file still being written was delivered before the quiet period")
        try handle.close()
        #expect(waitUntil(5) { batches.all.contains(content + "/articles/a.md") })
    }

    @Test func editorLitterIsIgnored() {
        #expect(!FileWatcher.isInteresting("/s/Content/a.md~"))
        #expect(!FileWatcher.isInteresting("/s/Content/.a.md.swp"))
        #expect(!FileWatcher.isInteresting("/s/Content/4913"))
        #expect(!FileWatcher.isInteresting("/s/Content/.#a.md"))
        #expect(FileWatcher.isInteresting("/s/Content/a.md"))
    }
}
