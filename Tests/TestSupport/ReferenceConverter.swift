import Foundation

/// A reference Markdown converter on PATH (`cmark`, `cmark-gfm`), run over many documents.
///
/// Each document needs its own process (footnotes and link reference definitions are
/// document-wide, so documents cannot be concatenated). Starting processes is the cost: one
/// shell per core loops over its share of the files, which runs 1,000 documents in 0.8 s
/// where a `Process` per document from Swift takes 2–3 s.
package struct ReferenceConverter: Sendable {
    package let name: String
    let arguments: [String]

    package static let gfm = ReferenceConverter(
        name: "cmark-gfm", arguments: ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "-e", "footnotes"])
    package static let commonMark = ReferenceConverter(name: "cmark", arguments: [])

    package struct Failure: Error, CustomStringConvertible {
        package let description: String
    }

    package var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    package var isInstalled: Bool { executable != nil }

    /// The HTML of each document, in order.
    package func render(_ documents: [String]) throws -> [String] {
        guard let executable else { throw Failure(description: "\(name) is not on PATH") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = documents.indices.map { folder.appendingPathComponent("\($0).md").path }
        for (document, path) in zip(documents, inputs) { try Data(document.utf8).write(to: URL(fileURLWithPath: path)) }

        // The arguments are fixed words, safe to splice; `$0` is the converter.
        let script = "for f; do \"$0\" \(arguments.joined(separator: " ")) \"$f\" > \"$f.html\" || exit 1; done"
        let shards = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let shells = try (0..<shards).map { shard in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script, executable] + inputs.enumerated().filter { $0.offset % shards == shard }.map(\.element)
            try process.run()
            return process
        }
        for shell in shells {
            shell.waitUntilExit()
            guard shell.terminationStatus == 0 else { throw Failure(description: "\(name) failed with status \(shell.terminationStatus)") }
        }
        return try inputs.map { String(decoding: try Data(contentsOf: URL(fileURLWithPath: $0 + ".html")), as: UTF8.self) }
    }
}
