import Building
import Foundation
import Model
import Rendering
import Testing
import TestSupport

/// Exactly which pages each kind of edit renders again in `serve`, as the pages' declared
/// inputs (`Page.inputs`) say; `IncrementalBuildTests` checks that what is not rendered is
/// still right. Pages built on request (graph, search index, previews, feeds, sitemap) are
/// not counted here.
///
/// The site: three articles, newest first `three` (Russia), `two` (Iran), `one` (Iran and
/// Tajikistan), one mention group per entity page (`paginate: 1`), so Iran has two pages.
@Suite struct RenderCountTests {
    static let files = [
        "Content/actors/iran.md": "---\nname: Iran\ntype: country\n---\nA country.\n",
        "Content/actors/tajikistan.md": "---\nname: Tajikistan\ntype: country\n---\nA neighbour.\n\nMountains.\n",
        "Content/actors/russia.md": "---\nname: Russia\ntype: country\n---\nAnother country.\n",
        "Content/articles/one.md": "---\ntitle: One\ndate: 2024-01-01\n---\n[[iran]] and [[tajikistan]] meet.\n\nA second paragraph.\n",
        "Content/articles/two.md": "---\ntitle: Two\ndate: 2024-02-01\n---\n[[iran]] again.\n",
        "Content/articles/three.md": "---\ntitle: Three\ndate: 2024-03-01\n---\n[[russia]] alone.\n\nClosing words.\n",
    ]

    /// Builds the site, applies `edit` (path, new text), rebuilds with the watcher's report,
    /// and returns the paths rendered the second time.
    func rendered(after edits: [String: String]) throws -> [String] {
        let site = try TemporarySite(Self.files, config: "title: Counts\npaginate: 1\n")
        let preview = PreviewBuild(options: site.options())
        let first = preview.rebuild()
        #expect(first.succeeded && first.renderedPaths.contains("actors/iran/page/2/index.html"))
        for (path, text) in edits { try site.write(path, Data(text.utf8)) }
        let second = preview.rebuild(changed: Set(edits.keys.map { site.root.path + "/" + $0 }))
        #expect(second.succeeded)
        return second.renderedPaths
    }

    /// Each rebuild asks the index that the one before left up to date (after serving its
    /// edit): the first edit waits for the index the full build makes, and none makes its own.
    @Test func theIndexIsKeptFromEditToEdit() throws {
        let site = try TemporarySite(Self.files, config: "title: Counts\npaginate: 1\n")
        let preview = PreviewBuild(options: site.options())
        #expect(preview.rebuild().succeeded)
        for (n, words) in ["Closing words, once.", "Closing words on [[iran]].", "Closing words, twice."].enumerated() {
            let text = Self.files["Content/articles/three.md"]!.replacingOccurrences(of: "Closing words.", with: words)
            try site.write("Content/articles/three.md", Data(text.utf8))
            let outcome = preview.rebuild(changed: [site.root.path + "/Content/articles/three.md"])
            #expect(outcome.succeeded && outcome.relinked && outcome.keptIndex, "edit \(n + 1)")
        }
    }

    @Test func nothingChangedRendersNothing() throws {
        let got = try rendered(after: [:])
        #expect(got == [])
    }

