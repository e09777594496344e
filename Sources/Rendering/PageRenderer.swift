import Foundation
import Model
import Templating

/// The Render stage for one page: builds its view from the `Site` and renders it with the
/// theme. A pure function of (site, templates, page), run for many pages in parallel.
package struct PageRenderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let navigation: Navigation
    let index: RenderIndex
    let standalone: StandaloneRenderer
    /// Parses a document again for its single file (which reads it and its images from
    /// disk); without it, or when the file is gone, the site's parse is used.
    let reparse: (@Sendable (_ file: Int) -> StandaloneRenderer.Reparsed?)?
    /// The files' words, counted while the site linked; without them the search index counts.
    let searchWords: SearchWordCounts?

    /// `index`: the site's `RenderIndex` when the caller keeps one up to date (`serve`).
    package init(site: Site, templates: TemplateSet, index: RenderIndex? = nil, searchWords: SearchWordCounts? = nil,
                reparse: (@Sendable (_ file: Int) -> StandaloneRenderer.Reparsed?)? = nil) {
        self.site = site
        self.templates = templates
        navigation = Navigation(site)
        self.index = index ?? RenderIndex(site)
        standalone = StandaloneRenderer(site: site, templates: templates, index: self.index)
        self.reparse = reparse
        self.searchWords = searchWords
    }

    /// A rendered page: where it goes and its HTML, as UTF-8.
    package struct RenderedPage: Sendable {
        package var path: String
        package var contents: [UInt8]
        package var text: String { String(decoding: contents, as: UTF8.self) }
    }

    package func render(_ page: Page) -> RenderedPage {
        withRendered(page) { path, bytes in RenderedPage(path: path, contents: Array(bytes)) }
    }

    /// Renders `page` and hands its path and HTML to `body`, read where the template wrote
    /// them: a page written to disk is not copied into an array first.
    package func withRendered<Result>(_ page: Page, _ body: (_ path: String, _ contents: UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let folder = page.folder(in: site)
        let path = page.outputPath(in: site)
        let context = RenderContext(site: site, urls: URLs(pretty: site.config.prettyURLs, folder: folder), navigation: navigation,
                                    index: index)
        func rendered(_ view: some TemplateRepresentable, _ template: TemplateName) -> Result {
            // Room for most pages from the start (a document page is 15–20 KB): grown from
            // nothing, a page's bytes were copied a dozen times on the way.
            templates.withRenderedBytes(view, template: template, capacity: 1 << 15) { body(path, $0) }
        }
        // The few pages made as text are converted once.
        func made(_ bytes: [UInt8]) -> Result { bytes.withUnsafeBufferPointer { body(path, $0) } }
        switch page {
        case .home:
            return rendered(context.homeView(), .home)
        case .document(let file) where site.isBriefing(file):
            return rendered(context.briefingView(file), .briefing)
        case .document(let file):
            return rendered(context.documentView(file), .document)
        case .briefingFile(let file):
            return made(Array(standalone.briefing(file, reparsed: reparse?(file) ?? StandaloneRenderer.unavailable(site.files[file])).utf8))
        case .feed(let theme):
            return made(Array(AtomFeed.xml(site, theme: theme, index: index, context: context).utf8))
        case .sitemap:
            return made(Array(Sitemap.xml(site, pages: Page.inventory(of: site)).utf8))
        case .graph:
            return rendered(context.graphView(), .graph)
        case .search:
            return rendered(context.searchView(), .search)
        case .searchIndex:
            return made(SearchIndex.files(site, index: index)[0].contents)
        case .previews:
            return made(Array(PreviewData.script(site, index: index, context: context).utf8))
        case .section(let name):
            return rendered(context.sectionView(name), .section)
        case .entityIndex(let kind):
            return rendered(context.indexView(kind), .index(kind))
        case let .entity(index, number):
            return rendered(context.entityView(index, page: number), .entity(site.kind(of: index)))
        }
    }

    /// The files a page makes, handed to `emit`: its own, and for the search index every
    /// file search loads (`SearchIndex`), the manifest first.
    package func files(_ page: Page, emit: (OutputFile) -> Void) {
        if case .searchIndex = page { return SearchIndex.write(site, index: index, counted: searchWords, emit: emit) }
        let rendered = render(page)
        emit(OutputFile(path: rendered.path, contents: rendered.contents))
    }
}

/// The site's sections and entity kinds, computed once for every page's navigation.
struct Navigation: Sendable {
    /// Label and folder of each navigation entry.
    let entries: [(label: String, folder: String)]
    /// Open Graph's spelling of the site's language (`fa_IR`), the same on every page.
    let ogLocale: String

    init(_ site: Site) {
        ogLocale = site.config.language.replacingOccurrences(of: "-", with: "_")
        let kinds = Set(site.entities.indices.map(site.kind(of:)))
        entries = site.sections.map { (Labels.section($0), $0) }
            + EntityKind.allCases.filter(kinds.contains).map { (Labels.plural($0), $0.folder) }
            + [("Graph", "graph"), ("Search", "search")]
    }
}

