import Model

extension RenderContext {
    /// Elements whose text is never autolinked: links, code, headings, scripts.
    static let verbatimElements: Set<String> = ["a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "textarea"]

    /// Copies rendered HTML to `html`, linking entity names in its text (`autolink` in
    /// `dossier.yml`). `linked` holds the entities not to link again: with `first`, each
    /// entity is linked once per body, and never where an annotation already linked it.
    /// Autolinks are navigation only: they are not mentions and appear in no backlinks.
    func autolink(_ fragment: String, matcher: NameMatcher, linked: inout Set<Int>, verbatimDepth: inout Int,
                  into html: inout String, self owner: Int?) {
        var text = Substring("")
        var rest = Substring(fragment)
        func flush(_ text: Substring, linked: inout Set<Int>) {
            guard verbatimDepth == 0, !text.isEmpty else {
                html += text
                return
            }
            let characters = Array(String(text).nfc)
            var cursor = 0
            for match in matcher.matches(in: String(characters)) {
                let entity = match.entity
                // Not inside a character reference (`&amp;`), not the page's own entity.
                let start = match.range.lowerBound
                if start > 0, characters[start - 1] == "&" || characters[start - 1] == "#" { continue }
                if entity == owner { continue }
                if site.config.autolink == .first, linked.contains(entity) { continue }
                linked.insert(entity)
                html += String(characters[cursor..<start])
                let link = index.entities[entity]
                html += "<a class=\"mention mention-\(site.kind(of: entity).rawValue) autolink\" href=\""
                urls.appendPage(link.folder, to: &html)
                html += link.close
                html += String(characters[match.range])
                html += "</a>"
                cursor = match.range.upperBound
            }
            html += String(characters[cursor...])
        }
        while let open = rest.firstIndex(of: "<") {
            text = rest[..<open]
            flush(text, linked: &linked)
            // The tag ends at the first `>` outside a quoted attribute value.
            var close = rest.index(before: rest.endIndex)
            var quote: Character?
            var cursor = rest.index(after: open)
            while cursor < rest.endIndex {
                let c = rest[cursor]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    close = cursor
                    break
                }
                cursor = rest.index(after: cursor)
            }
            let tag = rest[open...close]
            html += tag
            let name = tag.dropFirst().drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
            if Self.verbatimElements.contains(name), !tag.hasSuffix("/>") {
                verbatimDepth += tag.hasPrefix("</") ? -1 : 1
                verbatimDepth = max(0, verbatimDepth)
            }
            rest = rest[rest.index(after: close)...]
        }
        flush(rest, linked: &linked)
    }
}
