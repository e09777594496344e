import Building
import Foundation
import Model
import Testing
import TestSupport

/// Reading a site folder from disk: limits, links out of the site, right-to-left sites.
@Suite struct LoadingSiteTests {
    @Test func symlinkOutOfTheSiteIsSkippedWithADiagnostic() throws {
        let outside = try TemporarySite(["Content/secret.md": "---\ntitle: Secret\n---\nPrivate.\n"])
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\n---\nText.\n"])
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("Content/articles/leak.md"),
            withDestinationURL: outside.root.appendingPathComponent("Content/secret.md"))
        let diagnostics = Builder.check(site.options())
        #expect(diagnostics.summaries == ["symlink-escape@1:1"])
        #expect(diagnostics.first?.location?.path == "Content/articles/leak.md")
    }

    @Test func symlinksInsideTheContentAreFollowedButLoopsAreNot() throws {
        let site = try TemporarySite([
            "Content/articles/a.md": "---\ntitle: A\n---\nSee [[iran]].\n",
            "Content/shared/b.md": "---\ntitle: B\n---\nAlso [[iran]].\n",
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
        ])
        let fm = FileManager.default
        try fm.createSymbolicLink(at: site.root.appendingPathComponent("Content/notes"),
                                  withDestinationURL: site.root.appendingPathComponent("Content/shared"))
        try fm.createSymbolicLink(at: site.root.appendingPathComponent("Content/articles/again"),
                                  withDestinationURL: site.root.appendingPathComponent("Content"))
        var options = site.options()
        options.builtinTheme = Repository.templates
        let generation = Pipeline.generate(options)
        #expect(generation.diagnostics.summaries == ["symlink-loop@1:1"])
        #expect(generation.diagnostics.first?.location?.path == "Content/articles/again")
        let documents = try #require(generation.site).documents.map { generation.site!.files[$0].path }.sorted()
        #expect(documents == ["Content/articles/a.md", "Content/notes/b.md", "Content/shared/b.md"])
    }

    /// What the author did not mean to publish: the site's secrets, its repository, its own
    /// output, hidden files — reached through links inside `Content/` — and pipes.
    @Test(.timeLimit(.minutes(1)))
    func linksOutOfTheContentHiddenFilesAndPipesAreNeverPublished() throws {
        let site = try TemporarySite([
            "Content/articles/a.md": "---\ntitle: A\n---\nText.\n",
            "Content/articles/.draft-notes.md": "---\ntitle: Hidden\n---\nSecret draft.\n",
            "Content/.hidden/key.txt": "hidden",
            "Shared/b.md": "---\ntitle: B\n---\nOutside the content.\n",
        ])
        try site.write(".env", Data("API_KEY=secret".utf8))
        try site.write(".git/config", Data("[core]".utf8))
        let fm = FileManager.default
        let links = ["Content/articles/env.txt": ".env", "Content/articles/git": ".git", "Content/articles/shared": "Shared",
                     "Content/articles/out": "Output", "Content/articles/key.txt": "Content/.hidden/key.txt"]
        for (link, target) in links {
            try fm.createSymbolicLink(at: site.root.appendingPathComponent(link), withDestinationURL: site.root.appendingPathComponent(target))
        }
        try fm.createDirectory(at: site.output, withIntermediateDirectories: true)
        // A FIFO in the content and a link to one: reading either would wait forever.
        #expect(mkfifo(site.root.appendingPathComponent("Content/articles/pipe.md").path, 0o644) == 0)
        try fm.createDirectory(at: site.root.appendingPathComponent("Content/pipes"), withIntermediateDirectories: true)
        #expect(mkfifo(site.root.appendingPathComponent("Content/pipes/fifo").path, 0o644) == 0)
        try fm.createSymbolicLink(at: site.root.appendingPathComponent("Content/articles/p.png"),
                                  withDestinationURL: site.root.appendingPathComponent("Content/pipes/fifo"))
        for _ in 0..<2 {
            let report = Builder.build(site.options())
            #expect(report.succeeded, "\(report.diagnostics)")
            #expect(report.diagnostics.map { "\($0.code) \($0.location?.path ?? "")" }.sorted() == [
                "not-regular-file Content/articles/p.png", "not-regular-file Content/articles/pipe.md", "not-regular-file Content/pipes/fifo",
                "symlink-escape Content/articles/env.txt", "symlink-escape Content/articles/git",
                "symlink-escape Content/articles/out", "symlink-escape Content/articles/shared",
                "symlink-hidden Content/articles/key.txt",
            ])
        }
        let published = fm.enumerator(atPath: site.output.path)!.compactMap { $0 as? String }
        #expect(!published.contains { $0.contains("env") || $0.contains("git") || $0.contains("key") || $0.contains("draft") || $0.contains("out/") })
        #expect(published.filter { $0.hasSuffix("index.html") }.count < 20, "no build nested in the next")
    }

    /// Two links that point at each other's folders end the walk instead of recursing.
    @Test func mutualSymlinksDoNotLoop() throws {
        let site = try TemporarySite([
            "Content/a/one.md": "---\ntitle: One\n---\nText.\n",
            "Content/b/two.md": "---\ntitle: Two\n---\nText.\n",
        ])
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/a/to-b").path, withDestinationPath: "../b")
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("Content/b/to-a").path, withDestinationPath: "../a")
        var options = site.options()
        options.builtinTheme = Repository.templates
        let generation = Pipeline.generate(options)
        #expect(generation.diagnostics.map(\.code.rawValue).allSatisfy { $0 == "symlink-loop" })
        #expect(generation.diagnostics.count == 2)
        #expect(try #require(generation.site).documents.count >= 2)
    }

    @Test func themeSymlinkOutOfTheSiteIsRefused() throws {
        let outside = try TemporarySite([:])
        try outside.write("secret.txt", Data("secret".utf8))
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\n---\nText.\n"])
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Templates/assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: site.root.appendingPathComponent("Templates/assets/leak.txt"),
            withDestinationURL: outside.root.appendingPathComponent("secret.txt"))
        #expect(Builder.check(site.options()).summaries == ["symlink-escape@1:1"])
    }

    @Test func filesOverTheSizeLimitAreReportedNotParsed() throws {
        let site = try TemporarySite(
            ["Content/articles/big.md": "---\ntitle: Big\n---\n" + String(repeating: "word ", count: 400)],
            config: "max_file_size: 1000\n")
        let diagnostics = Builder.check(site.options())
        #expect(diagnostics.map(\.code.rawValue) == ["file-too-large"])
    }

    @Test func rightToLeftSite() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: ایران\n---\n",
            "Content/articles/a.md": "---\ntitle: روابط\n---\nدرباره [[ایران]] و [[iran|جمهوری اسلامی]].\n",
        ], config: "language: fa\ndirection: rtl\n")
        let report = Builder.build(site.options())
        #expect(report.diagnostics.isEmpty)
        let page = try #require(site.read("articles/a/index.html"))
        #expect(page.contains("<html lang=\"fa\" dir=\"rtl\">"))
        #expect(page.contains(">ایران</a>"))
        #expect(page.contains(">جمهوری اسلامی</a>"))
        let actor = try #require(site.read("actors/iran/index.html"))
        #expect(actor.contains("<h1 dir=\"auto\">ایران</h1>"))
    }

    @Test func nonMarkdownContentIsCopied() throws {
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\n---\n![Map](map.svg)\n"])
        try site.write("Content/articles/map.svg", Data("<svg/>".utf8))
        #expect(Builder.build(site.options()).succeeded)
        #expect(site.read("articles/map.svg") == "<svg/>")
        #expect(site.read("articles/a/index.html")?.contains("<img src=\"../map.svg\" alt=\"Map\" />") == true)
    }
}

