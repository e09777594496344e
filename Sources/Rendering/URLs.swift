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
        root = String(repeating: "../", count: Self.depth(folder))
    }

    /// The number of folders in `folder` (`/`-separated, empty ones not counted). An ASCII
    /// path is counted on bytes; splitting it into characters cost 10,000 instructions a page.
    static func depth(_ folder: String) -> Int {
        guard folder.utf8.allSatisfy({ $0 < 0x80 }) else { return folder.split(separator: "/").count }
        var count = 0, previous = UInt8(ascii: "/")
        for byte in folder.utf8 {
            if byte != UInt8(ascii: "/"), previous == UInt8(ascii: "/") { count += 1 }
            previous = byte
        }
        return count
    }

    /// Link to a page folder ("" for home).
    func page(_ folder: String) -> String {
        if pretty, root.isEmpty, folder.isEmpty { return "./" }
        // Called for every link of every page: the bytes copied into one new string, where
        // appending each part cost 1,400 instructions a link.
        var root = root, folder = folder
        return root.withUTF8 { root in
            folder.withUTF8 { folder in
                let count = root.count + (folder.isEmpty ? 0 : folder.count + 1) + (pretty ? 0 : Self.index.count)
                return String(unsafeUninitializedCapacity: count) { link in
                    var at = link.initialize(fromContentsOf: root)
                    if !folder.isEmpty {
                        at = link[at...].initialize(fromContentsOf: folder)
                        link[at] = UInt8(ascii: "/")
                        at += 1
                    }
                    if !pretty { at = link[at...].initialize(fromContentsOf: Self.index) }
                    return at
                }
            }
        }
    }

    private static let index = Array("index.html".utf8)

    /// `page(folder)` appended where it goes, with no string of its own: passages and
    /// bodies link every mention.
    func appendPage<Sink: HTMLSink & ~Copyable>(_ folder: String, to output: inout Sink) {
        if pretty, root.isEmpty, folder.isEmpty { return output.appendRaw("./") }
        output.appendRaw(root)
        if !folder.isEmpty {
            output.appendRaw(folder)
            output.appendRaw("/")
        }
        if !pretty { output.appendRaw("index.html") }
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
