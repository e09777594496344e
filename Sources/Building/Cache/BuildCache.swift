import Foundation
import Loading
import Model
import Rendering
import Theme

/// The parse cache on disk, so that a second `dossier build` parses only the files that
/// changed and keeps the pages no change can have touched. Two files in `.dossier/` inside
/// the site folder:
///
/// - `cache`: every parsed file, keyed by path, content fingerprint and parser settings;
///   rewritten only when some file was parsed again or went away;
/// - `build`: the last build's id (also written in its output folder's marker), the
///   signature of its settings and theme, and the checksum of the `cache` it read.
///
/// Both record the format and Dossier's version and carry checksums. Anything missing,
/// from another version, truncated, corrupt or inconsistent is ignored and rewritten —
/// never trusted.
///
/// The cache lists its files (paths, keys, diagnostics, where each parse is and its
/// checksum) after the parses, so that a build reads the list alone and a parse only when
/// it needs one: a build with nothing changed needs none (but a briefing's, to check its
/// single file's images), and reads a megabyte of a cache file of 170 at 10,000 articles.
package enum BuildCache {
    static let magic = Array("DOSSIER-CACHE\n".utf8)
    static let recordMagic = Array("DOSSIER-BUILD\n".utf8)
    /// Bump when the encoding of any cached type changes.
    static let formatVersion = 18

    package static func url(site: URL) -> URL {
        site.appendingPathComponent(".dossier/cache")
    }

    static func recordURL(site: URL) -> URL {
        site.appendingPathComponent(".dossier/build")
    }

    /// Fills `cache` from disk; returns how many entries were loaded, or nil when the file
    /// was missing or unusable. The previous build's record is taken only when it belongs
    /// to these entries.
    @discardableResult
    package static func load(into cache: ParseCache, site: URL) -> Int? {
        guard let source = CacheSource(path: url(site: site).path),
              let (entries, entriesChecksum) = try? decodeIndex(source) else { return nil }
        var record = (signature: UInt64(0), build: "", summary: BuildSummary?.none)
        if let recordData = FileManager.default.contents(atPath: recordURL(site: site).path),
           let decoded = try? decodeRecord([UInt8](recordData)), decoded.entriesChecksum == entriesChecksum {
            record = (decoded.signature, decoded.build, decoded.summary)
        }
        cache.preload(entries, signature: record.signature, build: record.build, summary: record.summary, checksum: entriesChecksum)
        return entries.count
    }

    /// Writes the cache (when its entries changed) and the build record, each atomically;
    /// the cache an entry at a time, so it is never held in memory twice.
    package static func save(_ cache: ParseCache, site: URL) {
        finish(prepare(cache, site: site), cache: cache, site: site)
    }

    /// The cache written beside its place (`prepare`), put there with the build record by
    /// `finish` once the build's output is written, or thrown away by `discard` when it was
    /// not: the record must keep naming the build the output holds, and the cache the
    /// parses that record was made from, or the next build trusts none of the output's pages.
    package struct Pending: Sendable {
        /// The new cache file, when the entries changed; nil when the one in place is current.
        fileprivate var temporary: String?
        fileprivate var checksum: UInt64?
    }

    /// Writes the cache's entries to a temporary file, when they changed since it was read.
    package static func prepare(_ cache: ParseCache, site: URL) -> Pending {
        let target = url(site: site)
        let folder = target.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        removeLeftovers(in: folder)
        if !cache.modified, let checksum = cache.loadedChecksum, FileManager.default.fileExists(atPath: target.path) {
            return Pending(temporary: nil, checksum: checksum)
        }
        // The cache checks its own parts (`encode`); what identifies it is its list's checksum.
        var listed: UInt64?
        let temporary = temporaryPath(for: target)
        let written = write(temporary, checksummed: false) { sink in listed = try encode(cache.entriesToSave(), to: sink) }
        return Pending(temporary: written == nil ? nil : temporary, checksum: written.flatMap { _ in listed })
    }

    /// Puts a prepared cache in place and writes the build record naming `cache.build`.
    package static func finish(_ pending: Pending, cache: ParseCache, site: URL) {
        var entriesChecksum = pending.checksum
        if let temporary = pending.temporary {
            if rename(temporary, url(site: site).path) == 0, let checksum = entriesChecksum {
                cache.markSaved(checksum: checksum)
            } else {
                unlink(temporary)
                entriesChecksum = nil
            }
        }
        guard let entriesChecksum else {
            try? FileManager.default.removeItem(at: recordURL(site: site))
            return
        }
        var w = BinaryWriter()
        w.raw(recordMagic)
        w.int(formatVersion)
        w.string(programIdentity)
        w.uint64(cache.signature)
        w.string(cache.build)
        w.uint64(entriesChecksum)
        w.optional(cache.summary) { $0.summary($1) }
        let record = w.bytes
        _ = writeAtomically(recordURL(site: site)) { sink in try sink(record) }
    }

    /// Where `target` is written before it is renamed into place: beside it, named for the
    /// process writing it (`cache.tmp-PID-RANDOM`), so that `removeLeftovers` can tell whose it is.
    private static func temporaryPath(for target: URL) -> String {
        target.path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Removes the temporary files of builds killed before they put them in place (a cache
    /// is the size of the site's parses: 170 MB at 10,000 articles). A build still running,
    /// whose process exists, keeps its own.
    static func removeLeftovers(in folder: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names {
            guard let mark = name.range(of: ".tmp-"), ["cache", "build"].contains(name[..<mark.lowerBound]),
                  let pid = Int32(name[mark.upperBound...].split(separator: "-").first ?? ""), pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder.appendingPathComponent(name).path)
        }
    }

    /// Removes a prepared cache that the build's output does not go with.
    package static func discard(_ pending: Pending) {
        if let temporary = pending.temporary { unlink(temporary) }
    }

    /// Writes `produce`'s pieces, then (when `checksummed`) their checksum, to a temporary
    /// file renamed over `target`; returns the checksum of the whole file, or nil on failure.
    private static func writeAtomically(_ target: URL, checksummed: Bool = true, _ produce: (([UInt8]) throws -> Void) throws -> Void) -> UInt64? {
        let temporary = temporaryPath(for: target)
        guard let checksum = write(temporary, checksummed: checksummed, produce) else { return nil }
        guard rename(temporary, target.path) == 0 else {
            unlink(temporary)
            return nil
        }
        return checksum
    }

    /// Writes `produce`'s pieces, then (when `checksummed`) their checksum, to `temporary`;
    /// returns the checksum of the whole file, or nil (and no file) on failure.
    private static func write(_ temporary: String, checksummed: Bool, _ produce: (([UInt8]) throws -> Void) throws -> Void) -> UInt64? {
        do {
            let file = try FileWriting.Appender(path: temporary)
            var running = Fingerprint()
            try produce { piece in
                if checksummed { running.add(piece) }
                try piece.withUnsafeBytes { try file.append($0) }
            }
            var tail = BinaryWriter()
            tail.uint64(running.value)
            if checksummed { try tail.bytes.withUnsafeBytes { try file.append($0) } }
            try file.close()
            return combined(running.value, tail.bytes)
        } catch {
            unlink(temporary)
            return nil
        }
    }

    private static func combined(_ head: UInt64, _ tail: [UInt8]) -> UInt64 {
        var fingerprint = Fingerprint()
        var w = BinaryWriter()
        w.uint64(head)
        fingerprint.add(w.bytes + tail)
        return fingerprint.value
    }

    /// The cache's bytes, handed to `sink` in pieces: a header, the parses, the list of
    /// files, and a trailer saying where the list starts and the checksum of header and
    /// list, which is returned. Each listed file carries its parse's place and checksum.
    /// One file as the cache lists it, with its parse: one to encode, or a cached one, whose
    /// bytes in the cache file it came from are copied (read one at a time as the new file is
    /// written, so the old cache is never held in memory whole).
    struct Entry {
        enum Parse {
            case parsed(ParsedFile)
            case cached(ParseCache.Slot)
        }

        var path: String
        var key: ParseCache.Key
        var status: FileStatus?
        var diagnostics: [Diagnostic]
        var parse: Parse
    }

    @discardableResult
    static func encode(_ entries: [(path: String, key: ParseCache.Key, file: ParsedFile, status: FileStatus?)],
                       to sink: ([UInt8]) throws -> Void) rethrows -> UInt64 {
        try encode(entries.map { Entry(path: $0.path, key: $0.key, status: $0.status, diagnostics: $0.file.diagnostics, parse: .parsed($0.file)) },
                   to: sink)
    }

    /// The cache's bytes from its entries; a stored parse is copied as it is, a made one encoded.
    @discardableResult
    static func encode(_ entries: [Entry], to sink: ([UInt8]) throws -> Void) rethrows -> UInt64 {
        var header = BinaryWriter()
        header.raw(magic)
        header.int(formatVersion)
        header.string(programIdentity)
        try sink(header.bytes)
        var offset = header.bytes.count
        var list = BinaryWriter()
        var listed = 0
        // Parses are written straight into the piece being filled, each then fingerprinted
        // where it stands: a writer per parse grew from empty and was copied in after.
        var w = BinaryWriter(capacity: 3 << 19)
        for entry in entries.sorted(by: { $0.path < $1.path }) {
            let start = w.bytes.count
            var stored: UInt64?
            var file: ParsedFile?
            switch entry.parse {
            case .parsed(let parsed):
                file = parsed
            case .cached(let slot):
                // Re-encoding every parse for one changed file was a tenth of such a build.
                if let bytes = slot.storedBytes {
                    w.raw(bytes.bytes)
                    stored = bytes.checksum
                } else {
                    file = slot.file
                }
            }
            let checksum: UInt64
            if let stored {
                checksum = stored
            } else if let file {
                w.parsedFile(file)
                var fingerprint = Fingerprint()
                fingerprint.add(w.bytes[start...])
                checksum = fingerprint.value
            } else {
                continue  // It no longer decodes: the next build parses the file again.
            }
            listed += 1
            let count = w.bytes.count - start
            list.string(entry.path)
            list.role(entry.key.role)
            list.uint64(entry.key.fingerprint)
            list.int(entry.key.size)
            list.bool(entry.key.allowRawHTML)
            list.bool(entry.key.prettyURLs)
            // In the list, so a build that decodes no parse can report them.
            list.array(entry.diagnostics) { $0.diagnostic($1) }
            // So a build can tell the file is as it was without reading it.
            list.optional(entry.status) { $0.status($1) }
            list.int(offset)
            list.int(count)
            list.uint64(checksum)
            offset += count
            if w.bytes.count >= 1 << 20 {
                try sink(w.bytes)
                w = BinaryWriter(capacity: 3 << 19)
            }
        }
        try sink(w.bytes)
        var counted = BinaryWriter()
        counted.int(listed)
        counted.raw(list.bytes)
        list = counted
        var checksum = Fingerprint()
        checksum.add(header.bytes)
        checksum.add(list.bytes)
        try sink(list.bytes)
        var trailer = BinaryWriter()
        trailer.uint64(UInt64(offset))
        trailer.uint64(checksum.value)
        try sink(trailer.bytes)
        return checksum.value
    }

    /// The whole cache file in memory (for tests).
    static func encode(_ entries: [(path: String, key: ParseCache.Key, file: ParsedFile, status: FileStatus?)]) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(entries) { bytes += $0 }
        return bytes
    }

    static func decodeRecord(_ bytes: [UInt8]) throws
        -> (signature: UInt64, build: String, entriesChecksum: UInt64, summary: BuildSummary?) {
        try verify(bytes, magic: recordMagic)
        var r = BinaryReader(bytes, offset: recordMagic.count, end: bytes.count - 8)
        guard try r.int() == formatVersion, try r.string() == programIdentity else { throw BinaryReader.Corrupt() }
        let record = (signature: try r.uint64(), build: try r.string(), entriesChecksum: try r.uint64(),
                      summary: try r.optional { try $0.summary() })
        guard r.isAtEnd else { throw BinaryReader.Corrupt() }
        return record
    }

    /// Magic at the start, checksum at the end; returns the fingerprint of the content.
    @discardableResult
    private static func verify(_ bytes: [UInt8], magic: [UInt8]) throws -> UInt64 {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { throw BinaryReader.Corrupt() }
        var tail = BinaryReader(bytes, offset: bytes.count - 8)
        var checksum = Fingerprint()
        checksum.add(bytes[..<(bytes.count - 8)])
        guard try tail.uint64() == checksum.value else { throw BinaryReader.Corrupt() }
        return checksum.value
    }

    static func decode(_ bytes: [UInt8]) throws -> [(path: String, key: ParseCache.Key, file: ParsedFile)] {
        try decodeIndex(CacheSource(bytes: bytes)).entries.map { entry in
            guard let file = entry.slot.file else { throw BinaryReader.Corrupt() }
            return (entry.path, entry.slot.key, file)
        }
    }

    /// The listed files and the checksum that identifies the cache, reading the header and
    /// the list only. Each parse is read and decoded when first asked for
    /// (`ParseCache.Slot`); one that then cannot be read, or whose bytes are not those
    /// written, or that names another file, is parsed again.
    static func decodeIndex(_ source: CacheSource) throws -> (entries: [(path: String, slot: ParseCache.Slot)], checksum: UInt64) {
        guard source.size >= magic.count + 16, let trailerBytes = source.read((source.size - 16)..<source.size) else { throw BinaryReader.Corrupt() }
        var trailer = BinaryReader(trailerBytes)
        let listStart = Int(clamping: try trailer.uint64()), checksum = try trailer.uint64()
        // The header (magic, format, the program's identity, which names its path) is read
        // from the first 64 KB, far more than it takes.
        guard listStart >= magic.count, listStart <= source.size - 16,
              let head = source.read(0..<min(listStart, 1 << 16)), head.starts(with: magic) else { throw BinaryReader.Corrupt() }
        var r = BinaryReader(head, offset: magic.count)
        guard try r.int() == formatVersion, try r.string() == programIdentity else { throw BinaryReader.Corrupt() }
        let header = Array(head[..<r.offset])
        guard let list = source.read(listStart..<(source.size - 16)) else { throw BinaryReader.Corrupt() }
        var computed = Fingerprint()
        computed.add(header)
        computed.add(list)
        guard computed.value == checksum else { throw BinaryReader.Corrupt() }
        var l = BinaryReader(list)
        let entries = try l.array { r -> (path: String, slot: ParseCache.Slot) in
            let path = try r.string()
            let key = try ParseCache.Key(role: r.role(), fingerprint: r.uint64(), size: r.int(), allowRawHTML: r.bool(), prettyURLs: r.bool())
            let diagnostics = try r.array { try $0.diagnostic() }
            let status = try r.optional { try $0.status() }
            let offset = try r.int(), length = try r.int(), parseChecksum = try r.uint64()
            guard offset >= header.count, length >= 0, offset <= listStart - length else { throw BinaryReader.Corrupt() }
            return (path, ParseCache.Slot(path: path, key: key, diagnostics: diagnostics, status: status, source: source,
                                          range: offset..<(offset + length), checksum: parseChecksum))
        }
        guard l.isAtEnd else { throw BinaryReader.Corrupt() }
        return (entries, checksum)
    }
}

