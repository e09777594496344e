/// Obsidian callouts and GitHub alerts (`> [!note] Title`, `> [!WARNING]`, folding with
/// `-` or `+`) and GFM task list items (`- [ ] x`, `- [x] y`).
extension GFMTransform {
    /// Obsidian's aliases, mapped to the type the theme styles.
    static let calloutTypes: [String: String] = [
        "note": "note", "abstract": "abstract", "summary": "abstract", "tldr": "abstract",
        "info": "info", "todo": "todo", "tip": "tip", "hint": "tip", "important": "tip",
        "success": "success", "check": "success", "done": "success",
        "question": "question", "help": "question", "faq": "question",
        "warning": "warning", "caution": "warning", "attention": "warning",
        "failure": "failure", "fail": "failure", "missing": "failure",
        "danger": "danger", "error": "danger", "bug": "bug", "example": "example",
        "quote": "quote", "cite": "quote",
    ]

    mutating func makeCallout(from quote: MarkdownNode) {
        guard let paragraph = quote.firstChild, paragraph.kind == .paragraph,
              let text = paragraph.firstChild, text.kind == .text, let literal = text.literal,
              literal.hasPrefix("[!"), let close = literal.utf8.firstIndex(of: 0x5D) else { return }
        let bytes = Array(literal.utf8)
        if let map = origins(of: text), map.escaped.first == true { return }
        let end = literal.utf8.distance(from: literal.utf8.startIndex, to: close)
        let written = String(decoding: bytes[2..<end], as: UTF8.self)
        guard !written.isEmpty, written.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == 0x2D || $0 == 0x5F }) else { return }
        let lowered = written.lowercased()
        let type = Self.calloutTypes[lowered] ?? lowered
        var rest = end + 1
        var fold: UInt8?
        if rest < bytes.count, bytes[rest] == 0x2D || bytes[rest] == 0x2B { fold = bytes[rest]; rest += 1 }
        guard rest == bytes.count || bytes[rest] == 0x20 || bytes[rest] == 0x09 else { return }
        while rest < bytes.count, bytes[rest] == 0x20 || bytes[rest] == 0x09 { rest += 1 }

        // The title is the rest of the first line; the lines after it are the content.
        let title = document.makeParagraph()
        let map = origins(of: text)
        if rest < bytes.count { title.append(splitText(text, bytes, rest..<bytes.count, origins: map)) }
        var sibling = text.next
        while let node = sibling, node.kind != .softBreak, node.kind != .lineBreak {
            sibling = node.next
            node.unlink()
            title.append(node)
        }
        let titled = title.firstChild != nil
        if !titled {
            let shown = written.prefix(1).uppercased() + written.dropFirst().lowercased()
            title.append(document.makeText(shown))
        }
        document.place(title.pointer, NodePosition(startLine: text.startLine, startColumn: text.startColumn,
                                                         endLine: text.startLine, endColumn: text.endColumn))
        var body: MarkdownNode?
        if let lineBreak = sibling {
            let remaining = document.makeParagraph()
            var node = lineBreak.next
            while let current = node { node = current.next; current.unlink(); remaining.append(current) }
            if let first = remaining.firstChild {
                document.place(remaining.pointer, NodePosition(startLine: first.startLine, startColumn: first.startColumn,
                                                                     endLine: paragraph.endLine, endColumn: paragraph.endColumn))
                body = remaining
            } else {
                remaining.free()
            }
        }
        let attributes = "class=\"callout callout-\(type)\" data-callout=\"\(type)\""
        let wrapper: MarkdownNode
        if let fold, foldingCallouts {
            wrapper = document.makeCustomBlock(onEnter: "<details \(attributes)\(fold == 0x2B ? " open" : "")>", onExit: "</details>")
            title.prepend(document.makeCustomInline(onEnter: "<summary class=\"callout-title\">", onExit: ""))
            title.append(document.makeCustomInline(onEnter: "</summary>", onExit: ""))
        } else {
            wrapper = document.makeCustomBlock(onEnter: "<div \(attributes)>", onExit: "</div>")
            title.prepend(document.makeCustomInline(onEnter: "<p class=\"callout-title\">", onExit: ""))
            title.append(document.makeCustomInline(onEnter: "</p>", onExit: ""))
        }
        document.makeBare(title)
        document.place(wrapper.pointer, quote.position)
        wrapper.append(title)
        let content = document.makeCustomBlock(onEnter: "<div class=\"callout-content\">", onExit: "</div>")
        if let body { content.append(body) }
        for block in quote.children where block != paragraph { block.unlink(); content.append(block) }
        if content.firstChild != nil { wrapper.append(content) } else { content.free() }
        quote.insertBefore(wrapper)
        quote.remove()
    }

    /// `[ ]` or `[x]` opening a list item's first paragraph, followed by a space.
    mutating func makeTaskItem(from item: MarkdownNode) {
        guard let paragraph = item.firstChild, paragraph.kind == .paragraph,
              let text = paragraph.firstChild, text.kind == .text, let literal = text.literal else { return }
        let bytes = Array(literal.utf8)
        guard bytes.count >= 4, bytes[0] == 0x5B, bytes[2] == 0x5D, bytes[3] == 0x20 || bytes[3] == 0x09 else { return }
        let checked: Bool
        switch bytes[1] {
        case 0x20: checked = false
        case 0x78, 0x58: checked = true
        default: return
        }
        let map = origins(of: text)
        if let map, map.escaped[0] || map.escaped[2] { return }
        let box = document.makeCustomInline(
            onEnter: checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" />" : "<input type=\"checkbox\" disabled=\"\" />",
            onExit: "")
        text.insertBefore(box)
        text.insertBefore(splitText(text, bytes, 3..<bytes.count, origins: map))
        text.remove()
    }
}
