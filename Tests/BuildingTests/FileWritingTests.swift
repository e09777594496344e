@testable import Building
import Foundation
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
}
