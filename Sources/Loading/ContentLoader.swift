import Foundation
import Model

/// The Load stage: walks `Content/`, reads Markdown files and lists the other files
/// (images, attachments) to copy. Nothing outside the site folder is followed.
package struct ContentLoader: Sendable {
    package struct Result: Sendable {
        package var files: [ContentFile]
        /// Non-Markdown files: path relative to `Content/` and absolute file URL.
        package var assets: [(relativePath: String, url: URL)]
        package var diagnostics: [Diagnostic]
        /// Markdown files found by the walk, read after it on all cores.
        var toRead: [(file: String, path: [String])] = []
        /// Markdown files not read, because each has the status recorded when it was last
        /// read (`load(known:)`), with the role recorded then; `readRecorded` reads them.
        package var recorded: [Recorded] = []

        package struct Recorded: Sendable {
            package var path: String
            package var role: FileRole
            let file: String
            let components: [String]
        }

        package init(files: [ContentFile], assets: [(relativePath: String, url: URL)], diagnostics: [Diagnostic]) {
            self.files = files
            self.assets = assets
            self.diagnostics = diagnostics
        }
    }

    let site: URL
    let maxFileSize: Int

    /// The content folder's real path: links are followed only when they resolve inside it.
    let contentRoot: String
    /// The content folder from the site folder (`Content`, or "" for the site folder itself):
    /// the start of every file's site-relative path.
    let contentFolder: String
    /// Folders whose notes are entities (`kinds:` in `dossier.yml`).
    let kinds: [FolderKind]
    /// Real paths never read as content: when the content folder is the site folder, the
    /// output, the theme and the settings sit inside it.
    let skipped: Set<String>

    /// `unsafe_html`: HTML and script files are published, SVG as it is.
    let allowActiveContent: Bool

    /// How much older than the start of a read a file's times must be for its status to be
    /// kept (`ContentFile.status`): file systems stamp times from a clock that ticks every
    /// few milliseconds, and a network one's clock may be off by a second.
    package var statusMargin: Int64 = 2_000_000_000

    /// What the previous build recorded of a file it read: its status then, and its role.
    package struct Known: Sendable {
        package var status: FileStatus
        package var role: FileRole

        package init(status: FileStatus, role: FileRole) {
            self.status = status
            self.role = role
        }
    }

    package init(site: URL, config: SiteConfig, skipping: [URL] = []) {
        self.site = site.standardizedFileURL.resolvingSymlinksInPath()
        maxFileSize = config.maxFileSize
        allowActiveContent = config.unsafeHTML
        contentFolder = config.contentFolder
        kinds = config.kinds
        let content = contentFolder.isEmpty ? self.site.path : self.site.appendingPathComponent(contentFolder).path
        contentRoot = FileReading.realPath(content) ?? content
        let site = self.site
        // A vault's Obsidian Publish settings sit beside its notes; they are not notes.
        let own = ["Templates", "dossier.yml", "Output"] + (contentFolder.isEmpty ? ["publish.js", "publish.css", "site-options.json"] : [])
        skipped = Set((skipping + own.map { site.appendingPathComponent($0) }).map {
            FileReading.realPath($0.path) ?? $0.standardizedFileURL.path
        })
    }

    /// The site-relative path of a file of the content folder: `Content/articles/x.md`.
    package func sitePath(_ path: [String]) -> String {
        (contentFolder.isEmpty ? path : [contentFolder] + path).joined(separator: "/")
    }

    /// Walks the content folder and reads its Markdown files, but for those in `known`
    /// whose status is still the recorded one: those are listed in `Result.recorded`,
    /// unread (a build with nothing changed needs none of their bytes).
    package func load(known: [String: Known] = [:]) -> Result {
        var result = Result(files: [], assets: [], diagnostics: [])
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: contentRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
            let name = contentFolder.isEmpty ? "." : contentFolder + "/"
            var message = "no \(name) folder in \(site.path) (an Obsidian vault, with .obsidian/, is read as it is)"
            let near = (FileReading.list(site.path) ?? []).map(\.name).filter { $0.lowercased() == contentFolder.lowercased() && $0 != contentFolder }
            if let other = near.first { message = "no \(name) folder in \(site.path), but there is \(other)/: rename it \(contentFolder)/ (or write content: \(other) in dossier.yml)" }
            result.diagnostics.append(.error(.missingContent, message, at: nil))
            return result
        }
        walk(URL(fileURLWithPath: contentRoot), relative: [], into: &result)
        if !known.isEmpty {
            // Statuses asked for on all cores, as the files are read.
            let unchanged = result.toRead.parallelMap { file, path -> Result.Recorded? in
                let site = sitePath(path)
                guard let recorded = known[site], FileStatus.of(file) == recorded.status else { return nil }
                return Result.Recorded(path: site, role: recorded.role, file: file, components: path)
            }
            result.recorded = unchanged.compactMap { $0 }.sorted { $0.path < $1.path }
            result.toRead = zip(result.toRead, unchanged).filter { $0.1 == nil }.map(\.0)
        }
        readListed(into: &result)
        result.assets.sort { $0.relativePath < $1.relativePath }
        return result
    }

    /// Reads the files `load(known:)` left unread, into `result.files`.
    package func readRecorded(into result: inout Result) {
        guard !result.recorded.isEmpty else { return }
        result.toRead = result.recorded.map { ($0.file, $0.components) }
        result.recorded = []
        readListed(into: &result)
    }

    /// Reads the files in `result.toRead` into `result.files`, in path order. On all cores
    /// (13,000 files of a large site took 0.16 s on one), each file's diagnostics kept in the
    /// list's order.
    private func readListed(into result: inout Result) {
        let trustedBefore = FileStatus.now() - statusMargin
        let reads = result.toRead.parallelMap { file, path -> Result in
            var read = Result(files: [], assets: [], diagnostics: [])
            self.read(file, path: path, trustedBefore: trustedBefore, into: &read)
            return read
        }
        result.toRead = []
        for read in reads {
            result.files += read.files
            result.diagnostics += read.diagnostics
        }
        result.files.sort { $0.path < $1.path }
    }

    private func walk(_ folder: URL, relative: [String], into result: inout Result) {
        let real = FileReading.realPath(folder.path) ?? folder.path
        walk(real, relative: relative, ancestors: [real], into: &result)
    }

    /// `folder` is the real path (links resolved) of the folder being listed; `ancestors`
    /// the real paths of the folders the walk is inside, so that links leading back into
    /// one of them (directly or through other links) are not followed forever.
    private func walk(_ folder: String, relative: [String], ancestors: Set<String>, into result: inout Result) {
        guard let entries = FileReading.list(folder) else {
            result.diagnostics.append(.error(.unreadableFile, "cannot read folder", at: location(relative)))
            return
        }
        for (name, kind) in entries.sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
            let full = folder + "/" + name
            if !skipped.isEmpty, relative.isEmpty, skipped.contains(FileReading.realPath(full) ?? full) { continue }
            let path = relative + [name]
            var target = full
            var isDirectory = kind == .directory
            if kind == .symlink {
                // Only links can leave the content folder; everything else under Content/ is
                // inside it. A link to another folder of the content (shared notes) is followed;
                // one to the site's `.env`, `.git` or `Output/` is not.
                guard let resolved = FileReading.realPath(full) else {
                    result.diagnostics.append(.error(.unreadableFile, "cannot read file: symbolic link points to nothing; it is skipped",
                                                     at: location(path)))
                    continue
                }
                guard resolved == contentRoot || resolved.hasPrefix(contentRoot + "/") else {
                    result.diagnostics.append(.warning(.symlinkEscape, "symbolic link points outside the content folder; it is skipped",
                                                     at: location(path)))
                    continue
                }
                // Hidden files are never published, reached through a link or not.
                if resolved.dropFirst(contentRoot.count).split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    result.diagnostics.append(.warning(.symlinkHidden, "symbolic link points to a hidden file or folder; it is skipped",
                                                       at: location(path)))
                    continue
                }
                target = resolved
                isDirectory = FileReading.isDirectory(resolved)
                if !isDirectory, !FileAccess.isRegularFile(resolved) {
                    result.diagnostics.append(.warning(.notRegularFile, "symbolic link points to a pipe, socket or device; it is skipped",
                                                       at: location(path)))
                    continue
                }
                if isDirectory, ancestors.contains(resolved) || folder.hasPrefix(resolved + "/") {
                    result.diagnostics.append(.warning(.symlinkLoop, "symbolic link points to a folder that contains it; it is skipped",
                                                       at: location(path)))
                    continue
                }
            } else if kind == .other {
                result.diagnostics.append(.warning(.notRegularFile, "a pipe, socket or device is not content; it is skipped",
                                                   at: location(path)))
                continue
            }
            if isDirectory {
                // `actor/` for `actors/`: a section of documents, which is seldom what was meant.
                if relative.isEmpty, let kind = EntityKind(rawValue: name.lowercased()) {
                    result.diagnostics.append(.warning(
                        .folderName, "'\(name)/' is read as a section of documents; entity files go in \(kind.folder)/", at: location(path)))
                }
                walk(target, relative: path, ancestors: ancestors.union([target]), into: &result)
            } else if name.hasSuffix(".md") || name.hasSuffix(".markdown") {
                result.toRead.append((target, path))
            } else if allowActiveContent || isPublishable(name, target, at: path, into: &result) {
                // Copied when the pages render: one that cannot be opened fails the build now,
                // rather than arriving as an empty file.
                guard FileAccess.canOpen(target) else {
                    result.diagnostics.append(.error(.unreadableFile, "the file cannot be read (check its permissions)",
                                                     at: SourceLocation(path: sitePath(path), line: 1, column: 1)))
                    continue
                }
                // Beside the pages of its folder, whose names are slugs.
                let folders = path.dropLast().map { Slug.make($0) }
                result.assets.append(((folders + [name]).joined(separator: "/"), URL(fileURLWithPath: target)))
            }
        }
    }

    /// Files a browser would run: a page or script from content would run on the site's
    /// own origin, with its search and previews.
    static let activeExtensions: Set<String> = ["html", "htm", "xhtml", "js", "mjs"]

    /// Whether a file other than Markdown may be published as it is: HTML and script files
    /// are refused, an SVG must parse (it is sanitised when copied).
    private func isPublishable(_ name: String, _ file: String, at path: [String], into result: inout Result) -> Bool {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        if Self.activeExtensions.contains(ext) {
            result.diagnostics.append(.error(
                .activeContent,
                "'\(name)' would run its scripts on the site; it is not published (set unsafe_html: true in dossier.yml if every author is trusted)",
                at: location(path)))
            return false
        }
        guard ext == "svg" else { return true }
        guard let bytes = bytes(of: file, at: location(path), else: "published", into: &result) else { return false }
        guard SVGSanitizer.sanitize(bytes) != nil else {
            result.diagnostics.append(.error(.invalidSVG, "'\(name)' is not well-formed SVG (XML); it is not published", at: location(path)))
            return false
        }
        return true
    }

    /// Reads one Markdown file again, for a rebuild that knows only it changed: `path` is
    /// site-relative (`Content/articles/x.md`). Nil with diagnostics when it cannot be used.
    package func reload(_ path: String) -> (file: ContentFile?, diagnostics: [Diagnostic]) {
        let components = path.split(separator: "/").dropFirst(contentFolder.isEmpty ? 0 : contentFolder.split(separator: "/").count).map(String.init)
        var result = Result(files: [], assets: [], diagnostics: [])
        read(site.appendingPathComponent(path).path, path: components, trustedBefore: FileStatus.now() - statusMargin, into: &result)
        return (result.files.first, result.diagnostics)
    }

    private func read(_ file: String, path: [String], trustedBefore: Int64, into result: inout Result) {
        let sitePath = sitePath(path)
        let fileLocation = SourceLocation(path: sitePath, line: 1, column: 1)
        var status: FileStatus?
        guard let bytes = bytes(of: file, at: fileLocation, else: "parsed", status: &status, into: &result),
              let role = role(for: path, declared: Self.declaredKind(bytes), at: fileLocation, into: &result) else { return }
        // Kept only when a write after this read could not have left it as it is.
        if let times = status, times.modified >= trustedBefore || times.changed >= trustedBefore { status = nil }
        result.files.append(ContentFile(path: sitePath, role: role, bytes: bytes, status: status))
    }

    /// `kind:` in a file's front matter (`actor`, `event`, `theme`, `document`), read before
    /// the file is parsed: it decides how the front matter is read.
    static func declaredKind(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: "---\n".utf8) || bytes.starts(with: "---\r\n".utf8) else { return nil }
        var start = bytes.firstIndex(of: 0x0A)! + 1
        var lines = 0
        while start < bytes.count, lines < 200 {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var line = bytes[start..<end]
            if line.last == 0x0D { line = line.dropLast() }
            if line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8) { return nil }
            if line.starts(with: "kind:".utf8) {
                let value = String(decoding: line.dropFirst(5), as: UTF8.self).trimmingSpaces
                return value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
            }
            start = end + 1
            lines += 1
        }
        return nil
    }

    /// A file's bytes, or nil with the diagnostic that says why it is not `consequence`
    /// ("parsed", "published").
    private func bytes(of file: String, at location: SourceLocation, else consequence: String, into result: inout Result) -> [UInt8]? {
        var status: FileStatus?
        return bytes(of: file, at: location, else: consequence, status: &status, into: &result)
    }

    private func bytes(of file: String, at location: SourceLocation, else consequence: String, status: inout FileStatus?,
                       into result: inout Result) -> [UInt8]? {
        switch FileReading.read(file, limit: maxFileSize, status: &status) {
        case .bytes(let bytes):
            return bytes
        case .tooLarge(let size):
            result.diagnostics.append(.error(
                .fileTooLarge,
                "file is \(size) bytes, over the limit of \(maxFileSize) (max_file_size in dossier.yml); it is not \(consequence)",
                at: location))
        case .failed(let reason):
            result.diagnostics.append(.error(.unreadableFile, "cannot read file: \(reason)", at: location))
        }
        return nil
    }

    /// Entity files live in `actors/`, `events/`, `themes/` or a folder `kinds:` names, or
    /// say `kind:` in their front matter; every other folder is a section. Ids of files in
    /// the default folders must be ids already; elsewhere (a vault's `People/Emomali
    /// Rahmon.md`) the id is the file name's slug.
    private func role(for path: [String], declared: String?, at location: SourceLocation, into result: inout Result) -> FileRole? {
        let stem = String(path.last!.split(separator: ".", omittingEmptySubsequences: false).dropLast().joined(separator: "."))
        let folders = path.dropLast()
        var kind: EntityKind?
        var strict = false
        if path.count >= 2, let k = EntityKind(folder: path[0].lowercased()) {
            kind = k
            strict = true
        } else if let mapped = kinds.first(where: { $0.matches(folders) }) {
            kind = mapped.kind
        }
        if let declared {
            if let k = EntityKind(rawValue: declared) ?? EntityKind(folder: declared) {
                strict = strict && k == kind
                kind = k
            } else if ["document", "note", "article"].contains(declared) {
                kind = nil
            } else {
                result.diagnostics.append(.warning(
                    .invalidSetting, "unknown kind '\(declared)': write actor, event, theme or document", at: location))
            }
        }
        if let kind {
            let normalized = strict ? EntityID.normalize(stem) : Slug.make(stem)
            guard let id = EntityID(normalized) else {
                result.diagnostics.append(.error(
                    .invalidID,
                    "'\(stem)' is not a valid id: use lowercase letters, digits and '-' in the file name",
                    at: location))
                return nil
            }
            return .entity(EntityKey(kind, id))
        }
        let slug = Slug.make(stem)
        guard !slug.isEmpty else {
            result.diagnostics.append(.error(.invalidID, "'\(stem)' gives an empty page name: use letters or digits in the file name", at: location))
            return nil
        }
        let slugged = folders.map { Slug.make($0) }
        let section = path.count >= 2 ? slugged[0] : ""
        return .document(section: section, urlPath: (slugged + [slug]).joined(separator: "/"))
    }

    private func location(_ path: [String]) -> SourceLocation {
        SourceLocation(path: sitePath(path), line: 1, column: 1)
    }
}
