@testable import Building
import Foundation
import Model
import Testing
import TestSupport

/// The parse cache on disk: exact round trips, corrupt or stale files ignored, and a second
/// build that parses only what changed and rewrites only files whose bytes changed.
@Suite struct BuildCacheTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/basic-site")

    @Test(arguments: [Repository.root, fixture])
    func everyParsedFileRoundTrips(site: URL) throws {
        var options = BuildOptions(site: site)
        options.builtinTheme = Repository.templates
        let cache = ParseCache()
        options.parseCache = cache
        let generation = Pipeline.generate(options, withTheme: false)
        let files = try #require(generation.site).files
        #expect(files.count > 5)
        let decoded = try BuildCache.decode(BuildCache.encode(cache.snapshot()))
        let byPath = Dictionary(uniqueKeysWithValues: decoded.map { ($0.path, $0.file) })
        for file in files { #expect(byPath[file.path] == file, "\(file.path)") }
        // Blocks are stored as where they stand in the text, and decode as slices of it.
        for file in decoded.map(\.file) {
            for block in file.blocks + (file.lead.map { [$0] } ?? []) { #expect(block.text.base == file.text, "\(file.path)") }
        }
        #expect(decoded.contains { !$0.file.blocks.isEmpty })
    }

    /// A block's place in the text is checked: outside it, or inside a character's bytes,
    /// the parse is corrupt.
    @Test func blockSlicesOutsideTheTextAreCorrupt() throws {
        let text = "café au lait"
        func slice(_ start: Int, _ count: Int) throws -> Substring {
            var w = BinaryWriter()
            w.int(1); w.int(start); w.int(count)
            var r = BinaryReader(w.bytes)
            return try r.slice(of: text)
        }
        #expect(try slice(0, 5) == "café")
        #expect(try slice(6, 2) == "au")
        #expect(try slice(13, 0) == "")
        for (start, count) in [(4, 1), (0, 4), (-1, 2), (10, 4), (13, 1), (Int.max, 2), (2, -1)] {
            #expect(throws: BinaryReader.Corrupt.self, "\(start), \(count)") { try slice(start, count) }
        }
        var own = BinaryWriter()
        own.int(0); own.string("its own")
        var r = BinaryReader(own.bytes)
        #expect(try r.slice(of: text) == "its own")
    }

    /// A body's HTML pieces are ranges of its bytes, which pages read unchecked: a range
    /// outside them is corrupt, and a body round-trips exactly.
    @Test func bodyPiecesOutsideTheirHTMLAreCorrupt() throws {
        let body = RenderedBody(segments: [.html("<p>Talks in "), .mentionStart(0), .mentionEnd(0), .html(" ended.</p>\n")])
        var whole = BinaryWriter()
        whole.body(body)
        var reader = BinaryReader(whole.bytes)
        let decoded = try reader.body()
        #expect(decoded == body)
        #expect(reader.isAtEnd)
        #expect(decoded.segments == body.segments)
        func decode(_ start: Int, _ count: Int) throws -> RenderedBody {
            var w = BinaryWriter()
            w.int(5); w.raw(Array("<p>x<".utf8))
            w.int(1); w.int(0); w.int(start); w.int(count)
            var r = BinaryReader(w.bytes)
            return try r.body()
        }
        #expect(try decode(0, 5).segments == [.html("<p>x<")])
        #expect(try decode(5, 0).segments == [.html("")])
        for (start, count) in [(-1, 2), (0, 6), (4, 2), (6, 0), (Int.max, 1), (2, -1)] {
            #expect(throws: BinaryReader.Corrupt.self, "\(start), \(count)") { try decode(start, count) }
        }
    }

    func site() throws -> TemporarySite {
        try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
            "Content/actors/tajikistan.md": "---\nname: Tajikistan\n---\nAnother.\n",
            "Content/articles/one.md": "---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks.\n",
            "Content/articles/two.md": "---\ntitle: Two\ndate: 2022-07-01\n---\n[[tajikistan]] listens.\n",
        ])
    }

    func modificationTime(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }

    @Test func secondBuildParsesOnlyChangesAndKeepsUnchangedFiles() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        let first = Builder.build(options)
        #expect(first.succeeded)
        #expect(FileManager.default.fileExists(atPath: BuildCache.url(site: site.root).path))
        let unchanged = site.output.appendingPathComponent("actors/tajikistan/index.html")
        let before = try modificationTime(unchanged)
        Thread.sleep(forTimeInterval: 0.02)

        // A new process would start with an empty in-memory cache: only the disk cache helps.
        try site.write("Content/articles/one.md", Data("---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks more.\n".utf8))
        let cache = ParseCache()
        #expect(BuildCache.load(into: cache, site: site.root) == 4)
        options.parseCache = cache
        let generation = Pipeline.generate(options)
        #expect(generation.parsing?.parsed == 1)
        #expect(generation.parsing?.reused == 3)

        options.parseCache = nil
        let second = Builder.build(options)
        #expect(second.succeeded)
        #expect(second.filesWritten > 0 && second.filesUnchanged > 0)
        #expect(try modificationTime(unchanged) == before, "an unchanged page must keep its modification time")
        #expect(site.read("articles/one/index.html")?.contains("talks more") == true)

        // The same output as a build without any cache.
        let clean = try TemporarySite([:])
        var cleanOptions = site.options()
        cleanOptions.output = clean.output
        #expect(Builder.build(cleanOptions).succeeded)
        for path in ["index.html", "articles/one/index.html", "actors/iran/index.html", "graph.json"] {
            #expect(site.read(path) == clean.read(path), "\(path)")
        }
    }

    /// With nothing changed, the output is already the build's: nothing is written and
    /// the marker names the new build. A file missing from the output, one changed in it,
    /// or a theme file changed at its source is noticed, and the site written as usual.
    @Test func nothingChangedWritesNothingButNoticesADamagedOutput() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        let page = site.output.appendingPathComponent("actors/tajikistan/index.html")
        // Pages keep their inode when linked into a new folder; folders do not.
        let folder = site.output.appendingPathComponent("actors").path
        let folderInode = try #require(try FileManager.default.attributesOfItem(atPath: folder)[.systemFileNumber] as? Int)
        let inode = try #require(try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int)
        let marker = try String(contentsOf: site.output.appendingPathComponent(OutputWriter.marker), encoding: .utf8)

        let quiet = Builder.build(options)
        #expect(quiet.succeeded && quiet.pagesRendered == 0 && quiet.filesWritten == 0 && quiet.filesUnchanged > 0)
        #expect(try FileManager.default.attributesOfItem(atPath: page.path)[.systemFileNumber] as? Int == inode,
                "the page was written again")
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.systemFileNumber] as? Int == folderInode,
                "the site was staged and swapped in again")
        let renewed = try String(contentsOf: site.output.appendingPathComponent(OutputWriter.marker), encoding: .utf8)
        #expect(renewed != marker && renewed.split(separator: "\n").dropFirst(2) == marker.split(separator: "\n").dropFirst(2),
                "the marker names the new build and the same files")
        // The next build still trusts this output (the record and the marker agree).
        #expect(Builder.build(options).pagesRendered == 0)

        try FileManager.default.removeItem(at: page)
        let missing = Builder.build(options)
        #expect(missing.succeeded && missing.pagesRendered > 0)
        #expect(site.read("actors/tajikistan/index.html")?.contains("Tajikistan") == true)

        try Data("tampered".utf8).write(to: site.output.appendingPathComponent("assets/style.css"))
        #expect(Builder.build(options).succeeded)
        #expect(site.read("assets/style.css") != "tampered")
    }

    /// A build that finds every file, setting and theme file as the recorded build had them
    /// does not link: it reports that build's pages and diagnostics (link warnings too),
    /// fails under `--strict` for its warnings without touching the output, and links again
    /// once a setting or a copied file changes.
    @Test func unchangedBuildsReportTheRecordedBuildWithoutLinking() throws {
        let site = try site()
        try site.write("Content/articles/three.md", Data("---\ntitle: Three\ndate: 2022-08-01\n---\n[Russia](actor:russia) waits.\n".utf8))
        try site.write("Content/articles/four.md", Data("---\ntitel: Four\ndate: 2022-09-01\n---\nA misspelt key.\n".utf8))
        var options = site.options()
        options.persistentCache = true
        func linked(_ report: Builder.Report) -> Bool { report.timings.contains { $0.step == "link" && $0.seconds > 0 } }
        let first = Builder.build(options)
        // A warning from linking and one from parsing: both come back unlinked and unparsed.
        #expect(first.succeeded && linked(first))
        #expect(first.diagnostics.contains { $0.code == .stubEntity } && first.diagnostics.contains { $0.code == .unknownKey })

        let second = Builder.build(options)
        #expect(second.succeeded && !linked(second) && second.pagesRendered == 0)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.pages == first.pages && second.documents == first.documents && second.entities == first.entities)
        #expect(second.filesUnchanged == first.filesWritten + first.filesUnchanged)

        var strict = options
        strict.strict = true
        let marker = site.read(OutputWriter.marker)
        let failing = Builder.build(strict)
        #expect(!failing.succeeded && failing.diagnostics == first.diagnostics)
        #expect(site.read(OutputWriter.marker) == marker, "a failed build touched the output")
        #expect(!linked(Builder.build(options)), "the failed build spoiled the record")

        try site.write("dossier.yml", Data("title: Renamed\n".utf8))
        let renamed = Builder.build(options)
        #expect(renamed.succeeded && linked(renamed) && site.read("index.html")?.contains("Renamed") == true)
        #expect(!linked(Builder.build(options)))

        try site.write("Content/articles/map.svg", Data("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".utf8))
        let copied = Builder.build(options)
        #expect(copied.succeeded && linked(copied) && site.read("articles/map.svg") != nil)
    }

    /// A body for `two.md` that mentions Tajikistan.
    func two(_ text: String) -> Data {
        Data("---\ntitle: Two\ndate: 2022-07-01\n---\n[[tajikistan]] \(text)\n".utf8)
    }

    /// After a build made to fail by `breaking` and mended by `mending`, the next build
    /// renders as many pages as the same kind of edit after a build that succeeded.
    func expectMendedBuildKeepsPages(breaking: (TemporarySite) throws -> Void, fails: (Builder.Report) -> Bool,
                                     mending: (TemporarySite) throws -> Void) throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        let first = Builder.build(options)
        #expect(first.succeeded && first.pagesRendered > 4)
        try breaking(site)
        let failing = Builder.build(options)
        #expect(!failing.succeeded && fails(failing))
        try mending(site)
        let mended = Builder.build(options)
        #expect(mended.succeeded && site.read("actors/tajikistan/index.html")?.contains("mended") == true)
        try site.write("Content/articles/two.md", two("edited once more."))
        let direct = Builder.build(options)
        #expect(direct.succeeded && direct.pagesRendered < direct.pages)
        #expect(mended.pagesRendered == direct.pagesRendered, "rendered \(mended.pagesRendered) of \(mended.pages) pages")
    }

    /// A build that fails leaves the record of the output's build: once the error is mended,
    /// the next build renders what the edit touched, not every page.
    @Test func aFailedBuildKeepsTheRecordOfTheOutput() throws {
        try expectMendedBuildKeepsPages(
            breaking: { try $0.write("Content/articles/two.md", two("listens to [[nowhere]].")) },
            fails: { $0.diagnostics.contains { $0.code == .unresolvedMention } },
            mending: { try $0.write("Content/articles/two.md", two("is mended.")) })
    }

    /// A build that fails to write leaves the output as it was, and the record and cache
    /// still describe it: the next build renders only what its edit touched.
    @Test func aBuildThatFailsToWriteKeepsTheRecordOfTheOutput() throws {
        try expectMendedBuildKeepsPages(
            breaking: { site in
                try site.write("Content/articles/two.md", two("is mended."))
                // A file the build did not write: the output folder is not replaced.
                try site.write("Output/notes/mine.md", Data("mine".utf8))
            },
            fails: { $0.writeError?.contains("not written by Dossier") == true },
            mending: { try FileManager.default.removeItem(at: $0.output.appendingPathComponent("notes")) })
    }

    /// A build killed while the pages rendered left its cache beside the real one: the next
    /// build removes it, and leaves a running build's alone.
    @Test func leftoversOfKilledBuildsAreRemoved() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        // A process that has exited: its id names no running build.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        let dead = process.processIdentifier
        try site.write(".dossier/cache.tmp-\(dead)-1", Data("half a cache".utf8))
        try site.write(".dossier/build.tmp-\(dead)-2", Data("half a record".utf8))
        try site.write(".dossier/cache.tmp-\(getpid())-3", Data("a running build's".utf8))
        #expect(Builder.build(options).succeeded)
        let left = try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent(".dossier").path).sorted()
        #expect(left == ["build", "cache", "cache.tmp-\(getpid())-3"])
    }

    @Test func renamedDocumentLosesItsOldPage() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        try FileManager.default.moveItem(at: site.root.appendingPathComponent("Content/articles/two.md"),
                                         to: site.root.appendingPathComponent("Content/articles/deux.md"))
        #expect(Builder.build(options).succeeded)
        #expect(site.read("articles/two/index.html") == nil)
        #expect(site.read("articles/deux/index.html")?.contains("Two") == true)
    }

    /// Pages are kept from an output folder only when it is the one the recorded build wrote.
    @Test func anotherOutputFolderIsNotTrusted() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        let older = site.root.appendingPathComponent("Older")
        try FileManager.default.copyItem(at: site.output, to: older)
        try site.write("Content/articles/one.md", Data("---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] changed its mind.\n".utf8))
        #expect(Builder.build(options).succeeded)
        var olderOptions = options
        olderOptions.output = older
        let report = Builder.build(olderOptions)
        #expect(report.succeeded)
        #expect(report.pagesRendered == report.pages)
        for path in ["actors/iran/index.html", "articles/one/index.html", "index.html"] {
            let a = try Data(contentsOf: site.output.appendingPathComponent(path))
            let b = try Data(contentsOf: older.appendingPathComponent(path))
            #expect(a == b, "\(path)")
        }
    }

    @Test func corruptOrStaleCachesAreIgnored() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        let url = BuildCache.url(site: site.root)
        let good = try [UInt8](Data(contentsOf: url))
        #expect(BuildCache.load(into: ParseCache(), site: site.root) == 4)

        // A byte changed in the list of files (it stands before the 16-byte trailer).
        var flipped = good
        flipped[good.count - 20] ^= 0x40
        let damaged: [[UInt8]] = [
            [], Array("not a cache".utf8), Array(good.prefix(good.count / 2)), flipped,
            // Another version of Dossier wrote it (checksum intact).
            { () -> [UInt8] in
                var header = BinaryWriter()
                header.raw(BuildCache.magic); header.int(BuildCache.formatVersion); header.string("0.0.1-other")
                var list = BinaryWriter()
                list.int(0)
                var checksum = Fingerprint()
                checksum.add(header.bytes); checksum.add(list.bytes)
                var trailer = BinaryWriter()
                trailer.uint64(UInt64(header.bytes.count)); trailer.uint64(checksum.value)
                return header.bytes + list.bytes + trailer.bytes
            }(),
        ]
        for bytes in damaged {
            try Data(bytes).write(to: url)
            #expect(BuildCache.load(into: ParseCache(), site: site.root) == nil)
            // The build still succeeds, parses everything, and leaves a good cache behind.
            let report = Builder.build(options)
            #expect(report.succeeded)
            #expect(BuildCache.load(into: ParseCache(), site: site.root) == 4)
        }

        // A byte changed in a parse: the list is read, and that parse alone is not trusted.
        var parse = try [UInt8](Data(contentsOf: url))
        parse[parse.count / 3] ^= 0x40  // the parses are most of the file, the list is at its end
        try Data(parse).write(to: url)
        let cache = ParseCache()
        #expect(BuildCache.load(into: cache, site: site.root) == 4)
        #expect(cache.previousFiles == nil)  // one of them does not decode
        options.parseCache = cache
        let generation = Pipeline.generate(options)
        #expect(generation.parsing?.parsed == 1)
        #expect(generation.parsing?.reused == 3)
        // A build with nothing changed needs no parse, and leaves the cache as it is; one
        // that links needs every parse, and writes the cache again with the damaged one
        // parsed anew.
        options.parseCache = nil
        #expect(Builder.build(options).succeeded)
        #expect(try [UInt8](Data(contentsOf: url)) == parse)
        try site.write("Content/articles/one.md", Data("---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks again.\n".utf8))
        #expect(Builder.build(options).succeeded)
        let repaired = ParseCache()
        #expect(BuildCache.load(into: repaired, site: site.root) == 4)
        #expect(repaired.previousFiles?.count == 4)

        // A FIFO in the cache's place is not a cache, and is not waited on.
        try FileManager.default.removeItem(at: url)
        #expect(mkfifo(url.path, 0o644) == 0)
        #expect(BuildCache.load(into: ParseCache(), site: site.root) == nil)
        #expect(Builder.build(options).succeeded)
        #expect(BuildCache.load(into: ParseCache(), site: site.root) == 4)
    }

    /// A build that parsed one file again writes the others' parses as the old cache file
    /// held them: the new file is byte for byte the one encoding every parse would give.
    @Test func savingAfterOneChangeKeepsTheOtherParsesBytes() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        try site.write("Content/articles/one.md", Data("---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks on and on.\n".utf8))
        #expect(Builder.build(options).succeeded)
        let saved = try [UInt8](Data(contentsOf: BuildCache.url(site: site.root)))
        let cache = ParseCache()
        #expect(BuildCache.load(into: cache, site: site.root) == 4)
        let encoded = BuildCache.encode(cache.snapshot())
        #expect(saved == encoded)
        #expect(try BuildCache.decode(saved).first { $0.path == "Content/articles/one.md" }?.file.text.contains("on and on") == true)
    }

    @Test func cachedEntriesOfChangedFilesAreNotTrusted() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        // Same size, different bytes.
        try site.write("Content/articles/two.md", Data("---\ntitle: Two\ndate: 2022-07-01\n---\n[[tajikistan]] listen!.\n".utf8))
        #expect(Builder.build(options).succeeded)
        #expect(site.read("articles/two/index.html")?.contains("listen!.") == true)
    }
}

