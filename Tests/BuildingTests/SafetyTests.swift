import Building
import Rendering
import Foundation
import Model
import Synchronization
import Testing
import TestSupport

@Suite struct SafetyTests {
    static let good = [
        "Content/actors/iran.md": "---\nname: Iran\n---\n",
        "Content/articles/a.md": "---\ntitle: A\n---\nAbout [[iran]].\n",
    ]

    @Test func failedBuildLeavesThePreviousOutputUntouched() throws {
        let site = try TemporarySite(Self.good)
        #expect(Builder.build(site.options()).succeeded)
        let before = try snapshot(site.output)
        #expect(!before.isEmpty)

        try site.write("Content/articles/a.md", Data("---\ntitle: A\n---\nAbout [[irn]].\n".utf8))
        let report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.diagnostics.summaries == ["unresolved-mention@4:7"])
        #expect(try snapshot(site.output) == before)
    }

    @Test func strictTurnsWarningsIntoFailure() throws {
        let site = try TemporarySite(["Content/articles/a.md": "---\ntitle: A\ntitel: B\n---\nText.\n"])
        var options = site.options()
        #expect(Builder.build(options).succeeded)
        options.strict = true
        #expect(!Builder.build(options).succeeded)
    }

    @Test func refusesAForeignOutputFolder() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Output/precious.txt", Data("mine".utf8))
        let report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.writeError?.contains("not written by Dossier") == true)
        #expect(site.read("precious.txt") == "mine")
    }

    @Test func aMarkerAuthorisesOnlyTheFilesItRecords() throws {
        // An empty marker file once let a build delete every file of the folder.
        let site = try TemporarySite(Self.good)
        try site.write("Output/precious.txt", Data("mine".utf8))
        try site.write("Output/.dossier-output", Data())
        var report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.writeError?.contains("lists no files") == true, "\(report.writeError ?? "")")
        #expect(site.read("precious.txt") == "mine")
        // A folder Dossier wrote is replaced, build after build; a file added to it is not lost.
        try FileManager.default.removeItem(at: site.output)
        #expect(Builder.build(site.options()).succeeded)
        #expect(Builder.build(site.options()).succeeded)
        try site.write("Output/notes/mine.md", Data("mine".utf8))
        report = Builder.build(site.options())
        #expect(!report.succeeded && report.writeError?.contains("1 file in it was not written by Dossier (notes/mine.md)") == true)
        #expect(site.read("notes/mine.md") == "mine")
    }

    /// Pages and scripts from content would run on the site's origin; SVG is drawing only.
    @Test func activeContentIsRefusedOrSanitisedUnlessUnsafeHTML() throws {
        let evilSVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script><circle r=\"4\"/></svg>"
        let files = [
            "Content/articles/a.md": "---\ntitle: A\n---\n![map](evil.svg)\n",
            "Content/briefings/b.md": "---\ntitle: B\nbluf: \"The map.\"\n---\n![map](../articles/evil.svg)\n",
            "Content/articles/evil.svg": evilSVG,
            "Content/articles/broken.svg": "<svg><g></svg>",
            "Content/articles/evil.html": "<script>alert(3)</script>",
            "Content/articles/tool.js": "alert(4)",
        ]
        let site = try TemporarySite(files)
        let report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.diagnostics.map { "\($0.code) \($0.location?.path ?? "")" }.sorted() == [
            "active-content Content/articles/evil.html", "active-content Content/articles/tool.js", "invalid-svg Content/articles/broken.svg",
        ])
        try site.remove("Content/articles/evil.html")
        try site.remove("Content/articles/tool.js")
        try site.remove("Content/articles/broken.svg")
        #expect(Builder.build(site.options()).succeeded)
        let published = try #require(site.read("articles/evil.svg"))
        #expect(published.contains("<circle") && !published.contains("alert") && !published.contains("onload"))
        // A single file embeds the same sanitised bytes.
        let brief = try #require(Builder.brief(site.options(), target: .document("Content/briefings/b.md")).html)
        let uri = try #require(brief.range(of: "data:image/svg+xml;base64,").map { brief[$0.upperBound...].prefix { $0 != "\"" } })
        let embedded = String(decoding: try #require(Data(base64Encoded: String(uri))), as: UTF8.self)
        #expect(embedded == published)

        // Every author trusted: today's behaviour, files as they are.
        let trusted = try TemporarySite(files.filter { !$0.key.contains("broken") }, config: "unsafe_html: true\n")
        #expect(Builder.build(trusted.options()).succeeded)
        #expect(trusted.read("articles/evil.svg") == evilSVG)
        #expect(trusted.read("articles/evil.html") != nil && trusted.read("articles/tool.js") != nil)
    }

    @Test func acceptsAnOutputFolderHoldingOnlyGitkeep() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Output/.gitkeep", Data())
        #expect(Builder.build(site.options()).succeeded)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(".gitkeep").path))
        #expect(site.read("index.html") != nil)
    }

    @Test func refusesTheSiteItselfAsOutput() throws {
        let site = try TemporarySite(Self.good)
        var options = site.options()
        options.output = site.root
        #expect(Builder.build(options).writeError?.contains("site folder") == true)
        options.output = site.root.appendingPathComponent("Content/out")
        #expect(Builder.build(options).writeError?.contains("Content/") == true)
        options.output = site.root.deletingLastPathComponent()
        #expect(Builder.build(options).writeError != nil)
    }

    static let quoteWithMark = "\"\u{301}"

    @Test func contentIsEscapedEverywhere() throws {
        let site = try TemporarySite([
            "Content/actors/x.md": "---\nname: \"<script>alert('a')</script>\"\naliases: [\"\\\"><img src=x onerror=alert(1)>\"]\n---\n",
            "Content/articles/a.md": "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"\\\" onmouseover=\\\"x\"\nsource: {publisher: P, url: \"javascript:alert(1)\"}\n---\nAbout [[x]] and [[x|<b>shown</b>]].\n\n<script>alert(2)</script>\n",
            // A quote followed by a combining mark is one Character: it must still be escaped.
            "Content/articles/b.md": "---\ntitle: B\nsummary: \"\\\"\u{301} onmouseover=alert(1) x=\\\"\"\nsource: {publisher: P, url: \"https://e.com/\\\"\u{301} onfocus=alert(1) x=\\\"\"}\n---\nText.\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        for page in ["index.html", "articles/a/index.html", "articles/b/index.html", "actors/x/index.html", "actors/index.html"] {
            var html = try #require(site.read(page))
            // The page's one script is its JSON-LD: JSON with no `<`, `>` or `&` at all, so
            // nothing in it can close the element. What it quotes is data, not markup.
            let open = "<script type=\"application/ld+json\">"
            let start = try #require(html.range(of: open))
            let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
            let json = String(html[start.upperBound..<end.lowerBound])
            #expect(!json.contains("<") && !json.contains(">") && !json.contains("&"), "\(page)")
            #expect((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "\(page)")
            html.removeSubrange(start.lowerBound..<end.upperBound)
            // Other scripts are the theme's own files, loaded by `src`, with nothing inline.
            for tag in HTMLScanner(html).tags where tag.name == "script" {
                let source = try #require(tag.attribute("src"), "\(page): inline script")
                #expect(source.contains("assets/") && source.hasSuffix(".js"), "\(page): \(source)")
            }
            for script in HTMLScanner(html).scripts { #expect(script.isEmpty, "\(page)") }
            #expect(!html.contains("<img"), "\(page)")
            #expect(!html.contains("javascript:"), "\(page)")
            #expect(!html.contains("\" onmouseover"), "\(page)")
            #expect(!html.contains(Self.quoteWithMark + " on"), "\(page)")
        }
        #expect(site.read("articles/a/index.html")?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
    }

    @Test func forbiddenCodePointsNeverReachAPage() throws {
        let site = try TemporarySite([
            "Content/actors/x.md": "---\nname: \"X\\u0001\"\n---\nDescribed \u{7}here.\n",
            "Content/articles/a.md": "---\ntitle: \"T\\u0002\"\n---\n# Head &#1;\n\nText &#1; &#x7f; &#128; &#xFDD0; raw \u{1}\u{1F} `code &#2;` [[x]].\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        for page in ["index.html", "articles/a/index.html", "actors/x/index.html"] {
            let html = try #require(site.read(page))
            let forbidden = html.unicodeScalars.filter {
                ($0.value < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D].contains($0.value)) || (0x7F...0x9F).contains($0.value)
                    || (0xFDD0...0xFDEF).contains($0.value)
            }
            #expect(forbidden.isEmpty, "\(page): \(forbidden.map(\.value))")
        }
    }

    @Test func rawHTMLCannotForgeMentionHoles() throws {
        let site = try TemporarySite([
            "Content/articles/a.md": "---\ntitle: A\n---\n<pre>\n<\u{1}m-1> <\u{1}m99> <\u{1}e-5> <\u{1}h7>\n</pre>\n",
        ], config: "unsafe_html: true\n")
        #expect(Builder.build(site.options()).succeeded)
        #expect(site.read("articles/a/index.html")?.contains("<pre>") == true)
    }

    @Test func prettyURLsDropIndexHTML() throws {
        let site = try TemporarySite(Self.good, config: "pretty_urls: true\n")
        #expect(Builder.build(site.options()).succeeded)
        #expect(site.read("articles/a/index.html")?.contains("href=\"../../actors/iran/\"") == true)
    }

    @Test func missingTemplateAndSyntaxErrorsAreReported() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Templates/actor.mustache", Data("{{> partials/header}}\n<h1>{{#name}}{{name}}</h1>\n".utf8))
        try site.write("Templates/event.mustache", Data("{{> partials/nope}}\n".utf8))
        let report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.diagnostics.map(\.code.rawValue).sorted() == ["missing-partial", "template-syntax"])
        #expect(report.diagnostics.first { $0.code == .missingPartial }?.location?.description == "Templates/event.mustache:1:1")
        #expect(report.diagnostics.first { $0.code == .templateSyntax }?.location?.path == "Templates/actor.mustache")
    }

    /// A theme without one of the page templates fails to load, naming it: before, a theme
    /// without `graph.mustache` or `search.mustache` built those pages empty.
    @Test(arguments: TemplateName.allCases)
    func aThemeWithoutAPageTemplateIsAnError(name: TemplateName) throws {
        let site = try TemporarySite(Self.good)
        let theme = site.root.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Repository.templates, to: theme)
        try FileManager.default.removeItem(at: theme.appendingPathComponent(name.rawValue + ".mustache"))
        var options = site.options()
        options.builtinTheme = theme
        let report = Builder.build(options)
        #expect(!report.succeeded)
        #expect(report.diagnostics.contains { $0.code == .missingTemplate && $0.message.contains("'\(name.rawValue).mustache'") })
    }

    /// Pipes in a theme are skipped with a warning instead of hanging the build (a template
    /// or an asset read from a FIFO waits for a writer forever).
    @Test func pipesInTheThemeAreSkipped() throws {
        let site = try TemporarySite(Self.good)
        try FileManager.default.createDirectory(at: site.root.appendingPathComponent("Templates/assets"), withIntermediateDirectories: true)
        for path in ["Templates/extra.mustache", "Templates/assets/pipe.css"] {
            #expect(mkfifo(site.root.appendingPathComponent(path).path, 0o644) == 0)
        }
        let report = Builder.build(site.options())
        #expect(report.succeeded)
        let skipped = report.diagnostics.filter { $0.code == .notRegularFile }.compactMap(\.location?.path).sorted()
        #expect(skipped == ["Templates/assets/pipe.css", "Templates/extra.mustache"])
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("assets/pipe.css").path))
    }

    /// A theme file that cannot be read is an error, not an empty file in the output. (Root
    /// reads any file whatever its permissions, so this runs only for other users.)
    @Test(.enabled(if: getuid() != 0, "root reads files whatever their permissions"))
    func unreadableThemeFilesAreErrors() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Templates/assets/locked.css", Data("body {}".utf8))
        try site.write("Templates/section.mustache", Data("{{title}}".utf8))
        try site.write("Content/articles/map.png", Data([0x89, 0x50]))
        for path in ["Templates/assets/locked.css", "Templates/section.mustache", "Content/articles/map.png"] {
            #expect(chmod(site.root.appendingPathComponent(path).path, 0) == 0)
        }
        let report = Builder.build(site.options())
        #expect(!report.succeeded)
        #expect(report.diagnostics.filter { $0.code == .unreadableFile }.count == 3)
    }

    /// A copied file gone between loading and rendering (deleted, or made unreadable) fails
    /// the build: it is not published empty, and the previous output stays as it was.
    @Test func aCopiedFileThatCannotBeReadWhenRenderedFailsTheBuild() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Content/articles/map.png", Data([0x89, 0x50]))
        #expect(Builder.build(site.options()).succeeded)
        let before = try snapshot(site.output)

        let generation = Pipeline.generate(site.options())
        let siteModel = try #require(generation.site), templates = try #require(generation.templates)
        try site.remove("Content/articles/map.png")
        let unreadable = Mutex<[String]>([]), emitted = Mutex(0)
        Pipeline.render(siteModel, pages: generation.pages, templates: templates, contentAssets: generation.contentAssets,
                        singleFiles: generation.singleFiles) { path, contents in
            emitted.withLock { $0 += 1 }
            if case .unreadable = contents { unreadable.withLock { $0.append(path) } }
        }
        #expect(unreadable.withLock { $0 } == ["articles/map.png"])
        #expect(emitted.withLock { $0 } > generation.pages.count, "the other files are made as before")

        // What the build does with it: the staged site is not swapped in.
        let writer = OutputWriter(site: site.root, output: site.output)
        let staging = try writer.stage()
        staging.write("<!doctype html>", path: "index.html")
        staging.fail("cannot read Content/articles/map.png")
        #expect(throws: OutputWriter.Failure.self) { try writer.commit(staging) }
        #expect(try snapshot(site.output) == before)
    }

    @Test func siteTemplatesOverrideTheBuiltInThemeFileByFile() throws {
        let site = try TemporarySite(Self.good)
        try site.write("Templates/section.mustache", Data("CUSTOM {{title}}".utf8))
        #expect(Builder.build(site.options()).succeeded)
        #expect(site.read("articles/index.html") == "CUSTOM Articles")
        #expect(site.read("actors/iran/index.html")?.contains("<!doctype html>") == true)
    }

    private func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)!
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        }
        return files
    }
}
