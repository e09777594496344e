import Linking
import Loading
import Model

/// Parses files given as `path: text` (paths under Content/) and links them.
func link(_ files: [String: String], drafts: Bool = false) -> Site {
    link(files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, drafts: drafts)
}

/// Files as a list, for names a dictionary would merge (NFC and NFD spellings are equal Strings).
func link(_ files: [(path: String, text: String)], drafts: Bool = false) -> Site {
    let parser = FileParser(allowRawHTML: false)
    let parsed = files.map { path, text -> ParsedFile in
        let parts = path.split(separator: "/").map(String.init)
        let stem = String(parts.last!.dropLast(3))
        let role: FileRole
        if let kind = EntityKind(folder: parts[0]) {
            role = .entity(EntityKey(kind, EntityID(EntityID.normalize(stem))!))
        } else {
            role = .document(section: parts.count > 1 ? parts[0] : "", urlPath: (parts.dropLast() + [stem]).joined(separator: "/"))
        }
        return parser.parse(ContentFile(path: "Content/" + path, role: role, bytes: Array(text.utf8)))
    }
    return Linker(config: SiteConfig(), includeDrafts: drafts).link(parsed)
}

extension Site {
    func entity(_ key: String) -> Int? {
        let parts = key.split(separator: ":").map(String.init)
        guard let kind = EntityKind(rawValue: parts[0]), let id = EntityID(parts[1]) else { return nil }
        return entityIndex[EntityKey(kind, id)]
    }

    /// `kind:id` each mention of a file resolved to, or "nil".
    func resolved(_ path: String) -> [String] {
        let file = files.firstIndex { $0.path == "Content/" + path }!
        return resolutions[file].map { $0.map { entities[$0].key.description } ?? "nil" }
    }

    var allDiagnostics: [Diagnostic] {
        (files.flatMap(\.diagnostics) + diagnostics).sortedByLocation()
    }
}
