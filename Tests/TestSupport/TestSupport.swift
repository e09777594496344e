import Building
import Foundation
import Model

/// A temporary site folder written from a dictionary of relative paths to file contents,
/// removed when the value is released (Hugo's tests write small sites inline the same way).
package final class TemporarySite {
    package let root: URL

    package init(_ files: [String: String], config: String? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dossier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        for (path, text) in files { try write(path, Data(text.utf8)) }
        if let config { try write("dossier.yml", Data(config.utf8)) }
    }

    package func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    package func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    package var output: URL { root.appendingPathComponent("Output") }

    package func options() -> BuildOptions {
        var options = BuildOptions(site: root)
        options.builtinTheme = Repository.templates
        return options
    }

    package func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: output.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }
}

/// Paths inside this repository, found from this source file's location.
package enum Repository {
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    package static let templates = root.appendingPathComponent("Templates")
}

/// Source text with position markers: `⟨1⟩` … `⟨9⟩` are removed and their 1-based line and
/// UTF-8 column recorded, so a test can say "the mention is here" in the text itself.
package struct MarkedText {
    package let text: String
    package let markers: [Int: (line: Int, column: Int)]

    package init(_ marked: String) {
        var text = ""
        var markers: [Int: (line: Int, column: Int)] = [:]
        var line = 1, column = 1
        var rest = Substring(marked)
        while !rest.isEmpty {
            if rest.hasPrefix("⟨"), let close = rest.firstIndex(of: "⟩"), let n = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                markers[n] = (line, column)
                rest = rest[rest.index(after: close)...]
                continue
            }
            let scalar = rest.unicodeScalars.first!
            text.unicodeScalars.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += String(scalar).utf8.count }
            rest = Substring(rest.unicodeScalars.dropFirst())
        }
        self.text = text
        self.markers = markers
    }
}

extension Array where Element == Diagnostic {
    /// `code@line:column` of each diagnostic, for compact assertions.
    package var summaries: [String] {
        map { d in d.location.map { "\(d.code.rawValue)@\($0.line):\($0.column)" } ?? d.code.rawValue }
    }
}
