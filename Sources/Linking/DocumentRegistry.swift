import Model
import Synchronization

/// The published documents as link targets (DESIGN §2b): by path from the content root
/// without `.md` (`articles/history-1992-2016`), by a file name no other document has
/// (Obsidian's shortest form), and by title or alias. Paths and names compare like entity
/// names: ignoring case, Unicode normalisation and runs of spaces.
struct DocumentRegistry {
    enum Lookup: Equatable {
        case found(Int)
        /// Several documents answer to the text (a file name or title they share).
        case ambiguous([Int])
        case missing
    }

    private var byPath: [String: Int] = [:]
    private var byStem: [String: [Int]] = [:]
    private var byTitle: [String: [Int]] = [:]
    /// Path from the content root without `.md`, per document file: what `[[doc:…]]` spells.
    private(set) var paths: [Int: String] = [:]
    private(set) var titles: [Int: String] = [:]

    init(_ files: [ParsedFile], documents: [Int], config: SiteConfig) {
        for file in documents {
            guard let meta = files[file].documentMeta else { continue }
            let path = Self.withoutExtension(config.contentPath(files[file].path))
            paths[file] = path
            titles[file] = meta.title
            byPath[lookupKey(path)] = file
            let stem = path.split(separator: "/").last.map(String.init) ?? path
            byStem[lookupKey(stem), default: []].append(file)
            for name in Set(([meta.title] + meta.aliases).map(lookupKey)) where !name.isEmpty {
                byTitle[name, default: []].append(file)
            }
        }
    }

    /// The registry of `site`'s documents, kept from the last relink of the same linking:
    /// relinks never change documents, titles or paths, and making it folds 10,000 titles
    /// (50 ms of a 60 ms relink at 10,000 articles).
    static func forRelinking(_ site: Site) -> DocumentRegistry {
        lastRelinked.withLock { last in
            if let last, last.generation == site.generation { return last.registry }
            let registry = DocumentRegistry(site.files, documents: site.documents, config: site.config)
            last = (site.generation, registry)
            return registry
        }
    }

    private static let lastRelinked = Mutex<(generation: UInt64, registry: DocumentRegistry)?>(nil)

    /// `articles/x.md` → `articles/x`.
    static func withoutExtension(_ path: Substring) -> String {
        var path = path
        for suffix in [".md", ".markdown"] where path.hasSuffix(suffix) { path = path.dropLast(suffix.count) }
        return String(path)
    }

    /// Path, then a unique file name, then title or alias. `[[note.md]]` is `[[note]]`.
    /// A name several documents share means the one in the linking file's own folder, when
    /// one is there (as Obsidian resolves it); `folder` is that folder's content path.
    func resolve(_ target: String, from folder: String? = nil) -> Lookup {
        var key = lookupKey(target)
        for suffix in [".md", ".markdown"] where key.hasSuffix(suffix) { key = String(key.dropLast(suffix.count)) }
        if key.hasPrefix("/") { key.removeFirst() }
        if let file = byPath[key] { return .found(file) }
        if let folder, let file = byPath[lookupKey(folder.isEmpty ? key : folder + "/" + key)] { return .found(file) }
        for table in [byStem, byTitle] {
            guard let files = table[key] else { continue }
            if files.count == 1 { return .found(files[0]) }
            if let folder {
                let near = files.filter { lookupKey(Self.folder(of: paths[$0] ?? "")) == lookupKey(folder) }
                if near.count == 1 { return .found(near[0]) }
            }
            return .ambiguous(files.sorted())
        }
        return .missing
    }

    private static func folder(of path: String) -> String {
        path.split(separator: "/").dropLast().joined(separator: "/")
    }

    /// Whether `written` is the document's title, an alias or its file name, so a bare
    /// `[[written]]` shows itself rather than the title.
    func isName(_ written: String, of file: Int, _ files: [ParsedFile]) -> Bool {
        let key = lookupKey(written)
        guard let meta = files[file].documentMeta else { return false }
        if ([meta.title] + meta.aliases).contains(where: { lookupKey($0) == key }) { return true }
        let stem = paths[file].flatMap { $0.split(separator: "/").last.map(String.init) } ?? ""
        return lookupKey(stem) == key
    }

    /// The closest path or title to a target that named nothing.
    func suggestion(for target: String) -> String? {
        Suggestion.closest(to: target, among: paths.keys.sorted().flatMap { [paths[$0]!, titles[$0]!] })
    }
}

extension ParsedFile {
    var documentMeta: DocumentMeta? {
        if case .document(let meta)? = frontMatter { return meta }
        return nil
    }
}
