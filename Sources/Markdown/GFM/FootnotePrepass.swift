/// Footnote definitions (`[^label]: text`, continued by lines indented four spaces) are
/// container blocks cmark does not know: it would read `[^1]: Smith` as a link reference
/// definition and swallow it. Before cmark sees the text, each definition's marker is
/// rewritten, byte for byte in place, into a list item whose content starts four columns
/// in (`1)  `), padded with block quote markers (`> > `) to the marker's length, so cmark
/// parses the definition's blocks where they stand, continuation lines included, with
/// every position unchanged; `liftFootnoteDefinitions` then takes them out. The `)`
/// delimiter keeps the item out of the writer's own `1.` and `-` lists.
struct FootnotePrepass {
    struct Definition {
        var label: String
        /// Where `[^` stands: the list item cmark makes starts there.
        var line: Int
        var column: Int
        /// How many block quotes pad the marker.
        var depth: Int
    }

    private(set) var bytes: [UInt8]
    private(set) var definitions: [Definition] = []

    /// Rewrites `source` if it holds a definition; `definitions` is empty otherwise.
    init(_ source: [UInt8], lines: SourceLines) {
        bytes = source
        guard source.containsPair(0x5B, 0x5E) else { return }
        var fences = CodeFences()
        for (index, range) in lines.lines.enumerated() where !fences.isCode(source, line: range) {
            var indent = 0
            while range.lowerBound + indent < range.upperBound, source[range.lowerBound + indent] == 0x20 { indent += 1 }
            let first = range.lowerBound + indent
            guard indent <= 3, first < range.upperBound else { continue }
            guard let (label, length) = Self.marker(source, at: first, end: range.upperBound) else { continue }
            let padding = length - 4
            for (k, byte) in "1)  ".utf8.enumerated() { bytes[first + k] = byte }
            for k in 0..<padding { bytes[first + 4 + k] = k % 2 == 0 ? 0x3E : 0x20 }
            definitions.append(Definition(label: label, line: index + 1, column: indent + 1, depth: (padding + 1) / 2))
        }
    }

    /// `[^label]:` at `start`: its label and the marker's length. A label holds no
    /// whitespace and no brackets.
    static func marker(_ bytes: [UInt8], at start: Int, end: Int) -> (String, Int)? {
        guard start + 4 < end + 1, start + 1 < end, bytes[start] == 0x5B, bytes[start + 1] == 0x5E else { return nil }
        var i = start + 2
        while i < end, bytes[i] != 0x5D {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x5B || byte == 0x5C { return nil }
            i += 1
        }
        guard i > start + 2, i + 1 < end, bytes[i + 1] == 0x3A else { return nil }
        return (String(decoding: bytes[(start + 2)..<i], as: UTF8.self), i + 2 - start)
    }
}