extension BuildCache {
    /// Everything besides Markdown that decides how pages render: the settings (every field,
    /// through their reflection, so a new setting cannot be forgotten here), `--drafts`, the
    /// theme, and the program itself (a rebuilt binary may render differently under the
    /// same version number).
    /// The content folder's other files are in it too: embeds resolve against them, so a
    /// file added or removed changes how pages can render.
    static func signature(config: SiteConfig, templates: TemplateSet, drafts: Bool, attachments: [String]) -> UInt64 {
        var w = BinaryWriter()
        for path in attachments { w.string(path) }
        w.string(String(reflecting: config))
        w.bool(drafts)
        w.string(executableIdentity)
        for (name, source) in templates.sources.sorted(by: { $0.key < $1.key }) {
            w.string(name)
            w.string(source)
        }
        for asset in templates.assets.map(\.path).sorted() { w.string(asset) }
        return Fingerprint.of(w.bytes)
    }
}

/// Parsed files depend on the program that parsed them: a rebuilt binary (same version
/// number, new parser) must not reuse them.
private let programIdentity = Version.dossier + " " + executableIdentity

/// The running program's path, size and modification time.
private let executableIdentity: String = {
    // `stat` itself: `FileManager`'s attributes also look the owner up in the user database.
    var info = stat()
    guard let path = RunningProgram.path, stat(path, &info) == 0 else { return "unknown" }
    #if os(Linux)
    let modified = info.st_mtim
    #else
    let modified = info.st_mtimespec
    #endif
    return "\(path) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec)"
}()

/// Dossier's version, as `dossier --version` prints it; caches from other versions are ignored.
package enum Version {
    package static let dossier = "0.1.0"
}
