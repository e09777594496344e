/// Settings from `dossier.yml`; every key is optional.
package struct SiteConfig: Hashable, Sendable {
    package enum Autolink: String, Sendable, CaseIterable { case off, first, all }

    package var title = "Dossier"
    package var baseURL = ""
    package var language = "en"
    /// `ltr` or `rtl`.
    package var direction = "ltr"
    package var description = ""
    package var autolink = Autolink.off
    /// Pass raw HTML in Markdown through (cmark's unsafe mode). Off by default.
    package var unsafeHTML = false
    /// Documents listed per entity page before it paginates.
    package var paginate = 50
    /// Markdown files larger than this many bytes are diagnosed, not parsed.
    package var maxFileSize = 4 * 1024 * 1024
    /// Build documents marked `draft: true`.
    package var drafts = false
    /// Link to folders (`actors/iran/`) rather than files (`actors/iran/index.html`).
    /// Off by default so the generated site can be browsed straight from disk.
    package var prettyURLs = false
    /// The content folder, from the site folder: `Content` unless set; `.` for a vault
    /// whose notes sit at the top (found on its own when the folder has `.obsidian/` and no
    /// `Content/`).
    package var content: String?
    /// Folders whose notes are entities (`People: actor`), besides `actors/`, `events/`
    /// and `themes/` at the top of the content folder.
    package var kinds: [FolderKind] = []

    /// `content`, or `Content`; "" is the site folder itself.
    package var contentFolder: String { content ?? "Content" }

    /// A file's path from the content folder: `Content/articles/x.md` → `articles/x.md`.
    package func contentPath(_ sitePath: String) -> Substring {
        let folder = contentFolder
        guard !folder.isEmpty, sitePath.hasPrefix(folder + "/") else { return Substring(sitePath) }
        return sitePath.dropFirst(folder.count + 1)
    }

    package init() {}
}

/// `kinds:` in `dossier.yml`: a folder name matches that folder at any depth; a path from
/// the content folder (`01 - Community/People`) matches that one folder. Case is ignored.
package struct FolderKind: Hashable, Sendable {
    package var folder: String
    package var kind: EntityKind

    package init(folder: String, kind: EntityKind) {
        self.folder = folder
        self.kind = kind
    }

    /// Whether a file in `folders` (names from the content folder down) is in this folder.
    package func matches(_ folders: some Collection<String>) -> Bool {
        let pattern = folder.split(separator: "/").map { $0.lowercased() }
        let names = folders.map { $0.lowercased() }
        if pattern.count == 1 { return names.contains(pattern[0]) }
        return names.count >= pattern.count && Array(names.prefix(pattern.count)) == pattern
    }
}
