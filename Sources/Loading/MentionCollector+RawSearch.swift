import Markdown
import Model

/// Searching the raw lines of the current block, from the cursor on.
extension MentionCollector {
    enum RawWikilink {
        case found(SourceLocation)
        /// Written `\[[…]]`: text, not a mention.
        case escaped
        case missing
    }

    /// The next `[[…]]` in the block whose text between the brackets reads as `inner` once
    /// backslash escapes and entities are decoded, as cmark decodes them. Literal candidates
    /// and raw occurrences are matched in order, so an escaped occurrence is consumed by the
    /// candidate it produced.
    mutating func findWikilink(_ inner: String) -> RawWikilink {
        guard let block else { return .missing }
        let bytes = source.bytes
        let wanted = Array(inner.utf8)
        var line = max(cursor.line, block.first)
        var from = cursor.line == line ? cursor.offset : 0
        while line <= block.last, line <= source.lines.count {
            let range = source.lines[line - 1]
            var i = range.lowerBound + from
            while i + 1 < range.upperBound {
                guard bytes[i] == 0x5B, bytes[i + 1] == 0x5B else { i += 1; continue }
                var open = i
                while open + 2 < range.upperBound, bytes[open + 2] == 0x5B { open += 1 }
                var close = open + 2
                while close + 1 < range.upperBound, !(bytes[close] == 0x5D && bytes[close + 1] == 0x5D) { close += 1 }
                guard close + 1 < range.upperBound else { break }
                let raw = bytes[(open + 2)..<close]
                if raw.elementsEqual(wanted) || Self.decoded(raw) == inner {
                    cursor = (line, close + 2 - range.lowerBound)
                    if isEscaped(i, lineStart: range.lowerBound) { return .escaped }
                    return .found(source.location(line: line, column: open - range.lowerBound + 1))
                }
                i = open + 2
            }
            line += 1
            from = 0
        }
        return .missing
    }

    /// True when the byte at `offset` follows an odd number of backslashes.
    func isEscaped(_ offset: Int, lineStart: Int) -> Bool {
        var count = 0
        var i = offset - 1
        while i >= lineStart, source.bytes[i] == 0x5C {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    /// Raw text as cmark reads it (`AT&amp;T` → `AT&T`, `a\|b` → `a|b`); nil when there is
    /// nothing to decode.
    static func decoded(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.contains(0x26) || raw.contains(0x5C) else { return nil }
        let document = MarkdownDocument(parsing: String(decoding: raw, as: UTF8.self))
        var text = ""
        document.walk { node, entering in
            if entering, node.kind == .text { text += node.literal ?? "" }
        }
        return text
    }

    /// Moves the cursor past a code span or inline HTML, found by its literal: a wikilink's
    /// text inside either must not be taken for the real one after it.
    mutating func skipVerbatim(_ node: MarkdownNode) {
        guard block != nil, let literal = node.literal, !literal.isEmpty, !literal.contains("\n") else { return }
        let saved = cursor
        if node.kind == .code, literal.contains(" ") {
            // A code span may run over lines (cmark turns the line break into a space): its
            // last word and the closing backtick are on one line.
            let last = literal.split(separator: " ").last.map(String.init) ?? literal
            if search((last + "`").utf8) != nil { return }
            cursor = saved
        }
        while let found = search(literal.utf8) {
            let range = source.lines[found.line - 1]
            let start = range.lowerBound + found.column - 1
            // A code span's text starts after a backtick (and perhaps one space).
            let opened = node.kind == .htmlInline
                || (start > range.lowerBound && (source.bytes[start - 1] == 0x60
                    || (source.bytes[start - 1] == 0x20 && start - 1 > range.lowerBound && source.bytes[start - 2] == 0x60)))
            if opened { return }
        }
        cursor = saved
    }

    /// Finds `needle` in the block from the cursor and, when `advance`, moves the cursor past it.
    mutating func search(_ needle: String.UTF8View, advance: Bool = true) -> SourceLocation? {
        guard let block else { return nil }
        let pattern = Array(needle)
        guard !pattern.isEmpty else { return nil }
        var line = max(cursor.line, block.first)
        var from = cursor.line == line ? cursor.offset : 0
        while line <= block.last, line <= source.lines.count {
            let range = source.lines[line - 1]
            var i = range.lowerBound + from
            while i + pattern.count <= range.upperBound {
                if source.bytes[i] == pattern[0], source.bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                    let column = i - range.lowerBound + 1
                    if advance { cursor = (line, column - 1 + pattern.count) }
                    return source.location(line: line, column: column)
                }
                i += 1
            }
            line += 1
            from = 0
        }
        return nil
    }

    /// The `[` that opens the link whose `](` is at `close`, on that line or an earlier one
    /// of the block (link text may span lines).
    func openingBracket(before close: SourceLocation) -> SourceLocation? {
        guard let block else { return nil }
        var depth = 0
        var line = close.line
        var i = source.lines[line - 1].lowerBound + close.column - 1
        while line >= block.first {
            let range = source.lines[line - 1]
            while i >= range.lowerBound {
                if source.bytes[i] == 0x5D, !isEscaped(i, lineStart: range.lowerBound) { depth += 1 }
                if source.bytes[i] == 0x5B, !isEscaped(i, lineStart: range.lowerBound) {
                    depth -= 1
                    if depth == 0 { return source.location(line: line, column: i - range.lowerBound + 1) }
                }
                i -= 1
            }
            line -= 1
            if line >= 1 { i = source.lines[line - 1].upperBound - 1 }
        }
        return nil
    }
}
