import Model

/// A page of the generated site. The inventory is derived from the `Site` alone.
package enum Page: Hashable, Sendable {
    case home
    case document(file: Int)
    /// A briefing's single self-contained file, `briefing.html` beside its page.
    case briefingFile(file: Int)
    /// The Atom feed of the site's documents, or of a theme's.
    case feed(theme: Int?)
    /// `sitemap.xml`, for a site with a `baseURL`.
    case sitemap
    /// `/graph/`: the relationship graph.
    case graph
    /// `/search/`, and the index it loads (`/search/index.js`).
    case search
    case searchIndex
    /// `/previews.js`: the cards hover previews show.
    case previews
    case section(name: String)
    case entityIndex(EntityKind)
    /// An entity page; `number` counts from 1 when the mention list paginates.
    case entity(index: Int, number: Int)

    /// The page's file relative to the output root: `actors/iran/index.html`.
    package func outputPath(in site: Site) -> String {
        let folder = folder(in: site)
        switch self {
        case .briefingFile: return folder + "/briefing.html"
        case .feed: return folder.isEmpty ? "feed.xml" : folder + "/feed.xml"
        case .sitemap: return "sitemap.xml"
        case .searchIndex: return "search/index.js"
        case .previews: return "previews.js"
        default: return folder.isEmpty ? "index.html" : folder + "/index.html"
        }
    }

    /// A page a reader opens (and a sitemap lists), rather than a file for programs.
    package var isHTMLPage: Bool {
        switch self {
        case .briefingFile, .feed, .sitemap, .searchIndex, .previews: false
        default: true
        }
    }

    /// The page's folder relative to the output root, "" for the home page.
    func folder(in site: Site) -> String {
        switch self {
        case .home, .sitemap, .feed(theme: nil), .previews: return ""
        case .feed(let theme?): return URLs.entityFolder(site.key(of: theme))
        case .document(let file), .briefingFile(let file):
            if case let .document(_, urlPath) = site.files[file].role { return urlPath }
            return ""
        case .section(let name): return name
        case .graph: return "graph"
        case .search, .searchIndex: return "search"
        case .entityIndex(let kind): return kind.folder
        case let .entity(index, number):
            let base = URLs.entityFolder(site.key(of: index))
            return number == 1 ? base : "\(base)/page/\(number)"
        }
    }
}

extension Page {
    /// Every page of the site, in a stable order.
    package static func inventory(of site: Site) -> [Page] {
        var pages: [Page] = [.home]
        pages.reserveCapacity(2 * site.documents.count + 2 * site.entities.count + 16)
        pages += site.documents.map { .document(file: $0) }
        pages += site.documents.filter(site.isBriefing).map { .briefingFile(file: $0) }
        // A note whose page is its folder's (Obsidian's folder note, `permalink: teams` in
        // `Teams/`) takes the place of the folder's list.
        pages += site.sections.filter { !site.folderNotes.contains($0) }.map { .section(name: $0) }
        pages += EntityKind.allCases.map { .entityIndex($0) }
        for index in site.entities.indices {
            for number in 1...Pagination.entityPageCount(site, entity: index) { pages.append(.entity(index: index, number: number)) }
        }
        pages += [.graph, .search, .searchIndex, .previews]
        pages.append(.feed(theme: nil))
        pages += site.entities(of: .theme).filter { !site.documentsByEntity[$0].isEmpty }.map { .feed(theme: $0) }
        if !site.config.baseURL.isEmpty { pages.append(.sitemap) }
        return pages
    }
}

package enum Pagination {
    /// Entity pages paginate by document: the groups of mentions listed on them, and for
    /// themes the documents that belong to the theme, `paginate` of each per page.
    package static func entityPageCount(_ site: Site, entity: Int) -> Int {
        var items = site.backlinkGroups[entity].count
        if site.kind(of: entity) == .theme { items = max(items, site.documentsByEntity[entity].count) }
        return max(1, pageCount(items: items, perPage: site.config.paginate))
    }

    /// The items of page `number` (from 1) of a paginated list.
    static func slice<C: Collection>(_ items: C, page number: Int, perPage: Int) -> C.SubSequence {
        items.dropFirst((number - 1) * perPage).prefix(perPage)
    }

    static func pageCount(items: Int, perPage: Int) -> Int {
        items == 0 ? 1 : (items + perPage - 1) / perPage
    }
}
