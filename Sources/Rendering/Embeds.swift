import Model

/// `![[…]]` shown in place (DESIGN §2b): a file as an image, audio, video or PDF element; a
/// note, one of its sections or one of its blocks as it reads in its own page; an entity as
/// its card. Embedded text keeps its own links; its mentions count for the file they are
/// written in, not for the page that shows them.
extension RenderContext {
    /// How deep embeds nest before an embed inside an embed shows as a link.
    static let maxEmbedDepth = 3

    /// Writes the embed of mention `mention` of `file`; false when it is not shown in place
    /// (unresolved, nested too deep, or a note that is already being shown).
    func appendEmbedded(
        _ link: MentionLink?, entity: Int?, _ mention: Mention, in file: Int, embedding: [Int], to html: inout String
    ) -> Bool {
        switch link?.page {
        case .attachment(let path)?:
            appendMedia(path, mention, to: &html)
            return true
        case .document(let target)?:
            let chain = embedding + [file]
            // A circle of embeds is reported by the link step; here it just stops. A section
            // of the note itself is shown once.
            let ownSection = target == file && link?.anchor != nil && !embedding.contains(file)
            guard chain.count <= Self.maxEmbedDepth, ownSection || !chain.contains(target) else { return false }
            appendNote(target, anchor: link?.anchor, chain: chain, to: &html)
            return true
        case .entity?, nil:
            guard let entity else { return false }
            appendCard(entity, to: &html)
            return true
        }
    }

    private func appendNote(_ target: Int, anchor: String?, chain: [Int], to html: inout String) {
        var body = bodyHTML(target, embedding: chain)
        if let anchor { body = anchor.hasPrefix("^") ? Self.block(anchor, of: body) : Self.section(anchor, of: body) }
        let url = HTML.escape(urls.page(documentFolder(target)) + (anchor.map(URLs.fragment) ?? ""))
        html += "<div class=\"embed embed-note\">\n<p class=\"embed-source\"><a href=\"\(url)\">"
        HTML.append(index.files[target].title, to: &html)
        html += "</a></p>\n"
        // Ids belong to the page they were written for: here they would repeat its own.
        html += body.replacingOccurrences(of: " id=\"", with: " data-id=\"")
        html += "</div>\n"
    }

    private func appendCard(_ entity: Int, to html: inout String) {
        let link = index.entities[entity]
        html += "<aside class=\"embed embed-card embed-\(site.kind(of: entity).rawValue)\">\n<p>"
        html += link.open + urls.page(link.folder) + link.close
        HTML.append(site.name(of: entity), to: &html)
        html += "</a>"
        if let date = site.entities[entity].dateDisplay {
            html += " <span class=\"muted\">"
            HTML.append(date, to: &html)
            html += "</span>"
        }
        html += "</p>\n"
        if let line = oneLine(entity) {
            html += "<p>"
            HTML.append(line, to: &html)
            html += "</p>\n"
        }
        html += "</aside>\n"
    }

    /// `html` written for the page in `folder`, its relative `href`, `src` and `data`
    /// addresses made to work from this page instead.
    func rebase(_ html: String, from folder: String) -> String {
        var output = ""
        output.reserveCapacity(html.utf8.count)
        var rest = html[...]
        while let attribute = rest.firstRange(of: "=\"") {
            let name = rest[..<attribute.lowerBound].suffix(5)
            output += rest[..<attribute.upperBound]
            rest = rest[attribute.upperBound...]
            guard name.hasSuffix(" href") || name.hasSuffix(" src") || name.hasSuffix(" data"),
                  let close = rest.firstIndex(of: "\"") else { continue }
            output += Self.rebased(String(rest[..<close]), from: folder, urls: urls)
            rest = rest[close...]
        }
        output += rest
        return output
    }

    /// One address rebased: `#part` names the page it was written for; a relative path is
    /// resolved from that page's folder, then written from this page's.
    static func rebased(_ url: String, from folder: String, urls: URLs) -> String {
        guard !url.isEmpty, !url.hasPrefix("/") else { return url }
        if url.hasPrefix("#") { return urls.page(folder) + url }
        if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return url }  // https:, mailto:, data:
        var parts = folder.isEmpty ? [] : folder.split(separator: "/").map(String.init)
        var path = Substring(url)
        var suffix = Substring("")
        if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = path[mark...]
            path = path[..<mark]
        }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return urls.file(parts.joined(separator: "/")) + suffix
    }

    /// The part of a body under the heading with id `anchor`, down to the next heading of
    /// its level or above; the whole body when there is no such heading.
    static func section(_ anchor: String, of body: String) -> String {
        guard let id = body.range(of: " id=\"\(anchor)\""), let open = body[..<id.lowerBound].range(of: "<h", options: .backwards),
              let level = body[open.upperBound...].first?.wholeNumberValue else { return body }
        var end = body.endIndex
        var cursor = id.upperBound
        while let next = body.range(of: "<h", range: cursor..<body.endIndex) {
            if let l = body[next.upperBound...].first?.wholeNumberValue, l <= level,
               body[body.index(after: next.upperBound)...].first.map({ $0 == " " || $0 == ">" }) == true {
                end = next.lowerBound
                break
            }
            cursor = next.upperBound
        }
        return String(body[open.lowerBound..<end])
    }

    /// The paragraph or list item that ends with block id `anchor` (`^id`).
    static func block(_ anchor: String, of body: String) -> String {
        guard let id = body.range(of: " id=\"\(anchor)\"") else { return body }
        let before = body[..<id.lowerBound]
        let paragraph = before.range(of: "<p>", options: .backwards) ?? before.range(of: "<p ", options: .backwards)
        let item = before.range(of: "<li>", options: .backwards) ?? before.range(of: "<li ", options: .backwards)
        if let item, paragraph.map({ $0.lowerBound < item.lowerBound }) ?? true {
            guard let close = body.range(of: "</li>", range: id.upperBound..<body.endIndex) else { return body }
            return "<ul>\n" + body[item.lowerBound..<close.upperBound] + "\n</ul>\n"
        }
        guard let paragraph, let close = body.range(of: "</p>", range: id.upperBound..<body.endIndex) else { return body }
        return body[paragraph.lowerBound..<close.upperBound] + "\n"
    }
}
