import CFileSwap
import Foundation
import Model
import Rendering
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The Write stage: writes the whole site into a folder beside the output and swaps it in
/// only when every file is written, so a failed build leaves the previous site as it was.
/// The output folder is Dossier's own, recognised by a marker file; any other non-empty
/// folder is refused rather than replaced.
package struct OutputWriter {
    package static let marker = ".dossier-output"

    package enum Failure: Error, CustomStringConvertible {
        case unsafeOutput(String)
        case io(String)

        package var description: String {
            switch self {
            case .unsafeOutput(let message), .io(let message): message
            }
        }
    }

    let site: URL
    let output: URL

    package init(site: URL, output: URL) {
        self.site = site.standardizedFileURL.resolvingSymlinksInPath()
        self.output = output.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Refuses an output folder that is the site, holds it, lies in its content or theme,
    /// or is a non-empty folder Dossier did not create. Returns what the folder's marker
    /// says (the files it lists, the build that wrote them) and the files the folder holds,
    /// when it holds any.
    @discardableResult
    package func checkOutput() throws -> (recorded: Set<String>, build: String?, present: [String])? {
        let out = output.path, root = site.path
        if out == root || root.hasPrefix(out + "/") {
            throw Failure.unsafeOutput("refusing to write into \(out): it is the site folder or contains it")
        }
        for inner in ["Content", "Templates"] where out == root + "/" + inner || out.hasPrefix(root + "/" + inner + "/") {
            throw Failure.unsafeOutput("refusing to write into \(out): it is inside the site's \(inner)/ folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { throw Failure.unsafeOutput("refusing to replace \(out): it is a file, not a folder") }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        if entries.allSatisfy({ $0 == ".gitkeep" }) { return nil }
        guard entries.contains(Self.marker) else {
            throw Failure.unsafeOutput("refusing to replace \(out): it is not empty and was not written by Dossier (no \(Self.marker) file)")
        }
        // The marker lists what the last build wrote: the build replaces those files and
        // nothing else. An empty or copied marker authorises nothing.
        guard let (build, recorded) = Self.readMarker(in: output) else {
            throw Failure.unsafeOutput(
                "refusing to replace \(out): its \(Self.marker) lists no files (an empty marker, or one from an earlier Dossier); delete the folder or move its files out once")
        }
        // A renewed marker not yet renamed into place (`keep`) is ours too.
        let present = Self.files(in: out)
        let foreign = present.filter {
            $0 != Self.marker && $0 != ".gitkeep" && !$0.hasPrefix(Self.marker + ".tmp-") && !recorded.contains($0)
        }
        guard foreign.isEmpty else {
            let examples = foreign.sorted().prefix(3).joined(separator: ", ")
            throw Failure.unsafeOutput(
                "refusing to replace \(out): \(Plural.count(foreign.count, "file")) in it \(foreign.count == 1 ? "was" : "were") not written by Dossier (\(examples)); move \(foreign.count == 1 ? "it" : "them") out of the folder")
        }
        return (recorded, build, present)
    }

    /// The marker: what wrote the folder, the build's id, the files it holds.
    static func markerContents(build: String, record: String) -> String {
        "Written by Dossier. This folder is replaced on every build.\nbuild: \(build)\nfiles:\n\(record)\n"
    }

    /// The build that wrote `folder` and the files it wrote, as its marker says; nil without
    /// a marker or a list. Split on the marker's bytes: it lists every file (15,000 lines on
    /// a large site, which splitting by `Character` took milliseconds over).
    static func readMarker(in folder: URL) -> (build: String?, files: Set<String>)? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(marker).path) else { return nil }
        let lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        guard let start = lines.firstIndex(of: "files:") else { return nil }
        return (buildID(in: lines[..<start]), Set(lines[(start + 1)...].filter { !$0.isEmpty }))
    }

    /// The id on the marker's `build:` line, among the lines before its list of files.
    private static func buildID(in head: some Sequence<String>) -> String? {
        head.first { $0.hasPrefix("build: ") }.map { String($0.dropFirst("build: ".count)) }
    }

    /// Every file under `folder`, as paths relative to it (symbolic links not followed), in
    /// no particular order. Read with `readdir`, whose entries carry their type: Foundation's
    /// enumerator took a second for the 15,000 files of a 10,000-article site, on every build.
    /// Folders are opened relative to `folder` (`openat`), not by a path the kernel walks from
    /// `/` each time, and the folders two levels down (a page each) are read on all cores: a
    /// build with nothing changed spent a third of its time here.
    static func files(in folder: String) -> [String] {
        let root = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return [] }
        defer { close(root) }
        var files: [String] = []
        var level: [String] = [""]
        // The first two levels here, what is below them in parallel.
        for _ in 0..<2 {
            var next: [String] = []
            for relative in level {
                entries(root, relative) { path, isFolder in
                    if isFolder { next.append(path) } else { files.append(path) }
                }
            }
            level = next
        }
        let deeper = level.parallelMap { relative -> [String] in
            var found: [String] = []
            func walk(_ relative: String) {
                entries(root, relative) { path, isFolder in
                    if isFolder { walk(path) } else { found.append(path) }
                }
            }
            walk(relative)
            return found
        }
        for part in deeper { files += part }
        return files
    }

    /// Calls `body` with each entry of the folder at `relative` (under the open folder
    /// `root`): its relative path, and whether it is a folder.
    private static func entries(_ root: Int32, _ relative: String, _ body: (String, Bool) -> Void) {
        let fd = relative.isEmpty ? dup(root) : openat(root, relative, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return }
        guard let directory = fdopendir(fd) else {
            close(fd)
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            let path = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) {
                // Some file systems do not say: ask, without following links.
                var info = stat()
                guard fstatat(root, path, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                type = info.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_REG)
            }
            body(path, type == UInt8(DT_DIR))
        }
    }

    /// A new site being written beside the output folder. Pages are written into it as
    /// they are rendered, from many threads; `commit` swaps it in.
    package final class Staging: Sendable {
        let folder: URL
        let retired: URL
        /// The output as it was, to count the files whose bytes did not change.
        let previous: String?
        /// Files written whose bytes changed and did not, the first failure, and every
        /// path written or taken over (for the marker's record), from many threads.
        private struct Tally {
            var changed = 0
            var unchanged = 0
            var failure: Failure?
            var paths: [String] = []
        }
        private let tally = Mutex(Tally())
        /// The folders made here so far. The staging starts empty, so a folder not in this
        /// set is missing: it is made before its first file is opened, where an open that
        /// failed first (and walked the path twice) cost a tenth of writing a page.
        private let folders = Mutex(Set<String>())

        /// The staging folder, open: pages are created relative to it.
        private let directory: Int32
        private let root: String

        /// `directory`: the staging folder, open (`stage` opens it); closed with the staging.
        init(folder: URL, directory: Int32, retired: URL, previous: String?) {
            self.folder = folder
            self.retired = retired
            self.previous = previous
            root = folder.path
            self.directory = directory
        }

        deinit { close(directory) }

        /// Writes one file of the site. Failures are kept; `commit` reports the first.
        package func write(_ file: OutputFile) {
            file.contents.withUnsafeBytes { write($0, path: file.path) }
        }

        /// Takes the previous build's file at `path` as it is (a hard link). False when there
        /// is none, and the page must be rendered.
        package func reuse(_ path: String) -> Bool {
            guard let previous, FileWriting.link(previous + "/" + path, to: root + "/" + path) else { return false }
            recorded(path, same: true)
            return true
        }

        package func write(_ bytes: UnsafeBufferPointer<UInt8>, path: String) {
            write(UnsafeRawBufferPointer(bytes), path: path)
        }

        package func write(_ text: String, path: String) {
            var text = text
            text.withUTF8 { write(UnsafeRawBufferPointer($0), path: path) }
        }

        /// A file produced in pieces; compared with the previous output only by size.
        package func write(path: String, _ produce: ((_ sink: ([UInt8]) -> Void) -> Void)) {
            do {
                makeFolder(of: path)
                let file = try FileWriting.Appender(path: path, in: directory)
                var size = 0
                var failed: Error?
                produce { piece in
                    guard failed == nil else { return }
                    size += piece.count
                    do { try piece.withUnsafeBytes { try file.append($0) } } catch { failed = error }
                }
                try file.close()
                if let failed { throw failed }
                recorded(path, same: previous.map { FileWriting.size(at: $0 + "/" + path) == size } ?? false)
            } catch {
                failed(error)
            }
        }

        private func write(_ bytes: UnsafeRawBufferPointer, path: String) {
            let old = previous.map { $0 + "/" + path }
            let same = old.map { FileWriting.hasContents(bytes, at: $0) } ?? false
            do {
                // An unchanged file is linked from the previous site: it keeps its inode and
                // modification time, so tools that sync by time upload only real changes.
                let linked = same && old.map { FileWriting.link($0, to: root + "/" + path) } == true
                if !linked {
                    // A file linked here before is replaced, not written through the link
                    // into the previous site (without one, nothing here is a link).
                    if previous != nil { unlinkat(directory, path, 0) }
                    makeFolder(of: path)
                    try FileWriting.write(bytes, to: path, in: directory)
                }
            } catch {
                return failed(error)
            }
            recorded(path, same: same)
        }

        /// Makes the folder `path` is written in, the first time a file goes there. Another
        /// thread may be making it still: the open that follows makes it itself if it must.
        private func makeFolder(of path: String) {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
            let folder = String(path[..<slash])
            guard folders.withLock({ $0.insert(folder).inserted }) else { return }
            FileWriting.makeParents(of: path, in: directory)
        }

        /// A file now in the staged site, with the bytes it had in the previous one or not.
        private func recorded(_ path: String, same: Bool) {
            tally.withLock { if same { $0.unchanged += 1 } else { $0.changed += 1 }; $0.paths.append(path) }
        }

        /// Keeps the first failure for `commit` to report.
        private func failed(_ error: Error) {
            fail("\(error)")
        }

        /// A file of the site that could not be made: `commit` reports `reason` and swaps nothing in.
        package func fail(_ reason: String) {
            tally.withLock { if $0.failure == nil { $0.failure = .io(reason) } }
        }

        var counts: (written: Int, unchanged: Int, failure: Failure?) {
            tally.withLock { ($0.changed, $0.unchanged, $0.failure) }
        }

        var written: [String] { tally.withLock { $0.paths } }
    }

    /// Starts a new site beside the output folder, after checking the folder is ours to replace.
    package func stage() throws -> Staging {
        recoverFromInterruptedBuilds()
        try checkOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let token = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(name).tmp-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure.io("cannot write the site to \(output.path): \(error.localizedDescription)")
        }
        let directory = open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else {
            let reason = String(cString: strerror(errno))
            Self.removeTree(staging)
            throw Failure.io("cannot write the site to \(output.path): \(reason)")
        }
        let previous = FileManager.default.fileExists(atPath: output.path) ? output.path : nil
        return Staging(folder: staging, directory: directory, retired: retired, previous: previous)
    }

    /// Cleans up after builds that were killed: their half-written staging folders, and
    /// the old site they had moved aside. If one died between moving the old site aside
    /// and moving the new one in, the output folder is missing: the complete new site (its
    /// marker is written last) or else the old one is put back first. Folders of builds
    /// still running (their process exists) are left alone.
    package func recoverFromInterruptedBuilds() {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        var staged: [URL] = [], retired: [URL] = []
        for entry in entries {
            for (kind, prefix) in [("tmp", ".\(name).tmp-"), ("old", ".\(name).old-"), ("marker", ".\(name).marker-")] where entry.hasPrefix(prefix) {
                let token = entry.dropFirst(prefix.count)
                guard let pid = Int32(token.split(separator: "-").first ?? ""), pid != getpid(),
                      kill(pid, 0) != 0, errno == ESRCH else { continue }
                let url = parent.appendingPathComponent(entry)
                switch kind {
                case "tmp": staged.append(url)
                case "old": retired.append(url)
                default: unlink(url.path)  // a renewed marker its build did not rename
                }
            }
        }
        if !fm.fileExists(atPath: output.path) {
            let complete = staged.first { fm.fileExists(atPath: $0.appendingPathComponent(Self.marker).path) }
            if let restore = complete ?? retired.first, (try? fm.moveItem(at: restore, to: output)) != nil {
                staged.removeAll { $0 == restore }
                retired.removeAll { $0 == restore }
            }
        }
        for folder in staged + retired { Self.removeTree(folder) }
    }

    /// Drops a staged site (the build failed).
    package func discard(_ staging: Staging) {
        Self.removeTree(staging.folder)
    }

    /// The files the output folder's marker lists (none without a marker).
    package func recordedFiles() -> Set<String> {
        Self.readMarker(in: output)?.files ?? []
    }

    /// The id of the build that wrote the output folder, from its marker file.
    package func previousBuild() -> String? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent(Self.marker).path) else { return nil }
        // The id is on the second line, before the list of files: the rest is not split.
        let head = [UInt8](data).split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
        return Self.buildID(in: head.map { String(decoding: $0, as: UTF8.self) })
    }

    /// When the output holds exactly `expected` (no file more or less, as its marker also
    /// says) and `isCurrent` accepts each file the caller asks about, nothing needs writing:
    /// the marker is renewed for `build` (written beside it and renamed over it) and this
    /// returns how many files were kept. Otherwise nothing is touched, this returns nil, and
    /// the caller writes the site as usual.
    /// A build with nothing changed then neither links 15,000 files into a new folder nor
    /// unlinks the old one (0.5 s at 10,000 articles).
    /// `expected` nil: the files the marker lists. `writtenBy`: the build the marker must
    /// name, when the caller requires one.
    package func keep(expected: Set<String>?, writtenBy: String? = nil, build: String, isCurrent: () -> Bool) throws -> Int? {
        guard let found = try checkOutput(), expected.map({ found.recorded == $0 }) ?? true,
              writtenBy.map({ found.build == $0 }) ?? true else { return nil }
        // Every recorded file is there (none foreign, `checkOutput` made sure), and no more.
        let present = found.present.filter { $0 != Self.marker && $0 != ".gitkeep" }
        guard present.count == found.recorded.count, isCurrent() else { return nil }
        let record = found.recorded.sorted().joined(separator: "\n")
        let marker = output.appendingPathComponent(Self.marker).path
        // Written beside the output folder, not in it: a build killed before the rename
        // leaves nothing in the published site (the next build removes the file).
        let outside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).marker-\(getpid())").path
        do {
            try FileWriting.write(Self.markerContents(build: build, record: record), to: outside)
            if rename(outside, marker) != 0 {
                // Another file system (the output is a mount point): renamed inside it.
                let inside = marker + ".tmp-\(getpid())"
                defer { unlink(inside) }
                try FileWriting.write(Self.markerContents(build: build, record: record), to: inside)
                guard rename(inside, marker) == 0 else { throw Failure.io("cannot update \(marker)") }
            }
        } catch {
            unlink(outside)
            throw Failure.io("cannot update \(marker): \(error)")
        }
        unlink(outside)
        return found.recorded.count
    }

    /// Swaps the staged site in: the old site stays in place until the new one is complete.
    /// `build` identifies this build in the marker file. Returns how many files differ from
    /// the previous build.
    @discardableResult
    package func commit(_ staging: Staging, build: String = "") throws -> (written: Int, unchanged: Int) {
        let fm = FileManager.default
        let counts = staging.counts
        do {
            if let failure = counts.failure { throw failure }
            let record = staging.written.sorted().joined(separator: "\n")
            try Data(Self.markerContents(build: build, record: record).utf8)
                .write(to: staging.folder.appendingPathComponent(Self.marker))
            // A placeholder that keeps the folder in version control survives the swap.
            let keep = output.appendingPathComponent(".gitkeep")
            if fm.fileExists(atPath: keep.path) {
                try fm.copyItem(at: keep, to: staging.folder.appendingPathComponent(".gitkeep"))
            }
            let hadOutput = fm.fileExists(atPath: output.path)
            // One atomic exchange where the system offers it: the output folder always holds a
            // whole site, the old one or the new one, even if the process dies right here.
            if hadOutput, dossier_exchange_paths(staging.folder.path, output.path) == 0 {
                Self.removeTree(staging.folder)
                return (counts.written, counts.unchanged)
            }
            // Otherwise two renames; a build killed between them is repaired by the next one
            // (`recoverFromInterruptedBuilds`).
            if hadOutput { try fm.moveItem(at: output, to: staging.retired) }
            do {
                try fm.moveItem(at: staging.folder, to: output)
            } catch {
                if hadOutput { try? fm.moveItem(at: staging.retired, to: output) }
                throw error
            }
            if hadOutput { Self.removeTree(staging.retired) }
            return (counts.written, counts.unchanged)
        } catch let failure as Failure {
            discard(staging)
            throw failure
        } catch {
            discard(staging)
            throw Failure.io("cannot write the site to \(output.path): \(error.localizedDescription)")
        }
    }
}

extension OutputWriter {
    /// Removes a folder and everything in it, its subfolders on all cores: the previous
    /// site is tens of thousands of files, and the kernel unlinks those of different
    /// folders side by side.
    /// A link is removed, never followed (`lstat`: only a folder itself is listed).
    static func removeTree(_ folder: URL) {
        let fm = FileManager.default
        var info = stat()
        if lstat(folder.path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            let children = (try? fm.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            children.parallelForEach { try? fm.removeItem(at: $0) }
        }
        try? fm.removeItem(at: folder)
    }
}
