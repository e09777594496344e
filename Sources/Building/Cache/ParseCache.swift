import Foundation
import Loading
import Model
import Synchronization

/// Parsed files kept between builds in one process (`dossier serve`): a file whose path and
/// bytes are unchanged, parsed with the same settings, is not parsed again. Parsing is a
/// pure function of those, so a cached result is the result.
///
/// Its state is behind one `Mutex` (the cache is saved on another thread while the pages
/// render, and parses run on all cores), so the compiler checks that nothing is read outside it.
package final class ParseCache: Sendable {
    struct Key: Hashable {
        var role: FileRole
        var fingerprint: UInt64
        var size: Int
        var allowRawHTML: Bool
        var prettyURLs: Bool
    }

    /// One cached parse: made in this process, or read from disk and decoded when first
    /// asked for. A build with nothing changed asks for none (it needs the keys and the
    /// diagnostics only), and decoding 13,000 files was most of reading the cache.
    final class Slot: Sendable {
        let path: String
        let key: Key
        let diagnostics: [Diagnostic]
        /// The file's status when it was read, when it can be trusted (`ContentFile.status`).
        let status: FileStatus?
        private let decoded: Mutex<ParsedFile?>
        /// Where its bytes are in the cache file, and their checksum.
        private let encoded: (source: CacheSource, range: Range<Int>, checksum: UInt64)?

        init(key: Key, file: ParsedFile, status: FileStatus?) {
            path = file.path
            self.key = key
            diagnostics = file.diagnostics
            self.status = status
            decoded = Mutex(file)
            encoded = nil
        }

        init(path: String, key: Key, diagnostics: [Diagnostic], status: FileStatus?, source: CacheSource, range: Range<Int>, checksum: UInt64) {
            self.path = path
            self.key = key
            self.diagnostics = diagnostics
            self.status = status
            decoded = Mutex(nil)
            encoded = (source, range, checksum)
        }

        /// The same parse, with the status its file has now.
        private init(_ slot: Slot, status: FileStatus?) {
            path = slot.path
            key = slot.key
            diagnostics = slot.diagnostics
            self.status = status
            decoded = Mutex(slot.decoded.withLock { $0 })
            encoded = slot.encoded
        }

        func with(status: FileStatus?) -> Slot { Slot(self, status: status) }

        /// The parse as the cache file holds it, when it came from one: bytes that a new cache
        /// file can take over without decoding and encoding them again. Nil when they cannot
        /// be read now, or the parse was made in this process.
        var storedBytes: (bytes: [UInt8], checksum: UInt64)? {
            guard let (source, range, checksum) = encoded, let bytes = source.read(range) else { return nil }
            return (bytes, checksum)
        }

        /// The parse, decoded once (every caller gets the same value, so two reads of a slot
        /// compare equal at the cost of a pointer comparison); nil if the bytes cannot be read,
        /// are not the bytes written, or do not decode to a parse of this file.
        var file: ParsedFile? {
            decoded.withLock { decoded in
                if let decoded { return decoded }
                guard let (source, range, checksum) = encoded, let bytes = source.parse(range, checksum: checksum) else { return nil }
                var r = BinaryReader(bytes)
                guard let file = try? r.parsedFile(), r.isAtEnd, file.path == path, file.role == key.role else { return nil }
                decoded = file
                return file
            }
        }
    }

    /// Everything that changes, read and written only under the lock.
    private struct Shared {
        var entries: [String: Slot] = [:]
        var hits = 0
        var misses = 0
        /// The previous build read from disk: its files in path order, its signature, id and summary.
        var previous: [(path: String, slot: Slot)]?
        var previousSignature: UInt64?
        var previousBuild: String?
        var previousSummary: BuildSummary?
        /// The build being written to disk.
        var signature: UInt64 = 0
        var build = ""
        var summary: BuildSummary?
        /// Whether entries changed since they were read from disk (or were never read), and
        /// the checksum of the cache file they match when they did not.
        var modified = true
        var loadedChecksum: UInt64?
    }

    private let shared = Mutex(Shared())

    package init() {}

    func parse(_ file: ContentFile, with parser: FileParser) -> ParsedFile {
        let key = self.key(of: file, parser)
        if let slot = shared.withLock({ $0.entries[file.path] }), slot.key == key, let cached = slot.file {
            shared.withLock {
                $0.hits += 1
                // The same bytes under a new status (the file was saved again as it was):
                // kept with the parse, and on disk when the cache is next written.
                if let status = file.status, status != slot.status { $0.entries[file.path] = slot.with(status: status) }
            }
            return cached
        }
        let parsed = parser.parse(file)
        shared.withLock {
            $0.entries[file.path] = Slot(key: key, file: parsed, status: file.status)
            $0.misses += 1
            $0.modified = true
        }
        return parsed
    }

    private func key(of file: ContentFile, _ parser: FileParser) -> Key {
        Key(role: file.role, fingerprint: Fingerprint.of(file.bytes), size: file.bytes.count,
            allowRawHTML: parser.allowRawHTML, prettyURLs: parser.prettyURLs)
    }

    /// When `files` and the files left unread (`recorded`, whose status is the one recorded)
    /// are exactly the previous build's, each with the bytes it had then: the diagnostics
    /// their parses had, in order, without decoding any. Nil otherwise.
    func recordedDiagnostics(_ files: [ContentFile], recorded: [ContentLoader.Result.Recorded] = [],
                             with parser: FileParser) -> [Diagnostic]? {
        guard let previous = shared.withLock({ $0.previous }), previous.count == files.count + recorded.count else { return nil }
        // Fingerprints on all cores: they read every byte of the files that were read.
        let keys = files.parallelMap { key(of: $0, parser) }
        // Both lists are in path order, as `previous` is; merged as they are compared.
        var read = 0, unread = 0
        for entry in previous {
            if read < files.count, files[read].path == entry.path {
                guard keys[read] == entry.slot.key else { return nil }
                read += 1
            } else if unread < recorded.count, recorded[unread].path == entry.path {
                // Its bytes are the ones recorded; the settings that parse them must be too.
                let key = entry.slot.key
                guard key.role == recorded[unread].role, key.allowRawHTML == parser.allowRawHTML,
                      key.prettyURLs == parser.prettyURLs else { return nil }
                unread += 1
            } else {
                return nil
            }
        }
        return previous.flatMap(\.slot.diagnostics)
    }

    /// The status and role of each file the previous build read, where its status could be
    /// trusted: the loader need not read a file that still has it.
    func knownFiles() -> [String: ContentLoader.Known] {
        guard let previous = shared.withLock({ $0.previous }) else { return [:] }
        var known: [String: ContentLoader.Known] = [:]
        known.reserveCapacity(previous.count)
        for entry in previous {
            if let status = entry.slot.status { known[entry.path] = ContentLoader.Known(status: status, role: entry.slot.key.role) }
        }
        return known
    }

    /// The previous build's parse of `path`, if it had one.
    func recordedFile(_ path: String) -> ParsedFile? {
        shared.withLock { $0.previous?.first { entry in entry.path == path }?.slot }?.file
    }

    /// What the previous build (read from disk) was made of: every file it parsed, in path
    /// order, and the signature of its settings and theme. Used to work out which pages of
    /// the previous output can be kept.
    var previousFiles: [ParsedFile]? {
        guard let previous = shared.withLock({ $0.previous }) else { return nil }
        let files = previous.compactMap(\.slot.file)
        return files.count == previous.count ? files : nil
    }
    var previousSignature: UInt64? { shared.withLock { $0.previousSignature } }
    /// The id of the previous build; its output folder's marker names the same id when that
    /// output is what the previous build wrote.
    var previousBuild: String? { shared.withLock { $0.previousBuild } }
    /// What the previous build made (its record's summary), if it said.
    var previousSummary: BuildSummary? { shared.withLock { $0.previousSummary } }

    /// Entries read from the build cache on disk.
    func preload(_ loaded: [(path: String, slot: Slot)], signature: UInt64, build: String,
                 summary: BuildSummary? = nil, checksum: UInt64) {
        shared.withLock {
            for entry in loaded where $0.entries[entry.path] == nil { $0.entries[entry.path] = entry.slot }
            $0.previous = loaded.sorted { a, b in a.path < b.path }
            $0.previousSignature = signature
            $0.previousBuild = build
            $0.previousSummary = summary
            $0.loadedChecksum = checksum
            $0.modified = false
        }
    }

    /// The signature and id of the build being written to disk.
    var signature: UInt64 {
        get { shared.withLock { $0.signature } }
        set { shared.withLock { $0.signature = newValue } }
    }
    var build: String {
        get { shared.withLock { $0.build } }
        set { shared.withLock { $0.build = newValue } }
    }
    /// What the build being written to disk made, for the next one.
    var summary: BuildSummary? {
        get { shared.withLock { $0.summary } }
        set { shared.withLock { $0.summary = newValue } }
    }
    /// Whether entries changed since they were read from disk (or were never read), and the
    /// checksum of the cache file they match when they did not.
    var modified: Bool { shared.withLock { $0.modified } }
    var loadedChecksum: UInt64? { shared.withLock { $0.loadedChecksum } }

    func markSaved(checksum: UInt64) {
        shared.withLock {
            $0.modified = false
            $0.loadedChecksum = checksum
        }
    }

    /// Every entry, for writing the build cache (entries that no longer decode are left out).
    func snapshot() -> [(path: String, key: Key, file: ParsedFile, status: FileStatus?)] {
        shared.withLock { $0.entries }.compactMap { path, slot in slot.file.map { (path: path, key: slot.key, file: $0, status: slot.status) } }
    }

    /// Every entry, for writing the build cache: a parse read from the cache file is written
    /// as the bytes it had there (its checksum, checked when it is next decoded, vouches for
    /// them), any other encoded (`BuildCache.encode`).
    func entriesToSave() -> [BuildCache.Entry] {
        shared.withLock { $0.entries }.map { path, slot in
            BuildCache.Entry(path: path, key: slot.key, status: slot.status, diagnostics: slot.diagnostics, parse: .cached(slot))
        }
    }

    /// Ends a build that read only changed files (no file came or went): resets the counts.
    func finishTargetedBuild() {
        shared.withLock { ($0.hits, $0.misses) = (0, 0) }
    }

    /// Forgets files that are gone; returns and resets the counts of the build just done.
    func finishBuild(keeping paths: Set<String>) -> (reused: Int, parsed: Int) {
        shared.withLock { shared in
            let before = shared.entries.count
            shared.entries = shared.entries.filter { paths.contains($0.key) }
            if shared.entries.count != before { shared.modified = true }
            defer { (shared.hits, shared.misses) = (0, 0) }
            return (shared.hits, shared.misses)
        }
    }
}
