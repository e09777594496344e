import Model

/// Separates front matter from the Markdown body: YAML between `---` lines at the top, or
/// TOML between `+++` lines (Hugo's), given to the YAML reader line for line.
/// The body keeps every line: front-matter lines become empty, so cmark's line numbers are
/// the file's. cmark would otherwise read `---` YAML `---` as a rule and a setext heading.
struct FrontMatterSplitter {
    struct Split {
        var yaml: String?
        /// File line of the YAML text's first line.
        var yamlFirstLine: Int
        var body: [UInt8]
        var diagnostics: [Diagnostic] = []
        /// The front matter was TOML (`yaml` holds it as YAML, line for line).
        var isTOML = false
    }

    static func split(_ source: SourceText) -> Split {
        var body = source.bytes
        var split = Split(yaml: nil, yamlFirstLine: 2, body: body)
        guard let first = source.lines.first, let fence = fence(source, first, closing: nil) else {
            return split
        }
        guard let closing = source.lines.indices.dropFirst().first(where: { self.fence(source, source.lines[$0], closing: fence) != nil }) else {
            split.diagnostics.append(.error(
                .frontMatterUnterminated, "front matter opened with '\(fence)' is never closed with '\(fence)'",
                at: source.location(line: 1, column: 1)))
            split.body = []
            return split
        }
        let range = source.lines[1].lowerBound..<source.lines[closing].lowerBound
        let text = String(decoding: source.bytes[range], as: UTF8.self)
        if fence == "+++" {
            split.isTOML = true
            switch TOMLFrontMatter.yaml(from: text) {
            case .success(let yaml): split.yaml = yaml
            case .failure(let error):
                split.diagnostics.append(.error(.invalidTOML, "front matter is not valid TOML: \(error.message)",
                                                at: source.location(line: error.line + 1, column: error.column)))
                split.body = []
                return split
            }
        } else {
            split.yaml = text
        }
        // Blank the front matter, keeping line terminators.
        for line in source.lines[0...closing] {
            for i in line where body[i] != 0x0D { body[i] = 0x20 }
        }
        split.body = body
        return split
    }

    /// The fence a line is: `---` or `+++` opening (`closing` nil), or the one that closes
    /// `closing` (YAML may also close with `...`).
    private static func fence(_ source: SourceText, _ line: Range<Int>, closing: String?) -> String? {
        var bytes = source.bytes[line]
        // A byte-order mark before the opening fence.
        if closing == nil, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        for fence in ["---", "+++"] where bytes.elementsEqual(fence.utf8) && (closing == nil || closing == fence) { return fence }
        return closing == "---" && bytes.elementsEqual("...".utf8) ? closing : nil
    }
}
