/// A single-file page (a briefing printed or mailed) has one list of notes: its footnotes
/// and its links to the web, numbered together in reading order (ICD 206 sourcing).
package enum Endnote: Hashable, Sendable {
    /// A footnote, by its number on the web page.
    case footnote(Int)
    /// An outside link, by its address.
    case link(String)
}

extension MarkdownDocument {
    /// Whether the body lists footnotes at its end.
    package var hasFootnotes: Bool { footnoteSection != nil }

    /// Renumbers the footnote references as `order` numbers them, and makes the footnote
    /// section the page's one list of notes: footnotes where their number falls, each link
    /// as its address, escaped by `escape` (the caller's HTML escaping). Back-links go (a
    /// page on paper has no use for them).
    package func makeEndnotes(_ order: [Endnote], escapingText escape: (String) -> String) {
        guard let sectionPointer = footnoteSection else { return }
        let section = MarkdownNode(sectionPointer, in: self)
        var numberOf: [Int: Int] = [:]
        for (index, note) in order.enumerated() { if case .footnote(let old) = note { numberOf[old] = index + 1 } }
        for (pointer, old) in footnoteReferences {
            guard let number = numberOf[old] else { continue }
            MarkdownNode(pointer, in: self).setOnEnter("<sup class=\"note-ref\"><a href=\"#_note-\(number)\">\(number)</a></sup>")
        }
        for pointer in footnoteBackLinks { MarkdownNode(pointer, in: self).remove() }
        footnoteBackLinks = []
        var items: [Int: MarkdownNode] = [:]
        for item in section.children {
            item.unlink()
            if let old = footnoteItems[item.pointer] { items[old] = item } else { item.free() }
        }
        for (index, note) in order.enumerated() {
            let number = index + 1
            switch note {
            case .footnote(let old):
                guard let item = items.removeValue(forKey: old) else { continue }
                item.setOnEnter("<li id=\"_note-\(number)\">")
                section.append(item)
            case .link(let url):
                let item = makeCustomBlock(onEnter: "<li id=\"_note-\(number)\"><span class=\"url\">\(escape(url))</span>", onExit: "</li>")
                section.append(item)
            }
        }
        // A footnote no reference reaches in this reading (none today) still closes the list.
        for (_, item) in items.sorted(by: { $0.key < $1.key }) { section.append(item) }
        section.setOnEnter("<section class=\"footnotes endnotes\" aria-label=\"Notes\">\n<ol>")
    }
}
