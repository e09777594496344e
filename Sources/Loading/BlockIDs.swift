import Markdown
#if canImport(Glibc)
import Glibc
#endif

/// Obsidian's block ids: `^id` at the end of a paragraph (or of a list item's paragraph)
/// names that block, and `[[note#^id]]` links to it. The marker leaves the text and the
/// block gets an anchor with the id `^id`.
enum BlockIDs {
    /// Takes the markers out of the tree; returns the ids, in document order, each once.
    static func apply(to document: MarkdownDocument) -> [String] {
        var paragraphs: [MarkdownNode] = []
        document.walk { node, entering in
            if entering, node.kind == .paragraph, node.lastChild?.kind == .text { paragraphs.append(node) }
        }
        var ids: [String] = []
        var seen = Set<String>()
        for paragraph in paragraphs {
            guard let last = paragraph.lastChild, let literal = last.literal, let (id, rest) = split(literal),
                  seen.insert(id).inserted else { continue }
            if rest.isEmpty {
                // `^id` alone on the paragraph's last line: the line break before it goes too.
                let before = last.previous
                last.remove()
                if let before, before.kind == .softBreak || before.kind == .lineBreak { before.remove() }
            } else {
                last.setLiteral(rest)
            }
            paragraph.prepend(document.makeCustomInline(onEnter: "<span class=\"block-anchor\" id=\"^\(id)\"></span>", onExit: ""))
            ids.append(id)
        }
        return ids
    }

    /// Whether a body may hold a block id: a `^` other than the one of a footnote
    /// (`[^label]`, as a reference or a definition), which most bodies that have a `^` hold
    /// and no other. Footnotes' carets made every body with notes walked once more (0.8% of
    /// a cold build). A caret after an escaped bracket (`\[^id`) or a bracket that does not
    /// close a label (`[^id`) may still end a paragraph as an id.
    static func mayHold(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0x5E, bytes.count - from) {
            let caret = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard caret > 0, bytes[caret - 1] == 0x5B, caret < 2 || bytes[caret - 2] != 0x5C else { return true }
            var end = caret + 1
            while end < bytes.count, bytes[end] != 0x5D, bytes[end] != 0x0A, bytes[end] != 0x5E { end += 1 }
            guard end < bytes.count, bytes[end] == 0x5D else { return true }
            from = end + 1
        }
        return false
    }

    /// `text ^id` → (`id`, `text`); nil when the text does not end with a block id.
    static func split(_ literal: String) -> (id: String, rest: String)? {
        var bytes = Array(literal.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        var start = bytes.count
        while start > 0, isIDByte(bytes[start - 1]) { start -= 1 }
        guard start < bytes.count, start > 0, bytes[start - 1] == UInt8(ascii: "^") else { return nil }
        let caret = start - 1
        guard caret == 0 || bytes[caret - 1] == 0x20 || bytes[caret - 1] == 0x09 else { return nil }
        var end = caret
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return (String(decoding: bytes[start...], as: UTF8.self), String(decoding: bytes[..<end], as: UTF8.self))
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D
    }
}
