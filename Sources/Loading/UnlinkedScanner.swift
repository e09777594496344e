import Markdown
import Model

/// `dossier check --unlinked`: the places where a body names an entity in plain text, so a
/// writer can annotate them. Text inside links, code, headings and raw HTML, and inside
/// `[[…]]`, is not plain; neither is a file's own entity in its own description.
package enum UnlinkedScanner {
    /// `matcher` knows the entities and then the documents, as `entities` and `documents`
    /// (their paths from the content folder without `.md`) list them; `owner` is the file's
    /// own entity or document in that order.
    package static func scan(_ file: ContentFile, matcher: NameMatcher, entities: [Entity], documents: [String] = [], owner: Int?) -> [Diagnostic] {
        guard SourceText.firstInvalidUTF8Offset(file.bytes) == nil else { return [] }
        var source = SourceText(path: file.path, bytes: file.bytes.map { $0 == 0 ? 0x20 : $0 })
        let split = FrontMatterSplitter.split(source)
        guard split.diagnostics.isEmpty else { return [] }
        var body = split.body
        // As the build reads it: comments are not text, tables and callouts are.
        if let blanked = MarkdownComments.blanked(body)?.bytes {
            body = blanked
            source = SourceText(path: file.path, bytes: blanked)
        }
        let document = MarkdownDocument(parsing: body, flavor: .gfm)
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
                    guard match.entity < entities.count else {
                        let path = documents[match.entity - entities.count]
                        diagnostics.append(Diagnostic(.note, .unlinkedMention,
                                                      "'\(found)' could be a link to the document \(path): write [[\(found)]]", at: at))
                        continue
                    }
                    let entity = entities[match.entity]
                    let suggestion = entity.name == found ? "[[\(entity.id.rawValue)]]" : "[[\(entity.id.rawValue)|\(found)]]"
                    diagnostics.append(Diagnostic(.note, .unlinkedMention,
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

    /// The next occurrence of `name` in the block's raw lines, as a whole word outside
    /// annotations, code spans and link syntax, after the cursor; the cursor moves past it.
    /// Raw text is what an editor shows, so positions are the file's own even where cmark
    /// unescaped or joined lines.
    static func find(_ name: String, in source: SourceText, block: (first: Int, last: Int), cursor: inout (line: Int, offset: Int)) -> SourceLocation? {
        let needle = Array(name)
        guard !needle.isEmpty else { return nil }
        var line = max(cursor.line, block.first)
        var startOffset = line == cursor.line ? cursor.offset : 0
        while line <= block.last {
            let range = source.lines[line - 1]
            let characters = Array(String(decoding: source.bytes[range], as: UTF8.self))
            let hidden = maskedCharacters(characters)
            // UTF-8 offset of each character, for columns and the cursor.
            var offsets: [Int] = []
            var total = 0
            for c in characters { offsets.append(total); total += c.utf8.count }
            offsets.append(total)
            var i = offsets.firstIndex { $0 >= startOffset } ?? characters.count
            while i + needle.count <= characters.count {
                let end = i + needle.count
                if !hidden[i], Array(characters[i..<end]) == needle,
                   i == 0 || !(characters[i - 1].isLetter || characters[i - 1].isNumber),
                   end == characters.count || !(characters[end].isLetter || characters[end].isNumber) {
                    cursor = (line, offsets[end])
                    return source.location(line: line, column: offsets[i] + 1)
                }
                i += 1
            }
            line += 1
            startOffset = 0
        }
        return nil
    }

    /// Characters of a raw line that are not plain text: inside `[[…]]`, code spans, a link's
    /// `](destination)` and `<autolinks>`, and link text (cmark does not report it as text).
    static func maskedCharacters(_ line: [Character]) -> [Bool] {
        var hidden = [Bool](repeating: false, count: line.count)
        func hide(_ range: Range<Int>) { for k in range where k < hidden.count { hidden[k] = true } }
        var i = 0
        while i < line.count {
            switch line[i] {
            case "`":
                var run = 0
                while i + run < line.count, line[i + run] == "`" { run += 1 }
                var j = i + run
                while j < line.count {
                    if line[j] == "`" {
                        var close = 0
                        while j + close < line.count, line[j + close] == "`" { close += 1 }
                        if close == run { break }
                        j += close
                    } else {
                        j += 1
                    }
                }
                hide(i..<min(line.count, j + run))
                i = j + run
            case "[" where i + 1 < line.count && line[i + 1] == "[":
                let end = (i + 2..<max(i + 2, line.count - 1)).first { line[$0] == "]" && line[$0 + 1] == "]" }.map { $0 + 2 } ?? line.count
                hide(i..<end)
                i = end
            case "[":
                // `[text](destination)`: both parts are link syntax, not plain text.
                guard let close = (i + 1..<line.count).first(where: { line[$0] == "]" }), close + 1 < line.count, line[close + 1] == "(",
                      let end = (close + 2..<line.count).first(where: { line[$0] == ")" }) else { i += 1; continue }
                hide(i..<(end + 1))
                i = end + 1
            case "<":
                guard let end = (i + 1..<line.count).first(where: { line[$0] == ">" }) else { i += 1; continue }
                hide(i..<(end + 1))
                i = end + 1
            default:
                i += 1
            }
        }
        return hidden
    }
}
