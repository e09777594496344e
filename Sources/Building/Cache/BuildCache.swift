import Foundation
import Loading
import Model

/// The parse cache on disk, in `.dossier/cache` inside the site folder, so that a second
/// `dossier build` parses only the files that changed. Entries are keyed by path, content
/// fingerprint and parser settings; the file records the format and Dossier's version and
/// ends with a checksum. A cache that is missing, from another version, truncated or
/// corrupt is ignored and rewritten — never trusted.
public enum BuildCache {
    static let magic = Array("DOSSIER-CACHE\n".utf8)
    /// Bump when the encoding of any cached type changes.
    static let formatVersion = 1

    public static func url(site: URL) -> URL {
        site.appendingPathComponent(".dossier/cache")
    }

    /// Fills `cache` from the file; returns how many entries were loaded, or nil when the
    /// file was missing or unusable.
    @discardableResult
    public static func load(into cache: ParseCache, site: URL) -> Int? {
        guard let data = FileManager.default.contents(atPath: url(site: site).path) else { return nil }
        guard let entries = try? decode([UInt8](data)) else { return nil }
        cache.preload(entries)
        return entries.count
    }

    /// Writes the cache beside the site's other files, atomically, an entry at a time so a
    /// large cache is never held in memory twice.
    public static func save(_ cache: ParseCache, site: URL) {
        let target = url(site: site)
        let folder = target.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.path + "/cache.tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            let file = try FileWriting.Appender(path: temporary)
            var checksum = Fingerprint()
            try encode(cache.snapshot()) { piece in
                checksum.add(piece)
                try piece.withUnsafeBytes { try file.append($0) }
            }
            var tail = BinaryWriter()
            tail.uint64(checksum.value)
            try tail.bytes.withUnsafeBytes { try file.append($0) }
            try file.close()
            if rename(temporary, target.path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// The cache's bytes without the checksum, handed to `sink` in pieces.
    static func encode(_ entries: [(path: String, key: ParseCache.Key, file: ParsedFile)],
                       to sink: ([UInt8]) throws -> Void) rethrows {
        var w = BinaryWriter()
        w.raw(magic)
        w.int(formatVersion)
        w.string(Version.dossier)
        w.int(entries.count)
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            w.string(entry.path)
            w.role(entry.key.role)
            w.uint64(entry.key.fingerprint)
            w.int(entry.key.size)
            w.bool(entry.key.allowRawHTML)
            w.bool(entry.key.prettyURLs)
            w.parsedFile(entry.file)
            if w.bytes.count >= 1 << 20 {
                try sink(w.bytes)
                w = BinaryWriter()
            }
        }
        try sink(w.bytes)
    }

    /// The whole cache file in memory (for tests).
    static func encode(_ entries: [(path: String, key: ParseCache.Key, file: ParsedFile)]) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(entries) { bytes += $0 }
        var tail = BinaryWriter()
        tail.uint64(Fingerprint.of(bytes))
        return bytes + tail.bytes
    }

    static func decode(_ bytes: [UInt8]) throws -> [(path: String, key: ParseCache.Key, file: ParsedFile)] {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { throw BinaryReader.Corrupt() }
        var tail = BinaryReader(bytes, offset: bytes.count - 8)
        var checksum = Fingerprint()
        checksum.add(bytes[..<(bytes.count - 8)])
        guard try tail.uint64() == checksum.value else { throw BinaryReader.Corrupt() }
        var r = BinaryReader(bytes, offset: magic.count, end: bytes.count - 8)
        guard try r.int() == formatVersion, try r.string() == Version.dossier else { throw BinaryReader.Corrupt() }
        let entries = try r.array { r -> (String, ParseCache.Key, ParsedFile) in
            let path = try r.string()
            let key = ParseCache.Key(role: try r.role(), fingerprint: try r.uint64(), size: try r.int(),
                                     allowRawHTML: try r.bool(), prettyURLs: try r.bool())
            let file = try r.parsedFile()
            // An entry whose content names another file is not this file's.
            guard file.path == path, file.role == key.role else { throw BinaryReader.Corrupt() }
            return (path, key, file)
        }
        guard r.isAtEnd else { throw BinaryReader.Corrupt() }
        return entries.map { (path: $0.0, key: $0.1, file: $0.2) }
    }
}

/// Dossier's version, as `dossier --version` prints it; caches from other versions are ignored.
public enum Version {
    public static let dossier = "0.1.0"
}
