import Model

/// Separates YAML front matter (between `---` lines at the top) from the Markdown body.
/// The body keeps every line: front-matter lines become empty, so cmark's line numbers are
/// the file's. cmark would otherwise read `---` YAML `---` as a rule and a setext heading.
struct FrontMatterSplitter {
    struct Split {
        var yaml: String?
        /// File line of the YAML text's first line.
        var yamlFirstLine: Int
        var body: [UInt8]
        var diagnostics: [Diagnostic] = []
    }

    static func split(_ source: SourceText) -> Split {
        var body = source.bytes
        var split = Split(yaml: nil, yamlFirstLine: 2, body: body)
        guard let first = source.lines.first, isFence(source, first, closing: false) else {
            return split
        }
        guard let closing = source.lines.indices.dropFirst().first(where: { isFence(source, source.lines[$0], closing: true) }) else {
            split.diagnostics.append(.error(
                .frontMatterUnterminated, "front matter opened with '---' is never closed with '---'",
                at: source.location(line: 1, column: 1)))
            split.body = []
            return split
        }
        let yamlRange = source.lines[1].lowerBound..<source.lines[closing].lowerBound
        split.yaml = String(decoding: source.bytes[yamlRange], as: UTF8.self)
        // Blank the front matter, keeping line terminators.
        for line in source.lines[0...closing] {
            for i in line where body[i] != 0x0D { body[i] = 0x20 }
        }
        split.body = body
        return split
    }

    private static func isFence(_ source: SourceText, _ line: Range<Int>, closing: Bool) -> Bool {
        var bytes = source.bytes[line]
        // A byte-order mark before the opening fence.
        if !closing, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return bytes.elementsEqual("---".utf8) || (closing && bytes.elementsEqual("...".utf8))
    }
}
