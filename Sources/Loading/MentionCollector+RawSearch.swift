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

    /// The next `[[…]]` in the block, from the cursor, whose text between the brackets reads
    /// as `inner` once backslash escapes and entities are decoded, as cmark decodes them.
    /// Literal candidates and raw occurrences are matched in order, so an escaped occurrence
    /// is consumed by the candidate it produced.
    mutating func findWikilink(_ inner: String) -> RawWikilink {
        guard let block else { return .missing }
        if rawWikilinks == nil { rawWikilinks = RawWikilinkIndex(source, lines: block.first...block.last) }
        let from = source.lines[cursor.line - 1].lowerBound + cursor.offset
        guard let candidate = rawWikilinks!.first(inner, from: from) else { return .missing }
        let lineStart = source.lines[candidate.line - 1].lowerBound
        cursor = (candidate.line, candidate.end - lineStart)
        if candidate.escaped { return .escaped }
        return .found(source.location(line: candidate.line, column: candidate.open - lineStart + 1))
    }

    /// True when the byte at `offset` follows an odd number of backslashes.
    func isEscaped(_ offset: Int, lineStart: Int) -> Bool {
        RawWikilinkIndex.isEscaped(source.bytes, offset, lineStart: lineStart)
    }

    /// Moves the cursor past a code span or inline HTML, found by its literal: a wikilink's
    /// text inside either must not be taken for the real one after it.
    mutating func skipVerbatim(_ node: MarkdownNode) {
        guard block != nil, let literal = node.literal, !literal.isEmpty, !literal.utf8.contains(0x0A) else { return }
        let saved = cursor
        if node.kind == .code, literal.utf8.contains(0x20) {
            // A code span may run over lines (cmark turns the line break into a space): its
            // last word and the closing backtick are on one line, perhaps with the one space
            // cmark strips (`` `` a ` b `` ``). The nearer of the two is the span's end.
            let last = literal.split(separator: " ").last.map(String.init) ?? literal
            let tight = search((last + "`").utf8, advance: false)
            let spaced = search((last + " `").utf8, advance: false)
            let found = [tight.map { ($0, last.utf8.count + 1) }, spaced.map { ($0, last.utf8.count + 2) }]
                .compactMap { $0 }.min { ($0.0.line, $0.0.column) < ($1.0.line, $1.0.column) }
            if let (at, length) = found {
                cursor = (at.line, at.column - 1 + length)
                return
            }
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

    /// The `](` before the next raw destination `url` in the block (`](url`, `]( url`,
    /// `](<url>`, the destination perhaps on the next line); moves the cursor past it.
    mutating func findLinkDestination(_ url: String) -> SourceLocation? {
        guard let block, !url.isEmpty else { return nil }
        let bytes = source.bytes
        let wanted = Array(url.utf8)
        let end = source.lines[block.last - 1].upperBound
        var i = source.lines[cursor.line - 1].lowerBound + cursor.offset
        while i + 1 < end {
            defer { i += 1 }
            guard bytes[i] == 0x5D, bytes[i + 1] == 0x28 else { continue }
            var j = i + 2
            while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
            if j < end, bytes[j] == 0x3C { j += 1 }
            guard j + wanted.count <= end, bytes[j..<(j + wanted.count)].elementsEqual(wanted) else { continue }
            let after = j + wanted.count
            guard after == end || [0x29, 0x3E, 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27].contains(bytes[after]) else { continue }
            let location = source.location(ofOffset: i)
            cursor = (location.line, after - source.lines[location.line - 1].lowerBound)
            return location
        }
        return nil
    }

    /// The next `#tag` written as itself in the block, read as the scanner reads tags: not
    /// inside a word, not the start of a longer tag. An escaped one (`\#tag`) is consumed
    /// and gives nil, as it gave the text the tag was found in. Nil leaves the cursor.
    mutating func findTag(_ tag: String) -> SourceLocation? {
        let saved = cursor
        while let found = search(tag.utf8) {
            let range = source.lines[found.line - 1]
            let start = range.lowerBound + found.column - 1, end = start + tag.utf8.count
            let before = scalar(endingBefore: start, from: range.lowerBound)
            let after = scalar(startingAt: end, before: range.upperBound)
            // A `/` after is the end of a sentence the tag was trimmed of.
            guard !(after.map { MentionScanner.isTagScalar($0) && $0 != "/" } ?? false),
                  !(before.map(MentionScanner.isTagScalar) ?? false) else { continue }
            return isEscaped(start, lineStart: range.lowerBound) ? nil : found
        }
        cursor = saved
        return nil
    }

    /// The Unicode scalar whose UTF-8 ends at `offset` (nil at `lineStart`).
    private func scalar(endingBefore offset: Int, from lineStart: Int) -> Unicode.Scalar? {
        var first = offset - 1
        guard first >= lineStart else { return nil }
        while first > lineStart, first > offset - 4, source.bytes[first] & 0xC0 == 0x80 { first -= 1 }
        return String(decoding: source.bytes[first..<offset], as: UTF8.self).unicodeScalars.first
    }

    /// The Unicode scalar whose UTF-8 starts at `offset` (nil at `lineEnd`).
    private func scalar(startingAt offset: Int, before lineEnd: Int) -> Unicode.Scalar? {
        guard offset < lineEnd else { return nil }
        return String(decoding: source.bytes[offset..<min(lineEnd, offset + 4)], as: UTF8.self).unicodeScalars.first
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
            let start = range.lowerBound + from
            if start <= range.upperBound, let i = source.bytes.withUnsafeBufferPointer({ bytes in
                pattern.withUnsafeBufferPointer { bytes.firstOffset(of: $0, in: start..<range.upperBound) }
            }) {
                let column = i - range.lowerBound + 1
                if advance { cursor = (line, column - 1 + pattern.count) }
                return source.location(line: line, column: column)
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