    /// A paragraph without mentions: the article, and the entity page quoting that article.
    @Test func aParagraphEdit() throws {
        let text = Self.files["Content/articles/three.md"]!.replacingOccurrences(of: "Closing words.", with: "Closing words, edited.")
        let got = try rendered(after: ["Content/articles/three.md": text])
        #expect(got == [
            "actors/russia/index.html", "articles/three/index.html",
        ])
    }

    /// A mention of Iran added to the newest article: Iran's passages shift by one page
    /// (newest first) and gain a third page; its counts show on the home page and the actors
    /// index; Russia's page quotes the article.
    @Test func aMentionAdded() throws {
        let text = Self.files["Content/articles/three.md"]!.replacingOccurrences(of: "Closing words.", with: "Closing words on [[iran]].")
        let got = try rendered(after: ["Content/articles/three.md": text])
        #expect(got == [
            "actors/index.html", "actors/iran/index.html", "actors/iran/page/2/index.html", "actors/iran/page/3/index.html",
            "actors/russia/index.html", "articles/three/index.html", "index.html",
        ])
    }

    /// A mention added to the oldest article, whose group is on Iran's last page: only that
    /// page and the first (which shows the counts), not the pages in between.
    @Test func aMentionAddedWhereTheListEnds() throws {
        let text = Self.files["Content/articles/one.md"]!.replacingOccurrences(of: "A second paragraph.", with: "A second paragraph on [[iran]].")
        let got = try rendered(after: ["Content/articles/one.md": text])
        #expect(got == [
            "actors/index.html", "actors/iran/index.html", "actors/iran/page/2/index.html", "actors/tajikistan/index.html",
            "articles/one/index.html", "index.html",
        ])
    }

    /// An entity's description (not its first sentence): its own first page.
    @Test func aDescriptionEdit() throws {
        let text = Self.files["Content/actors/tajikistan.md"]!.replacingOccurrences(of: "Mountains.", with: "High mountains.")
        let got = try rendered(after: ["Content/actors/tajikistan.md": text])
        #expect(got == ["actors/tajikistan/index.html"])
    }

    /// A renamed entity: every page that links or names it.
    @Test func aRename() throws {
        let text = Self.files["Content/actors/iran.md"]!.replacingOccurrences(of: "name: Iran", with: "name: Islamic Republic of Iran")
        let got = try rendered(after: ["Content/actors/iran.md": text])
        #expect(got == [
            "actors/index.html", "actors/iran/index.html", "actors/iran/page/2/index.html", "actors/tajikistan/index.html",
            "articles/one/index.html", "articles/two/index.html", "index.html",
        ])
    }

    /// A setting: everything.
    @Test func aSettingRendersEverything() throws {
        let site = try TemporarySite(Self.files, config: "title: Counts\npaginate: 1\n")
        let preview = PreviewBuild(options: site.options())
        let first = preview.rebuild()
        try site.write("dossier.yml", Data("title: Renamed\npaginate: 1\n".utf8))
        let second = preview.rebuild(changed: [site.root.path + "/dossier.yml"])
        #expect(second.renderedPaths == first.renderedPaths)
    }

    /// A briefing's annex describes the themes its front matter lists, in a line from each
    /// theme's description, even when the body never mentions them (a theme that prints the
    /// line): editing that description renders the briefing again. The rules kept by hand
    /// before the pages declared their inputs missed this.
    @Test func aListedThemesDescriptionReachesTheBriefing() throws {
        var files = Self.files
        files["Content/themes/energy.md"] = "---\nname: Energy\n---\nPower and fuel.\n"
        files["Content/briefings/outlook.md"] = "---\ntitle: Outlook\ndate: 2024-04-01\nthemes: [energy]\n"
            + "bluf: Ties hold.\n---\nOn [[iran]].\n"
        let site = try TemporarySite(files, config: "title: Counts\npaginate: 1\n")
        let builtin = try String(contentsOf: Repository.templates.appendingPathComponent("partials/briefing-content.mustache"), encoding: .utf8)
        try site.write("Templates/partials/briefing-content.mustache",
                       Data(builtin.replacingOccurrences(of: "{{name}}{{/url}}</li>{{/themes}}", with: "{{name}}{{/url}} {{line}}</li>{{/themes}}").utf8))
        let preview = PreviewBuild(options: site.options())
        #expect(preview.rebuild().succeeded)
        #expect(String(decoding: preview.files["briefings/outlook/index.html"] ?? [], as: UTF8.self).contains("Power and fuel."))
        try site.write("Content/themes/energy.md", Data("---\nname: Energy\n---\nGas and oil.\n".utf8))
        let second = preview.rebuild(changed: [site.root.path + "/Content/themes/energy.md"])
        #expect(second.renderedPaths.contains("briefings/outlook/index.html"))
        #expect(String(decoding: preview.files["briefings/outlook/index.html"] ?? [], as: UTF8.self).contains("Gas and oil."))
    }

    /// A build that asks once reads the pages' declarations directly instead of building an
    /// index: both must name the same pages, for any set of changed inputs.
    @Test func askingOnceFindsWhatTheIndexFinds() throws {
        let temporary = try TemporarySite(Self.files, config: "title: Counts\npaginate: 1\n")
        var options = temporary.options()
        options.builtinTheme = Repository.templates
        let site = try #require(Pipeline.generate(options).site)
        let pages = Page.inventory(of: site)
        let index = DependencyIndex(site: site, pages: pages)
        let every = Array(Set(pages.flatMap { $0.inputs(in: site) })).sorted { "\($0)" < "\($1)" }
        #expect(every.count > 20)
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 5, every.count] {
            for _ in 0..<20 {
                let changes = Set(every.shuffled(using: &generator).prefix(size))
                let once = DependencyIndex.readers(of: changes, among: pages, in: site)
                #expect(once == index.readers(of: changes), "\(changes)")
                if size > 0 { #expect(!once.isEmpty) }
            }
        }
    }
}
