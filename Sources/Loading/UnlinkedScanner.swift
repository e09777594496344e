import Markdown
import Model

/// `dossier check --unlinked`: the places where a body names an entity in plain text, so a
/// writer can annotate them. Text inside links, code, headings and raw HTML, and inside
/// `[[…]]`, is not plain; neither is a file's own entity in its own description.
public enum UnlinkedScanner {
    public static func scan(_ file: ContentFile, matcher: NameMatcher, entities: [Entity], owner: Int?) -> [Diagnostic] {
        guard SourceText.firstInvalidUTF8Offset(file.bytes) == nil else { return [] }
        let source = SourceText(path: file.path, bytes: file.bytes.map { $0 == 0 ? 0x20 : $0 })
        let split = FrontMatterSplitter.split(source)
        guard split.diagnostics.isEmpty else { return [] }
        let document = split.body.withUnsafeBufferPointer { MarkdownDocument(parsing: $0) }
        var diagnostics: [Diagnostic] = []
        var skipDepth = 0
        // Where the next search in the raw lines of the current block starts.
        var cursor = (line: 0, offset: 0)
        var block: (first: Int, last: Int)?
        document.walk { node, entering in
            switch node.kind {
            case .paragraph:
                if entering {
                    block = (node.startLine, min(source.lines.count, max(node.startLine, node.endLine)))
                    cursor = (node.startLine, 0)
                } else {
                    block = nil
                }
            case .link, .image, .heading:
                skipDepth += entering ? 1 : -1
            case .text where skipDepth == 0:
                guard let block, let literal = node.literal else { return }
                let text = maskWikilinks(literal)
                for match in matcher.matches(in: text) where match.entity != owner {
                    let found = String(Array(text.nfc)[match.range])
                    guard let at = find(found, in: source, block: block, cursor: &cursor) else { continue }
                    let entity = entities[match.entity]
                    let suggestion = entity.name == found ? "[[\(entity.id.rawValue)]]" : "[[\(entity.id.rawValue)|\(found)]]"
                    diagnostics.append(Diagnostic(.note, "unlinked-mention",
                                                  "'\(found)' could be a mention of \(entity.key): write \(suggestion)", at: at))
                }
            default:
                break
            }
        }
        return diagnostics
    }

    /// `[[…]]` spans blanked out (same length), so names inside annotations are not found.
    static func maskWikilinks(_ text: String) -> String {
        guard text.contains("[[") else { return text }
        var characters = Array(text.nfc)
        var i = 0
        while i + 1 < characters.count {
            if characters[i] == "[", characters[i + 1] == "[" {
                var j = i + 2
                while j + 1 < characters.count, !(characters[j] == "]" && characters[j + 1] == "]"), characters[j] != "\n" { j += 1 }
                let end = min(characters.count, j + 2)
                for k in i..<end { characters[k] = " " }
                i = end
            } else {
                i += 1
            }
        }
        return String(characters)
    }

    /// The next occurrence of `name` in the block's raw lines, as a whole word, after the
    /// cursor; the cursor moves past it. Raw text is what an editor shows, so positions are
    /// the file's own even where cmark unescaped or joined lines.
    static func find(_ name: String, in source: SourceText, block: (first: Int, last: Int), cursor: inout (line: Int, offset: Int)) -> SourceLocation? {
        let needle = Array(name.utf8)
        guard !needle.isEmpty else { return nil }
        var line = max(cursor.line, block.first)
        var offset = line == cursor.line ? cursor.offset : 0
        while line <= block.last {
            let range = source.lines[line - 1]
            let bytes = source.bytes[range]
            var i = range.lowerBound + offset
            while i + needle.count <= range.upperBound {
                if bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle {
                    cursor = (line, i + needle.count - range.lowerBound)
                    return source.location(line: line, column: i - range.lowerBound + 1)
                }
                i += 1
            }
            line += 1
            offset = 0
        }
        return nil
    }
}
