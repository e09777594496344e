import Markdown
import Model

/// The Parse stage for one file: UTF-8 check, front matter, body. A pure function of the
/// file's bytes and the settings, run for many files in parallel.
package struct FileParser: Sendable {
    package let allowRawHTML: Bool
    package let prettyURLs: Bool

    package init(allowRawHTML: Bool, prettyURLs: Bool = false) {
        self.allowRawHTML = allowRawHTML
        self.prettyURLs = prettyURLs
    }

    package func parse(_ file: ContentFile) -> ParsedFile {
        parse(file, embedImage: nil).file
    }

    /// The file parsed for a single self-contained page (`dossier brief`): the same mentions
    /// in the same order as `parse`, so the site's resolutions apply, but images embedded by
    /// `embedImage` (a URL as written and its place → a `data:` URI, or nil to leave the
    /// image out), links
    /// to the web turned into text with numbered notes (`notes` lists their targets) and raw
    /// HTML always left out.
    package func parseStandalone(
        _ file: ContentFile, embedImage: @escaping (_ url: String, _ at: SourceLocation) -> String?
    ) -> (file: ParsedFile, notes: [String]) {
        FileParser(allowRawHTML: false, prettyURLs: prettyURLs).parse(file, embedImage: embedImage)
    }

    private func parse(_ file: ContentFile, embedImage: ((String, SourceLocation) -> String?)?) -> (file: ParsedFile, notes: [String]) {
        var parsed = ParsedFile(path: file.path, role: file.role, frontMatter: nil)
        let fileStart = SourceLocation(path: file.path, line: 1, column: 1)
        if let offset = SourceText.firstInvalidUTF8Offset(file.bytes) {
            let at = SourceText(path: file.path, bytes: Array(file.bytes[..<offset])).location(ofOffset: offset)
            parsed.diagnostics.append(.error(.invalidUTF8, "file is not valid UTF-8 (invalid byte at offset \(offset))", at: at))
            return (parsed, [])
        }
        // A NUL byte would end text at the C boundary: read it as a space, in the raw text
        // mentions are anchored on as well as in what cmark parses, so both stay aligned.
        var bytes = file.bytes
        if let nul = bytes.firstIndex(of: 0) {
            let at = SourceText(path: file.path, bytes: bytes).location(ofOffset: nul)
            parsed.diagnostics.append(.warning(.nulByte, "file contains a NUL byte; it is read as a space", at: at))
            bytes = bytes.map { $0 == 0 ? 0x20 : $0 }
        }
        let source = SourceText(path: file.path, bytes: bytes)
        if file.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            parsed.diagnostics.append(.warning(.emptyFile, "file is empty", at: fileStart))
        }

        let split = FrontMatterSplitter.split(source)
        parsed.diagnostics += split.diagnostics
        if split.diagnostics.hasErrors { return (parsed, []) }
        var reader = YAMLReader(source: source, firstLine: split.yamlFirstLine)
        let root = split.yaml.flatMap { reader.parse($0) }
        if split.yaml != nil && root == nil && reader.diagnostics.hasErrors {
            parsed.diagnostics += reader.diagnostics
            return (parsed, [])
        }
        var decoder = FrontMatterDecoder(reader: reader, role: file.role, stem: Self.stem(of: file.path))
        var frontMatter = decoder.decode(root)
        parsed.diagnostics += decoder.reader.diagnostics

        var untitled = false, knownTitle: String?
        if case .document(let meta) = frontMatter {
            untitled = meta.title.isEmpty
            knownTitle = meta.title
        }
        // Comments are blanked in place, so the body's text and its raw lines agree.
        var bodyBytes = split.body
        var bodySource = source
        if let (blanked, unclosed) = MarkdownComments.blanked(split.body) {
            bodyBytes = blanked
            bodySource = SourceText(path: file.path, bytes: blanked)
            if let unclosed {
                parsed.diagnostics.append(.warning(.commentUnclosed, "'%%' opens a comment that never closes; the rest of the file is hidden",
                                                   at: bodySource.location(ofOffset: unclosed)))
            }
        }
        if let offset = QuadraticInput.check(bodyBytes) {
            parsed.diagnostics.append(.error(
                .markdownTooComplex,
                "images left open around many links ('![' without its ']'): the Markdown parser would take minutes on this file; close them or split the file",
                at: bodySource.location(ofOffset: offset)))
            return (parsed, [])
        }
        let body = BodyParser(source: bodySource, allowRawHTML: allowRawHTML, prettyURLs: prettyURLs, embedImage: embedImage)
            .parse(body: bodyBytes, titleFromBody: untitled, knownTitle: knownTitle)
        parsed.body = body.body
        parsed.mentions = body.mentions
        parsed.blocks = body.blocks
        parsed.headings = body.headings
        parsed.blockIDs = body.blockIDs
        parsed.localLinks = body.localLinks
        parsed.wordCount = body.wordCount
        parsed.text = body.text
        parsed.lead = body.lead
        parsed.diagnostics += body.diagnostics

        if case .document(var meta) = frontMatter {
            if meta.title.isEmpty {
                if let title = body.title {
                    meta.title = title
                } else {
                    // Notes are named by their files (DESIGN §2b): no warning.
                    meta.title = Self.stem(of: file.path)
                }
            }
            if let permalink = meta.permalink, case let .document(section, urlPath) = file.role {
                let path = Self.permalinkPath(permalink)
                if path.isEmpty {
                    // `permalink: /` makes a note a vault's home page; the site's home is
                    // Dossier's own, and the note keeps its page.
                } else if let first = path.split(separator: "/").first, PageNames.generated.contains(String(first)) {
                    parsed.diagnostics.append(.warning(
                        .invalidSetting, "permalink '\(permalink)' would replace the site's own /\(first)/ pages; the page keeps /\(urlPath)/", at: fileStart))
                } else {
                    parsed.role = .document(section: section, urlPath: path)
                }
            }
            if body.isEmpty && !file.bytes.isEmpty {
                parsed.diagnostics.append(.warning(.emptyBody, "document has no text after its front matter", at: fileStart))
            }
            frontMatter = .document(meta)
        }
        parsed.frontMatter = frontMatter
        return (parsed, body.notes)
    }

    /// `permalink: /Sync/Setup/` → `sync/setup`: slugs, like every page path.
    static func permalinkPath(_ permalink: String) -> String {
        permalink.split(separator: "/").filter { $0 != "." && $0 != ".." }.map { Slug.make(String($0)) }.filter { !$0.isEmpty }
            .joined(separator: "/")
    }

    static func stem(of path: String) -> String {
        // Searched as bytes from the end, not split into every component.
        let utf8 = path.utf8
        let start = utf8.lastIndex(of: UInt8(ascii: "/")).map(utf8.index(after:)) ?? utf8.startIndex
        let name = path[start...]
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")) else { return String(name) }
        return String(name[..<dot])
    }
}
