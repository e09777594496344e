@testable import Building
import Foundation
import Loading
import Model
import Testing
import TestSupport

/// A build that finds a Markdown file with the status (`stat`) recorded when the file was
/// last read takes it to hold the same bytes, and does not read it: a build with nothing
/// changed reads no Markdown at all. Statuses younger than the margin are never recorded.
@Suite struct FileStatusTests {
    func site() throws -> TemporarySite {
        try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
            "Content/articles/one.md": "---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks.\n",
            "Content/articles/two.md": "---\ntitle: Two\ndate: 2022-07-01\n---\n[[iran]] listens.\n",
        ])
    }

    func loader(_ site: TemporarySite, margin: Int64) -> ContentLoader {
        var loader = ContentLoader(site: site.root, config: SiteConfig())
        loader.statusMargin = margin
        return loader
    }

    @Test func aFileWithItsRecordedStatusIsNotRead() throws {
        let site = try site()
        let loader = loader(site, margin: 0)
        let first = loader.load()
        #expect(first.files.count == 3 && first.recorded.isEmpty)
        #expect(first.files.allSatisfy { $0.status != nil })
        let known = Dictionary(uniqueKeysWithValues: first.files.map {
            ($0.path, ContentLoader.Known(status: $0.status!, role: $0.role))
        })

        let quiet = loader.load(known: known)
        #expect(quiet.files.isEmpty)
        #expect(quiet.recorded.map(\.path) == first.files.map(\.path), "unread files keep the files' order")
        #expect(quiet.recorded.map(\.role) == first.files.map(\.role))

        // Longer: another size. Saved by renaming a new file over it: another inode.
        try site.write("Content/articles/one.md", Data("---\ntitle: One\ndate: 2022-06-01\n---\n[[iran]] talks at length.\n".utf8))
        let two = site.root.appendingPathComponent("Content/articles/two.md")
        let copy = site.root.appendingPathComponent("Content/articles/two.tmp")
        try FileManager.default.copyItem(at: two, to: copy)
        #expect(rename(copy.path, two.path) == 0)
        var changed = loader.load(known: known)
        #expect(changed.files.map(\.path) == ["Content/articles/one.md", "Content/articles/two.md"])
        #expect(changed.recorded.map(\.path) == ["Content/actors/iran.md"])

        // What was left unread is read when asked for, with the bytes on disk.
        loader.readRecorded(into: &changed)
        #expect(changed.recorded.isEmpty)
        #expect(changed.files.map(\.path) == first.files.map(\.path))
        #expect(changed.files.first?.bytes == Array("---\nname: Iran\n---\nA country.\n".utf8))
    }

    /// A file written within the margin before it was read could be written again in the same
    /// tick of the file system's clock without its times changing: its status is not kept.
    @Test func aStatusYoungerThanTheMarginIsNotKept() throws {
        let site = try site()
        let files = loader(site, margin: 2_000_000_000).load().files
        #expect(files.count == 3)
        #expect(files.allSatisfy { $0.status == nil })
    }

    /// A new process: the cache read from disk, as `dossier build` starts.
    func generate(_ options: BuildOptions) -> Generation {
        var options = options
        let cache = ParseCache()
        BuildCache.load(into: cache, site: options.site)
        options.parseCache = cache
        options.skipsUnchangedLink = true
        return Pipeline.generate(options)
    }

    @Test func aBuildWithNothingChangedReadsNoMarkdown() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        options.statusMargin = 0
        let first = Builder.build(options)
        #expect(first.succeeded)

        let quiet = generate(options)
        #expect(quiet.readFiles == 0)
        #expect(quiet.unchanged != nil)
        #expect(quiet.diagnostics == first.diagnostics)
        let kept = Builder.build(options)
        #expect(kept.succeeded && kept.pagesRendered == 0 && kept.filesWritten == 0)

        // One file changed: it is read, and so are the others, which the build parses from
        // the cache as before.
        try site.write("Content/articles/two.md", Data("---\ntitle: Two\ndate: 2022-07-01\n---\n[[iran]] listens, then answers.\n".utf8))
        let edited = generate(options)
        #expect(edited.unchanged == nil)
        #expect(edited.readFiles == 3)
        #expect(edited.parsing?.parsed == 1)
        let rebuilt = Builder.build(options)
        #expect(rebuilt.succeeded && rebuilt.pagesRendered > 0)
        #expect(site.read("articles/two/index.html")?.contains("then answers") == true)
        #expect(generate(options).readFiles == 0, "the edited file's new status is recorded")
    }

    /// With the margin a build uses, files written just before it are read every time until
    /// they are older: the build still finds nothing changed, by their bytes.
    @Test func freshFilesAreReadAndComparedByTheirBytes() throws {
        let site = try site()
        var options = site.options()
        options.persistentCache = true
        #expect(Builder.build(options).succeeded)
        let quiet = generate(options)
        #expect(quiet.readFiles == 3)
        #expect(quiet.unchanged != nil)
    }
}
