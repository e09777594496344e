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

    @Test func filesOverTheSizeLimitAreReportedNotParsed() throws {
        let site = try TemporarySite(
            ["Content/articles/big.md": "---\ntitle: Big\n---\n" + String(repeating: "word ", count: 400)],
            config: "max_file_size: 1000\n")
        let diagnostics = Builder.check(site.options())
        #expect(diagnostics.map(\.code) == ["file-too-large"])
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
