import Markdown
import Model
import Templating

/// Makes a body stand on its own in one file that is read offline, mailed or printed:
/// images are embedded as `data:` URIs, links to the web become their text with a numbered
/// note (the notes list the addresses as text), and links to the site's other pages become
/// plain text. Links within the page (`#part`) stay. Nothing in the result makes the
/// browser request anything.
struct StandaloneLinks {
    let source: SourceText
    /// An image URL as written and where → a `data:` URI, or nil to leave the image out.
    let embedImage: (String, SourceLocation) -> String?

    /// Rewrites the tree; returns the addresses of the notes the annex lists, in the order
    /// the body first cites them (none when the body's footnote list holds them).
    func rewrite(_ document: MarkdownDocument) -> [String] {
        // In document order, so notes are numbered as read. What sits inside an image's
        // description goes with the image.
        // A note is read where its marker stands: an image's where the image is, a link's
        // after the link's text (so after an image inside it). Numbers follow that order.
        // Footnotes are notes too: numbered with the links, where their references stand.
        var targets: [MarkdownNode] = []
        var markers: [Endnote] = []
        var imageDepth = 0
        document.walk { node, entering in
            if entering, imageDepth == 0, let footnote = node.footnoteReference {
                markers.append(.footnote(footnote))
                return
            }
            guard node.kind == .link || node.kind == .image else { return }
            if entering, imageDepth == 0 { targets.append(node) }
            if imageDepth == 0, Self.isWeb(node.url ?? ""), node.kind == .image ? entering : !entering {
                markers.append(.link(node.url ?? ""))
            }
            if node.kind == .image { imageDepth += entering ? 1 : -1 }
        }
        var order: [Endnote] = []
        var numbers: [Endnote: Int] = [:]
        for marker in markers where numbers[marker] == nil {
            order.append(marker)
            numbers[marker] = order.count
        }
        func note(_ url: String) -> String {
            let number = numbers[.link(url)] ?? 0
            return "<sup class=\"note-ref\"><a href=\"#_note-\(number)\">\(number)</a></sup>"
        }
        for node in targets {
            let url = node.url ?? ""
            if node.kind == .image {
                let alt = HTMLEscaping.escape(BodyParser.plainText(of: node))
                let html: String
                if url.lowercased().hasPrefix("data:image/") {
                    // Already vetted by the mention collector as a raster image.
                    html = "<img src=\"\(HTMLEscaping.escape(url))\" alt=\"\(alt)\" />"
                } else if !RelativeLink.hasScheme(url), !url.hasPrefix("//"),
                          let data = embedImage(url, source.location(line: max(1, node.startLine), column: max(1, node.startColumn))) {
                    html = "<img src=\"\(HTMLEscaping.escape(data))\" alt=\"\(alt)\" />"
                } else {
                    let shown = alt.isEmpty ? "Image" : "Image: \(alt)"
                    html = "<span class=\"image-omitted\">[\(shown)]</span>" + (Self.isWeb(url) ? note(url) : "")
                }
                node.insertBefore(document.makeCustomInline(onEnter: html, onExit: ""))
                node.remove()
            } else if url.hasPrefix("#") {
                continue
            } else {
                let wrapper = document.makeCustomInline(onEnter: "", onExit: Self.isWeb(url) ? note(url) : "")
                node.insertBefore(wrapper)
                node.moveChildren(to: wrapper)
                node.remove()
            }
        }
        // With footnotes, the body's list of them becomes the one list of notes; without,
        // the links are listed in the annex.
        if document.hasFootnotes {
            document.makeEndnotes(order, escapingText: HTMLEscaping.escape)
            return []
        }
        return order.compactMap { if case .link(let url) = $0 { url } else { nil } }
    }

    /// Addresses a reader can follow from paper: the web and mail.
    static func isWeb(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") || lower.hasPrefix("//")
    }
}
