import CCmark

/// Footnotes as GFM numbers and renders them: references numbered by first use, the
/// definitions each reference uses listed at the end in that order, with back-links.
struct FootnoteState {
    struct Definition {
        var label: String
        var line: Int
        var column: Int
        /// The blocks of the definition, gathered where it stood.
        var holder: MarkdownNode
        /// Its number once a reference uses it, and how many references do.
        var number: Int?
        var references = 0
    }

    var definitions: [Definition] = []
    /// Lowercased label → the first definition with it.
    var byLabel: [String: Int] = [:]
    var numbered: [Int] = []
    var report = FootnoteReport()
}

extension GFMTransform {
    /// Takes each definition's blocks out of the list item the prepass made of it and
    /// gathers them in a holder that stays where the definition stood until the end.
    mutating func liftFootnoteDefinitions(items list: [MarkdownNode]) -> Set<OpaquePointer> {
        var items: [Int: MarkdownNode] = [:]
        for item in list { items[item.startLine << 16 | item.startColumn] = item }
        var freed: Set<OpaquePointer> = []
        for definition in prepassDefinitions {
            guard let item = items[definition.line << 16 | definition.column], let list = item.parent else { continue }
            freed.insert(item.pointer)
            var padding = item.firstChild
            for _ in 0..<definition.depth {
                guard let quote = padding, quote.kind == .blockQuote else { break }
                freed.insert(quote.pointer)
                padding = quote.firstChild
            }
            let holder = document.makeCustomBlock(onEnter: "", onExit: "")
            for block in Self.content(of: item, depth: definition.depth) { block.unlink(); holder.append(block) }
            // The holder takes the list's place, or follows the items before it.
            if item.previous == nil { list.insertBefore(holder) } else { list.insertAfter(holder) }
            if item.previous != nil, let next = item.next {
                // Items after this one belong to a list of their own below the holder.
                let rest = document.makeList(like: list)
                var sibling: MarkdownNode? = next
                while let node = sibling { sibling = node.next; node.unlink(); rest.append(node) }
                holder.insertAfter(rest)
            }
            item.remove()
            if list.firstChild == nil { list.remove() } else { retighten(list) }
            if let rest = holder.next, rest.kind == .list { retighten(rest) }
            let key = definition.label.lowercased()
            let site = FootnoteReport.Site(label: definition.label, line: definition.line, column: definition.column)
            if footnotes.byLabel[key] != nil {
                // Its blocks go too: the caller's lists must not reach them.
                footnotes.report.duplicates.append(site)
                document.walk(from: holder) { freed.insert($0.pointer) }
                holder.remove()
                continue
            }
            footnotes.byLabel[key] = footnotes.definitions.count
            footnotes.definitions.append(FootnoteState.Definition(label: definition.label, line: definition.line,
                                                                  column: definition.column, holder: holder))
            footnotes.report.labels.append(definition.label)
        }
        return freed
    }

