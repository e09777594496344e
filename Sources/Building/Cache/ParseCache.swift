import Foundation
import Loading
import Model

/// Parsed files kept between builds in one process (`dossier serve`): a file whose path and
/// bytes are unchanged, parsed with the same settings, is not parsed again. Parsing is a
/// pure function of those, so a cached result is the result.
public final class ParseCache: @unchecked Sendable {
    struct Key: Hashable {
        var role: FileRole
        var fingerprint: UInt64
        var size: Int
        var allowRawHTML: Bool
        var prettyURLs: Bool
    }

    private var entries: [String: (key: Key, file: ParsedFile)] = [:]
    private let lock = NSLock()
    private var hits = 0
    private var misses = 0

    public init() {}

    func parse(_ file: ContentFile, with parser: FileParser) -> ParsedFile {
        let key = Key(role: file.role, fingerprint: Fingerprint.of(file.bytes), size: file.bytes.count,
                      allowRawHTML: parser.allowRawHTML, prettyURLs: parser.prettyURLs)
        if let entry = lock.withLock({ entries[file.path] }), entry.key == key {
            lock.withLock { hits += 1 }
            return entry.file
        }
        let parsed = parser.parse(file)
        lock.withLock {
            entries[file.path] = (key, parsed)
            misses += 1
            modified = true
        }
        return parsed
    }

    /// What the previous build (read from disk) was made of: every file it parsed, in path
    /// order, and the signature of its settings and theme. Used to work out which pages of
    /// the previous output can be kept.
    private(set) var previousFiles: [ParsedFile]?
    private(set) var previousSignature: UInt64?
    /// The id of the previous build; its output folder's marker names the same id when that
    /// output is what the previous build wrote.
    private(set) var previousBuild: String?

    /// Entries read from the build cache on disk.
    func preload(_ loaded: [(path: String, key: Key, file: ParsedFile)], signature: UInt64, build: String, checksum: UInt64) {
        lock.withLock {
            for entry in loaded where entries[entry.path] == nil { entries[entry.path] = (entry.key, entry.file) }
            previousFiles = loaded.sorted { $0.path < $1.path }.map(\.file)
            previousSignature = signature
            previousBuild = build
            loadedChecksum = checksum
            modified = false
        }
    }

    /// The signature and id of the build being written to disk.
    var signature: UInt64 = 0
    var build = ""
    /// Whether entries changed since they were read from disk (or were never read), and the
    /// checksum of the cache file they match when they did not.
    private(set) var modified = true
    private(set) var loadedChecksum: UInt64?

    func markSaved(checksum: UInt64) {
        lock.withLock {
            modified = false
            loadedChecksum = checksum
        }
    }

    /// Every entry, for writing the build cache.
    func snapshot() -> [(path: String, key: Key, file: ParsedFile)] {
        lock.withLock { entries.map { (path: $0.key, key: $0.value.key, file: $0.value.file) } }
    }

    /// Forgets files that are gone; returns and resets the counts of the build just done.
    func finishBuild(keeping paths: Set<String>) -> (reused: Int, parsed: Int) {
        lock.withLock {
            let before = entries.count
            entries = entries.filter { paths.contains($0.key) }
            if entries.count != before { modified = true }
            defer { (hits, misses) = (0, 0) }
            return (hits, misses)
        }
    }
}

/// FNV-1a, 64 bits: a fast, stable fingerprint of file contents (not a security hash).
struct Fingerprint {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: some Collection<UInt8>) {
        var hash = value
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        if done == nil {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        value = hash
    }

    static func of(_ bytes: [UInt8]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(bytes)
        return fingerprint.value
    }
}
