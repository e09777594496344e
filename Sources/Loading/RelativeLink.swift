import Model
import Foundation

/// Relative links and images written against the Markdown file's folder, made to work from
/// its page: `Content/articles/a.md` becomes `articles/a/index.html`, one folder deeper, so
/// `map.svg` becomes `../map.svg`, and a link to another Markdown file (`b.md#part`) becomes
/// a link to its page (`../b/index.html#part`).
package enum RelativeLink {
    /// Whether a URL names its scheme (`https:`, `mailto:`): then it is absolute.
    static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        return !url.utf8[..<colon].contains(0x2F)
    }

    /// `.md` or `.markdown`, in any case (`Other.MD`).
    static func isMarkdown(_ path: some StringProtocol) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
    }

    /// The kind a link's scheme was likely meant as (`topic:x`, `Theme:x`, `person:x`), when
    /// it is not a typed link's own lowercase scheme; nil for other URLs.
    static func typedLookalike(_ url: String) -> String? {
        guard let colon = url.utf8.prefix(16).firstIndex(of: 0x3A) else { return nil }
        let scheme = String(url[..<colon])
        // Every look-alike is ASCII letters: other schemes are answered from their bytes.
        guard !scheme.isEmpty, scheme.utf8.allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A }) else { return nil }
        let lower = scheme.lowercased()
        if lower != scheme, ["actor", "event", "theme", "doc"].contains(lower) { return lower }
        return lookalikes[lower]
    }

    private static let lookalikes = [
        "topic": "theme", "tag": "theme", "subject": "theme", "person": "actor", "people": "actor", "country": "actor",
        "org": "actor", "organization": "actor", "organisation": "actor", "group": "actor", "place": "actor",
        "actors": "actor", "events": "event", "themes": "theme", "date": "event", "document": "doc",
    ]

    package static func rewrite(_ url: String, prettyURLs: Bool) -> String? {
        guard let first = url.first, first != "/", first != "#", first != "?" else { return nil }
        if hasScheme(url) { return nil }
        var path = Substring(url)
        var suffix = Substring("")
        if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = path[mark...]
            path = path[..<mark]
        }
        guard isMarkdown(path) else {
            // Files are copied under their folders' slugs (`Attachments/` → `attachments/`);
            // the file name is kept, as written (and as cmark percent-encoded it).
            var parts = path.split(separator: "/", omittingEmptySubsequences: false)
            let file = parts.removeLast()
            let folders = parts.map { part -> String in
                let decoded = String(part).removingPercentEncoding ?? String(part)
                return decoded == ".." || decoded == "." || decoded.isEmpty ? decoded : Slug.make(decoded)
            }
            return "../" + (folders + [String(file)]).joined(separator: "/") + suffix
        }
        // Obsidian writes a heading as its text (`#Heading%20text`, `#Part#Subpart`): the
        // page's id for it is the text's slug.
        if suffix.hasPrefix("#"), suffix.count > 1 {
            let fragment = String(suffix.dropFirst()).removingPercentEncoding ?? String(suffix.dropFirst())
            let last = fragment.split(separator: "#").last.map(String.init) ?? fragment
            let slug = Slug.make(last)
            if !slug.isEmpty, !last.hasPrefix("^"), !last.hasPrefix("_") { suffix = Substring("#" + slug) }
        }
        // cmark percent-encodes destinations (`Other Doc.md` → `Other%20Doc.md`): slug the name.
        let decodedPath = String(path).removingPercentEncoding ?? String(path)
        var parts = decodedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let file = parts.removeLast()
        let stem = String(file[..<(file.lastIndex(of: ".") ?? file.endIndex)])
        let folders = parts.map { $0 == ".." || $0 == "." ? $0 : Slug.make($0) }
        let page = ([".."] + folders + [Slug.make(stem)]).joined(separator: "/") + "/"
        return page + (prettyURLs ? "" : "index.html") + suffix
    }
}