/// What building one page's view needs: the site and links relative to that page.
/// A class: the closures that sort and map a page's lists capture it, and a struct holding
/// the `Site` would be copied into each, retaining every one of the site's lists.
final class RenderContext: Sendable {
    let site: Site
    let urls: URLs
    let navigation: Navigation
    let index: RenderIndex
    /// For a single self-contained file: mentions are text, not links.
    let standalone: Bool
    /// In a single file: the embedded attachments' `data:` URIs, by published path.
    let media: [String: String]

    init(site: Site, urls: URLs, navigation: Navigation, index: RenderIndex, standalone: Bool = false, media: [String: String] = [:]) {
        self.site = site
        self.urls = urls
        self.navigation = navigation
        self.index = index
        self.standalone = standalone
        self.media = media
    }

    func layout(title: String, description: String = "", current: String? = nil, folder: String, kind: PageKind = .collection,
                extraStylesheets: [String] = [], headCSS: String? = nil) -> LayoutView {
        let nav = navigation.entries.map { entry in
            LayoutView.NavItem(label: entry.label, url: urls.page(entry.folder), current: current == entry.folder)
        }
        let canonical = absoluteURL(folder)
        let summary = description.isEmpty ? (site.config.description.isEmpty ? nil : site.config.description) : description
        var published: String?
        if case .document(let file) = kind { published = index.files[file].publishedISO }
        let ogType = switch kind {
        case .document: "article"
        case .website, .collection, .entity: "website"
        }
        return LayoutView(
            siteTitle: site.config.title, siteDescription: site.config.description.isEmpty ? nil : site.config.description,
            language: site.config.language, direction: site.config.direction,
            pageTitle: title == site.config.title ? title : "\(title) · \(site.config.title)", title: title,
            description: summary,
            stylesheet: urls.file("assets/style.css"), icon: urls.file("assets/icon.svg"), extraStylesheets: [urls.file(TemplateSet.contentStylesheet)] + extraStylesheets, headCSS: headCSS, homeURL: urls.page(""),
            graphURL: urls.page("graph"), searchURL: urls.page("search"),
            themeScript: urls.file("assets/theme.js"), quickSearchScript: urls.file("assets/quick-search.js"),
            searchData: urls.file("search/index.js"), searchScript: urls.file("assets/search.js"), rootURL: urls.file(""),
            previewScript: urls.file("assets/previews.js"), previewData: urls.file("previews.js"),
            feedURL: urls.file("feed.xml"), canonical: canonical, ogType: ogType, ogLocale: navigation.ogLocale,
            publishedTime: published, jsonLD: jsonLD(kind, name: title, description: summary, url: canonical), nav: nav)
    }

    // MARK: - Shared pieces

    func entityURL(_ entity: Int) -> String {
        urls.page(index.entities[entity].folder)
    }

    func entityLink(_ entity: Int, count: Int? = nil, weight: Int? = nil) -> EntityLinkView {
        let card = index.entityCards[entity]
        return EntityLinkView(
            name: card.name, url: entityURL(entity), kind: card.kind, typeLabel: card.typeLabel,
            when: card.when, count: count, weight: weight, isStub: card.isStub)
    }

    func documentFolder(_ file: Int) -> String {
        index.files[file].folder
    }

    func documentSummary(_ file: Int) -> DocumentSummaryView {
        let card = index.files[file]
        return DocumentSummaryView(
            title: card.title, url: urls.page(card.folder), published: card.published, publishedISO: card.publishedISO,
            summary: card.summary, section: card.sectionLabel, authors: card.authors, isBriefing: card.section == "briefings")
    }

    /// Number of mentions of each entity in a file.
    func mentionCounts(inFile file: Int) -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for case let target? in site.resolutions[file] { counts[target, default: 0] += 1 }
        return counts
    }
}

/// Words shown for kinds, types and sections.
enum Labels {
    static func plural(_ kind: EntityKind) -> String {
        switch kind {
        case .actor: "Actors"
        case .event: "Events"
        case .theme: "Themes"
        }
    }

    static func singular(_ kind: EntityKind) -> String {
        switch kind {
        case .actor: "Actor"
        case .event: "Event"
        case .theme: "Theme"
        }
    }

    static func actorType(_ type: ActorType) -> String {
        switch type {
        case .country: "Country"
        case .person: "Person"
        case .organization: "Organization"
        case .group: "Group"
        case .place: "Place"
        case .other: "Other"
        }
    }

    static func actorTypePlural(_ type: ActorType) -> String {
        switch type {
        case .country: "Countries"
        case .person: "People"
        case .organization: "Organizations"
        case .group: "Groups"
        case .place: "Places"
        case .other: "Other actors"
        }
    }

    static func section(_ name: String) -> String {
        guard let first = name.first else { return "Pages" }
        return first.uppercased() + String(name.dropFirst().map { $0 == "-" ? " " : $0 })
    }
}
