import Model

/// Where pages live and how one page links to another. Links are relative, so the site
/// works from any folder of a server and straight from disk; `index.html` is spelled out
/// unless `pretty_urls` is on.
package struct URLs: Sendable {
    let pretty: Bool
    /// `../` repeated once per folder between the current page and the root.
    let root: String

    init(pretty: Bool, folder: String) {
        self.pretty = pretty
        let depth = folder.isEmpty ? 0 : folder.split(separator: "/").count
        root = String(repeating: "../", count: depth)
    }

    /// Link to a page folder ("" for home).
    func page(_ folder: String) -> String {
        if pretty, root.isEmpty, folder.isEmpty { return "./" }
        // Called for every link of every page: one allocation, no intermediate strings.
        var link = ""
        link.reserveCapacity(root.utf8.count + folder.utf8.count + 12)
        link += root
        if !folder.isEmpty {
            link += folder
            link += "/"
        }
        if !pretty { link += "index.html" }
        return link
    }

    /// `page(folder)` appended where it goes, with no string of its own: passages and
    /// bodies link every mention.
    func appendPage(_ folder: String, to output: inout String) {
        if pretty, root.isEmpty, folder.isEmpty { return output += "./" }
        output += root
        if !folder.isEmpty {
            output += folder
            output += "/"
        }
        if !pretty { output += "index.html" }
    }

    /// Link to a file such as `assets/style.css`.
    func file(_ path: String) -> String { root + path }

    static func entityFolder(_ key: EntityKey) -> String { "\(key.kind.folder)/\(key.id.rawValue)" }

    /// `#anchor` for a link: a block id's `^` is percent-encoded (browsers decode it before
    /// looking the id up); heading ids hold nothing else to encode.
    static func fragment(_ anchor: String) -> String {
        "#" + (anchor.hasPrefix("^") ? "%5E" + anchor.dropFirst() : anchor)
    }

    /// The public, site-absolute URL of a page folder, as in `graph.json`: `/actors/iran/`.
    static func absolute(_ folder: String) -> String { folder.isEmpty ? "/" : "/\(folder)/" }
}
