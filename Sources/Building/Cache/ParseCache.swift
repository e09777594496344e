import Foundation
import Loading
import Model

/// Parsed files kept between builds in one process (`dossier serve`): a file whose path and
/// bytes are unchanged, parsed with the same settings, is not parsed again. Parsing is a
/// pure function of those, so a cached result is the result.
package final class ParseCache: @unchecked Sendable {
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
    final class Slot: @unchecked Sendable {
        let path: String
        let key: Key
        let diagnostics: [Diagnostic]
        private let lock = NSLock()
        private var decoded: ParsedFile?
        /// Where its bytes are in the cache file, and their checksum.
        private let encoded: (source: CacheSource, range: Range<Int>, checksum: UInt64)?

        init(key: Key, file: ParsedFile) {
            path = file.path
            self.key = key
            diagnostics = file.diagnostics
            decoded = file
            encoded = nil
        }

        init(path: String, key: Key, diagnostics: [Diagnostic], source: CacheSource, range: Range<Int>, checksum: UInt64) {
            self.path = path
            self.key = key
            self.diagnostics = diagnostics
            encoded = (source, range, checksum)
        }

        /// The parse, decoded once (every caller gets the same value, so two reads of a slot
        /// compare equal at the cost of a pointer comparison); nil if the bytes cannot be read,
        /// are not the bytes written, or do not decode to a parse of this file.
        var file: ParsedFile? {
            lock.withLock {
                if let decoded { return decoded }
                guard let (source, range, checksum) = encoded, let bytes = source.parse(range, checksum: checksum) else { return nil }
                var r = BinaryReader(bytes)
                guard let file = try? r.parsedFile(), r.isAtEnd, file.path == path, file.role == key.role else { return nil }
                decoded = file
                return file
            }
        }
    }

    private var entries: [String: Slot] = [:]
    private let lock = NSLock()
    private var hits = 0
    private var misses = 0

    package init() {}

    func parse(_ file: ContentFile, with parser: FileParser) -> ParsedFile {
        let key = self.key(of: file, parser)
        if let slot = lock.withLock({ entries[file.path] }), slot.key == key, let cached = slot.file {
            lock.withLock { hits += 1 }
            return cached
        }
        let parsed = parser.parse(file)
        lock.withLock {
            entries[file.path] = Slot(key: key, file: parsed)
            misses += 1
            _modified = true
        }
        return parsed
    }

    private func key(of file: ContentFile, _ parser: FileParser) -> Key {
        Key(role: file.role, fingerprint: Fingerprint.of(file.bytes), size: file.bytes.count,
            allowRawHTML: parser.allowRawHTML, prettyURLs: parser.prettyURLs)
    }

    /// When `files` are exactly the previous build's, each with the bytes it had then: the
    /// diagnostics their parses had, in order, without decoding any. Nil otherwise.
    func recordedDiagnostics(_ files: [ContentFile], with parser: FileParser) -> [Diagnostic]? {
        guard let previous = lock.withLock({ _previous }), previous.count == files.count,
              zip(files, previous).allSatisfy({ $0.path == $1.path }) else { return nil }
        // Fingerprints on all cores: they read every byte of the content.
        let keys = files.parallelMap { key(of: $0, parser) }
        guard zip(keys, previous).allSatisfy({ $0 == $1.slot.key }) else { return nil }
        return previous.flatMap(\.slot.diagnostics)
    }

    /// The previous build's parse of `path`, if it had one.
    func recordedFile(_ path: String) -> ParsedFile? {
        lock.withLock { _previous?.first { $0.path == path }?.slot }?.file
    }

    /// What the previous build (read from disk) was made of: every file it parsed, in path
    /// order, and the signature of its settings and theme. Used to work out which pages of
    /// the previous output can be kept.
    var previousFiles: [ParsedFile]? {
        guard let previous = lock.withLock({ _previous }) else { return nil }
        let files = previous.compactMap(\.slot.file)
        return files.count == previous.count ? files : nil
    }
    var previousSignature: UInt64? { lock.withLock { _previousSignature } }
    /// The id of the previous build; its output folder's marker names the same id when that
    /// output is what the previous build wrote.
    var previousBuild: String? { lock.withLock { _previousBuild } }
    /// What the previous build made (its record's summary), if it said.
    var previousSummary: BuildSummary? { lock.withLock { _previousSummary } }
    // Every field is read and written under `lock`: the cache is saved on another thread
    // while the pages render.
    private var _previous: [(path: String, slot: Slot)]?
    private var _previousSignature: UInt64?
    private var _previousBuild: String?
    private var _previousSummary: BuildSummary?

    /// Entries read from the build cache on disk.
    func preload(_ loaded: [(path: String, slot: Slot)], signature: UInt64, build: String,
                 summary: BuildSummary? = nil, checksum: UInt64) {
        lock.withLock {
            for entry in loaded where entries[entry.path] == nil { entries[entry.path] = entry.slot }
            _previous = loaded.sorted { $0.path < $1.path }
            _previousSignature = signature
            _previousBuild = build
            _previousSummary = summary
            _loadedChecksum = checksum
            _modified = false
        }
    }

    /// The signature and id of the build being written to disk.
    var signature: UInt64 {
        get { lock.withLock { _signature } }
        set { lock.withLock { _signature = newValue } }
    }
    var build: String {
        get { lock.withLock { _build } }
        set { lock.withLock { _build = newValue } }
    }
    /// What the build being written to disk made, for the next one.
    var summary: BuildSummary? {
        get { lock.withLock { _summary } }
        set { lock.withLock { _summary = newValue } }
    }
    private var _summary: BuildSummary?
    /// Whether entries changed since they were read from disk (or were never read), and the
    /// checksum of the cache file they match when they did not.
    var modified: Bool { lock.withLock { _modified } }
    var loadedChecksum: UInt64? { lock.withLock { _loadedChecksum } }
    private var _signature: UInt64 = 0
    private var _build = ""
    private var _modified = true
    private var _loadedChecksum: UInt64?

    func markSaved(checksum: UInt64) {
        lock.withLock {
            _modified = false
            _loadedChecksum = checksum
        }
    }

    /// Every entry, for writing the build cache (entries that no longer decode are left out).
    func snapshot() -> [(path: String, key: Key, file: ParsedFile)] {
        lock.withLock { entries }.compactMap { path, slot in slot.file.map { (path: path, key: slot.key, file: $0) } }
    }

    /// Ends a build that read only changed files (no file came or went): resets the counts.
    func finishTargetedBuild() {
        lock.withLock { (hits, misses) = (0, 0) }
    }

    /// Forgets files that are gone; returns and resets the counts of the build just done.
    func finishBuild(keeping paths: Set<String>) -> (reused: Int, parsed: Int) {
        lock.withLock {
            let before = entries.count
            entries = entries.filter { paths.contains($0.key) }
            if entries.count != before { _modified = true }
            defer { (hits, misses) = (0, 0) }
            return (hits, misses)
        }
    }
}
