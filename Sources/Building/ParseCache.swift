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
        }
        return parsed
    }

    /// Forgets files that are gone; returns and resets the counts of the build just done.
    func finishBuild(keeping paths: Set<String>) -> (reused: Int, parsed: Int) {
        lock.withLock {
            entries = entries.filter { paths.contains($0.key) }
            defer { (hits, misses) = (0, 0) }
            return (hits, misses)
        }
    }
}

/// FNV-1a, 64 bits: a fast, stable fingerprint of file contents (not a security hash).
enum Fingerprint {
    static func of(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { buffer in
            for byte in buffer {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01b3
            }
        }
        return hash
    }
}