    /// A list the definition's item was taken from is tight again unless a blank line
    /// separates two of its remaining items or two blocks of one item (CommonMark's rule;
    /// cmark decided it with the definition among the items).
    private func retighten(_ list: MarkdownNode) {
        // cmark counts a blank line after an item as the item's: its content ends earlier.
        func contentEnd(_ node: MarkdownNode) -> Int {
            guard node.kind == .item || node.kind == .list || node.kind == .blockQuote, let last = node.lastChild else { return node.endLine }
            return contentEnd(last)
        }
        func blankBetween(_ a: MarkdownNode, _ b: MarkdownNode) -> Bool {
            let end = contentEnd(a)
            guard end + 1 < b.startLine else { return false }
            for number in (end + 1)..<b.startLine {
                guard let range = source.line(number) else { continue }
                if source.bytes[range].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x3E }) { return true }
            }
            return false
        }
        let items = list.children
        var loose = zip(items, items.dropFirst()).contains { blankBetween($0, $1) }
        for item in items where !loose {
            let blocks = item.children
            loose = zip(blocks, blocks.dropFirst()).contains { blankBetween($0, $1) }
        }
        document.setTight(list, !loose)
    }

    /// The blocks of a definition's item: inside the quotes that pad its marker, then what
    /// follows each of them.
    private static func content(of item: MarkdownNode, depth: Int) -> [MarkdownNode] {
        var path = [item]
        while path.count <= depth, let child = path.last!.firstChild, child.kind == .blockQuote { path.append(child) }
        var blocks = path.last!.children
        for level in stride(from: path.count - 2, through: 0, by: -1) {
            var sibling = path[level + 1].next
            while let node = sibling { blocks.append(node); sibling = node.next }
        }
        return blocks
    }

    /// `[^label]` in a text node: a reference when the label is defined, else reported.
    /// Returns the nodes that now stand where the text was.
    mutating func applyFootnoteReferences(in text: MarkdownNode) {
        guard let literal = text.literal else { return }
        let map = origins(of: text)
        let escaped = map?.escaped
        func location(_ offset: Int) -> (line: Int, column: Int) {
            if let map, offset < map.columns.count { return (map.line, map.columns[offset]) }
            return (text.startLine, text.startColumn)
        }
        let bytes = Array(literal.utf8)
        var pieces: [(Range<Int>, Int)] = []   // byte range of `[^label]` → definition
        var i = 0
        while i + 3 < bytes.count {
            guard bytes[i] == 0x5B, bytes[i + 1] == 0x5E, escaped?[i] != true else { i += 1; continue }
            var j = i + 2
            while j < bytes.count, bytes[j] != 0x5D, bytes[j] != 0x5B, !bytes[j].isMarkdownSpace { j += 1 }
            guard j < bytes.count, bytes[j] == 0x5D, j > i + 2 else { i += 1; continue }
            let label = String(decoding: bytes[(i + 2)..<j], as: UTF8.self)
            if let index = footnotes.byLabel[label.lowercased()] {
                pieces.append((i..<(j + 1), index))
            } else {
                let at = location(i)
                footnotes.report.undefined.append(FootnoteReport.Site(label: label, line: at.line, column: at.column))
            }
            i = j + 1
        }
        guard !pieces.isEmpty else { return }
        var cursor = 0
        for (range, index) in pieces {
            if range.lowerBound > cursor { text.insertBefore(splitText(text, bytes, cursor..<range.lowerBound, origins: map)) }
            text.insertBefore(referenceNode(to: index, at: location(range.lowerBound)))
            cursor = range.upperBound
        }
        if cursor < bytes.count { text.insertBefore(splitText(text, bytes, cursor..<bytes.count, origins: map)) }
        text.remove()
    }

    private mutating func referenceNode(to index: Int, at: (line: Int, column: Int)) -> MarkdownNode {
        if footnotes.definitions[index].number == nil {
            footnotes.numbered.append(index)
            footnotes.definitions[index].number = footnotes.numbered.count
        }
        footnotes.definitions[index].references += 1
        let definition = footnotes.definitions[index]
        let label = HrefEscaping.escape(definition.label)
        let count = definition.references
        let id = "fnref-\(label)" + (count > 1 ? "-\(count)" : "")
        footnotes.report.reservedIDs.insert(id)
        let node = document.makeCustomInline(
            onEnter: "<sup class=\"footnote-ref\"><a href=\"#fn-\(label)\" id=\"\(id)\" data-footnote-ref>\(definition.number!)</a></sup>",
            onExit: "")
        document.place(node.pointer, NodePosition(startLine: at.line, startColumn: at.column, endLine: at.line, endColumn: at.column))
        document.footnoteReferences[node.pointer] = definition.number!
        document.mark(node.pointer)
        return node
    }

    /// The used definitions, in the order of their numbers, as the page's last section;
    /// unused ones leave the tree.
    mutating func appendFootnotes() {
        guard !footnotes.definitions.isEmpty else { return }
        for definition in footnotes.definitions where definition.number == nil {
            footnotes.report.unused.append(FootnoteReport.Site(label: definition.label, line: definition.line, column: definition.column))
            definition.holder.remove()
        }
        guard !footnotes.numbered.isEmpty else { return }
        let section = document.makeCustomBlock(onEnter: "<section class=\"footnotes\" data-footnotes>\n<ol>", onExit: "</ol>\n</section>")
        document.footnoteSection = section.pointer
        for index in footnotes.numbered {
            let definition = footnotes.definitions[index]
            let label = HrefEscaping.escape(definition.label)
            footnotes.report.reservedIDs.insert("fn-\(label)")
            let holder = definition.holder
            holder.unlink()
            holder.setOnEnter("<li id=\"fn-\(label)\">")
            holder.setOnExit("</li>")
            let links = Self.backLinks(label: label, number: definition.number!, count: definition.references)
            let backLink: MarkdownNode
            if let last = holder.lastChild, last.kind == .paragraph {
                backLink = document.makeCustomInline(onEnter: " " + links, onExit: "")
                last.append(backLink)
            } else {
                backLink = document.makeCustomBlock(onEnter: links, onExit: "")
                holder.append(backLink)
            }
            document.footnoteBackLinks.append(backLink.pointer)
            document.mark(backLink.pointer)
            document.footnoteItems[holder.pointer] = definition.number!
            document.mark(holder.pointer)
            section.append(holder)
        }
        document.rootNode.append(section)
    }

    /// `↩` for one reference; `↩ a b` for several, each letter back to one of them.
    static func backLinks(label: String, number: Int, count: Int) -> String {
        func anchor(_ k: Int, _ text: String, _ name: String) -> String {
            "<a href=\"#fnref-\(label)\(k > 1 ? "-\(k)" : "")\" class=\"footnote-backref\" data-footnote-backref aria-label=\"\(name)\">\(text)</a>"
        }
        guard count > 1 else { return anchor(1, "↩", "Back to reference \(number)") }
        let letters = (1...count).map { k in
            let letter = k <= 26 ? String(UnicodeScalar(UInt8(0x60 + k))) : String(k)
            return anchor(k, letter, "Back to reference \(number)\(letter)")
        }
        return "<span class=\"footnote-backrefs\">↩ " + letters.joined(separator: " ") + "</span>"
    }
}

/// cmark's escaping of link destinations (houdini's `href` table): unsafe bytes are
/// percent-encoded, `&` and `'` become entities.
enum HrefEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case 0x26: out += "&amp;"
            case 0x27: out += "&#x27;"
            case _ where byte.isASCIIAlphanumeric || "-_.+!*(),%#@?=;:/$~".utf8.contains(byte):
                out.unicodeScalars.append(UnicodeScalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }
}