@Suite struct CollisionTests {
    @Test func contentFilesCannotReplaceGeneratedOnes() throws {
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\n---\nText.\n"])
        try site.write("Content/index.html", Data("<p>mine</p>".utf8))
        try site.write("Content/graph.json", Data("{}".utf8))
        let diagnostics = Builder.check(site.options())
        #expect(diagnostics.map(\.description) == [
            "Content/graph.json:1:1: error: graph.json would replace a page or file Dossier generates; rename it [output-collision]",
            "Content/index.html:1:1: error: 'index.html' would run its scripts on the site; it is not published (set unsafe_html: true in dossier.yml if every author is trusted) [active-content]",
        ])
        // Where HTML may be published, it still may not replace a generated page.
        try site.write("dossier.yml", Data("unsafe_html: true\n".utf8))
        #expect(Builder.check(site.options()).map(\.description).contains(
            "Content/index.html:1:1: error: index.html would replace a page or file Dossier generates; rename it [output-collision]"))
        try site.write("dossier.yml", Data())
        #expect(!Builder.build(site.options()).succeeded)
    }

    /// Entity folders are named in any case (`Actors/`); a singular `actor/` is a section,
    /// said so; a document's key in an entity file asks whether it is in the wrong folder.
    @Test func entityFoldersAndTheirNearMisses() throws {
        let site = try TemporarySite([
            "Content/Actors/x.md": "---\ntitle: X\n---\nText.\n",
            "Content/actor/y.md": "---\ntitle: Y\n---\nText.\n",
            "Content/actors/nile-basin.md": "---\ntype: group\ndate: 2020\n---\nText.\n",
        ])
        #expect(Builder.check(site.options()).map(\.description) == [
            "Content/Actors/x.md:2:1: warning: unknown key 'title' for an actor: it is a document's key; is this file in the wrong folder? (move it, or write kind: document) [unknown-key]",
            "Content/actor:1:1: warning: 'actor/' is read as a section of documents; entity files go in actors/ [folder-name]",
            "Content/actors/nile-basin.md:1:1: warning: actor has no 'name'; 'nile basin' is made from the file name (add name: …) [missing-name]",
            "Content/actors/nile-basin.md:3:1: warning: unknown key 'date' for an actor: it is an event's key; is this file in the wrong folder? (move it, or write kind: event) [unknown-key]",
        ])
        let lower = try TemporarySite([:])
        try lower.remove("Content")
        try lower.write("content/articles/a.md", Data("# A\n".utf8))
        #expect(Builder.check(lower.options()).map(\.message).first?.contains("but there is content/: rename it Content/") == true)
    }

    /// One id in two folders: reported at both files, once, not at every bare mention.
    @Test func anIDInTwoFoldersIsReportedAtBothFiles() throws {
        let site = try TemporarySite([
            "Content/actors/nile.md": "---\nname: Nile Basin Initiative\n---\n",
            "Content/themes/nile.md": "---\nname: The Nile\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n[[nile]], [[nile]] and [[theme:nile]].\n",
        ])
        let found = Builder.check(site.options()).map(\.description)
        let message = "the id 'nile' names actor:nile (Content/actors/nile.md) and theme:nile (Content/themes/nile.md); 2 bare [[nile]] (the first at Content/articles/a.md:4:1) cannot choose: write [[actor:nile]] or [[theme:nile]], or rename a file [ambiguous-mention]"
        #expect(found == ["Content/actors/nile.md:1:1: error: " + message, "Content/themes/nile.md:1:1: error: " + message])
    }

    @Test func draftsPublishNoStubsAndReportNothing() throws {
        let site = try TemporarySite([
            "Content/articles/a.md": "---\ntitle: A\ndraft: true\n---\n[the mole](actor:secret-source) and [[nobody]].\n",
        ])
        let report = Builder.build(site.options())
        #expect(report.diagnostics.isEmpty)
        #expect(site.read("actors/secret-source/index.html") == nil)
        #expect(site.read("graph.json")?.contains("secret-source") == false)
        var drafts = site.options()
        drafts.drafts = true
        #expect(Builder.check(drafts).map(\.code.rawValue).sorted() == ["stub-entity", "unresolved-mention"])
    }

    @Test func assetsLandBesideTheirSluggedPages() throws {
        let site = try TemporarySite(["Content/My Notes/pub.md": "---\ntitle: P\n---\n![m](map.png) [o](<Other Doc.md>) [p](Other%20Doc.md)\n",
                                      "Content/My Notes/Other Doc.md": "---\ntitle: O\n---\nText.\n"])
        try site.write("Content/My Notes/map.png", Data([0x89, 0x50]))
        #expect(Builder.build(site.options()).succeeded)
        #expect(site.read("my-notes/map.png") != nil)
        let page = try #require(site.read("my-notes/pub/index.html"))
        #expect(page.contains("src=\"../map.png\""))
        #expect(page.contains("href=\"../other-doc/index.html\">o</a>"))
        #expect(page.contains("href=\"../other-doc/index.html\">p</a>"))
        #expect(site.read("my-notes/other-doc/index.html") != nil)
    }
}