@Suite struct FingerprintTests {
    @Test func sameBytesSameValueHoweverSplit() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let whole = Fingerprint.of(bytes)
        for cuts in [[1], [7, 8], [3, 500, 501], [999], [8, 16, 24]] {
            var fingerprint = Fingerprint()
            var start = 0
            for cut in cuts + [bytes.count] {
                fingerprint.add(bytes[start..<cut])
                start = cut
            }
            #expect(fingerprint.value == whole, "cuts \(cuts)")
        }
        // Strings (small and large, as Swift stores them apart) and single bytes are the
        // same bytes.
        let text = "Tajikistan–Iran: a short one, then a long text " + String(repeating: "ایران ", count: 40)
        for cut in [0, 5, 15, 16, 60, text.utf8.count] {
            let head = String(decoding: Array(text.utf8).prefix(cut), as: UTF8.self)
            let tail = String(decoding: Array(text.utf8).dropFirst(cut), as: UTF8.self)
            guard head.utf8.count + tail.utf8.count == text.utf8.count else { continue }
            var fingerprint = Fingerprint()
            fingerprint.add(head)
            fingerprint.add(byte: 0xFF)
            fingerprint.add(tail)
            #expect(fingerprint.value == Fingerprint.of(Array(head.utf8) + [0xFF] + Array(tail.utf8)), "cut \(cut)")
        }
    }

    @Test func smallChangesChangeTheValue() {
        let base = Array("The quick brown fox jumps over the lazy dog".utf8)
        var seen = Set([Fingerprint.of(base)])
        for i in base.indices {
            var changed = base
            changed[i] ^= 1
            #expect(seen.insert(Fingerprint.of(changed)).inserted, "flipping byte \(i)")
        }
        #expect(seen.insert(Fingerprint.of(base + [0])).inserted, "a trailing zero byte")
        #expect(seen.insert(Fingerprint.of([])).inserted)
        #expect(Fingerprint.of([]) != Fingerprint.of([0]))
    }
}
