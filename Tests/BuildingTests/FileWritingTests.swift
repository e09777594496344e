@testable import Building
import Foundation
import Model
import Testing

@Suite struct FileWritingTests {
    /// A file's folders are made however many are missing, beside folders that exist, and a
    /// second file in a made folder finds it there.
    @Test func filesAreWrittenIntoFoldersMadeForThem() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-writing-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let paths = ["\(root)/a/b/c/index.html", "\(root)/a/b/c/other.html", "\(root)/a/d/index.html", "\(root)/e.html"]
        for path in paths { try FileWriting.write(path, to: path) }
        for path in paths { #expect(try String(contentsOfFile: path, encoding: .utf8) == path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: "\(root)/a").sorted() == ["b", "d"])
        // A path through a file cannot be made, and says so.
        #expect(throws: (any Error).self) { try FileWriting.write("x", to: "\(root)/e.html/f/index.html") }
    }

    /// A staged site's folders are made as its files arrive, from many threads at once, into
    /// a staging folder that starts empty: each file lands with its bytes, beside files in
    /// folders a streamed file or a link from the previous site made first.
    @Test func stagedFilesFromManyThreadsFindTheirFolders() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("dossier-staging-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let output = root.appendingPathComponent("Output")
        let writer = OutputWriter(site: root, output: output)
        // A previous site, for a page to be linked from.
        let first = try writer.stage()
        first.write("kept", path: "actors/kept/index.html")
        _ = try writer.commit(first)
        let staging = try writer.stage()
        #expect(staging.reuse("actors/kept/index.html"))
        staging.write(path: "graph/data.json") { sink in sink(Array("{}".utf8)) }
        let paths = (0..<400).map { n in
            switch n % 4 {
            case 0: "articles/a\(n)/index.html"
            case 1: "actors/kept/page/\(n)/index.html"
            case 2: "search/text/\(n).js"
            default: "graph/\(n).json"
            }
        }
        paths.parallelForEach { staging.write($0, path: $0) }
        #expect(staging.counts.failure == nil)
        _ = try writer.commit(staging)
        for path in paths { #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == path) }
        #expect(try String(contentsOf: output.appendingPathComponent("actors/kept/index.html"), encoding: .utf8) == "kept")
        #expect(try String(contentsOf: output.appendingPathComponent("graph/data.json"), encoding: .utf8) == "{}")
    }

    /// Listing an output folder finds every file at every depth (the first two levels are
    /// read in order, deeper ones in parallel), and lists links as files, not followed.
    @Test func listingFindsFilesAtEveryDepth() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("dossier-list-\(UUID().uuidString)").path
        defer { try? fm.removeItem(atPath: root) }
        var expected: Set<String> = ["top.html", "a/one.html", "a/b/two.html", "a/b/c/three.html", "a/b/c/d/e/five.html"]
        for n in 0..<40 { expected.insert("pages/p\(n)/index.html") }
        for path in expected { try FileWriting.write(path, to: "\(root)/\(path)") }
        try fm.createDirectory(atPath: "\(root)/empty/deeper", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: "\(root)/a/b/link", withDestinationPath: "\(root)/a")
        expected.insert("a/b/link")
        let listed = OutputWriter.files(in: root)
        #expect(listed.count == expected.count)
        #expect(Set(listed) == expected)
        #expect(OutputWriter.files(in: "\(root)/missing").isEmpty)
    }

    /// Removing a site removes a link in its place, and nothing the link points to.
    @Test func aLinkInASitesPlaceIsNotFollowed() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("dossier-remove-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let kept = root.appendingPathComponent("elsewhere/page/index.html")
        try FileWriting.write("kept", to: kept.path)
        let link = root.appendingPathComponent("site")
        try fm.createSymbolicLink(at: link, withDestinationURL: root.appendingPathComponent("elsewhere"))
        OutputWriter.removeTree(link)
        #expect((try? fm.destinationOfSymbolicLink(atPath: link.path)) == nil)
        #expect(try String(contentsOf: kept, encoding: .utf8) == "kept")
        // A real folder goes with everything in it.
        OutputWriter.removeTree(root.appendingPathComponent("elsewhere"))
        #expect(!fm.fileExists(atPath: root.appendingPathComponent("elsewhere").path))
    }
}
