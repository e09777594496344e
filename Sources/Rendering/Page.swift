import Model

/// A page of the generated site. The inventory is derived from the `Site` alone.
public enum Page: Hashable, Sendable {
    case home
    case document(file: Int)
    case section(name: String)
    case entityIndex(EntityKind)
    /// An entity page; `number` counts from 1 when the mention list paginates.
    case entity(index: Int, number: Int)

    /// The page's file relative to the output root: `actors/iran/index.html`.
    public func outputPath(in site: Site) -> String {
        let folder = folder(in: site)
        return folder.isEmpty ? "index.html" : folder + "/index.html"
    }

    /// The page's folder relative to the output root, "" for the home page.
    func folder(in site: Site) -> String {
        switch self {
        case .home: return ""
        case .document(let file):
            if case let .document(_, urlPath) = site.files[file].role { return urlPath }
            return ""
        case .section(let name): return name
        case .entityIndex(let kind): return kind.folder
        case let .entity(index, number):
            let base = URLs.entityFolder(site.entities[index].key)
            return number == 1 ? base : "\(base)/page/\(number)"
        }
    }
}

extension Page {
    /// Every page of the site, in a stable order.
    public static func inventory(of site: Site) -> [Page] {
        var pages: [Page] = [.home]
        pages += site.documents.map { .document(file: $0) }
        pages += site.sections.map { .section(name: $0) }
        pages += EntityKind.allCases.map { .entityIndex($0) }
        for index in site.entities.indices {
            let count = max(1, Pagination.pageCount(items: Pagination.groupCount(site, entity: index), perPage: site.config.paginate))
            pages += (1...count).map { .entity(index: index, number: $0) }
        }
        return pages
    }
}

enum Pagination {
    /// Entity pages paginate by document: the groups of mentions listed on them.
    static func groupCount(_ site: Site, entity: Int) -> Int {
        var files = Set<Int>()
        for ref in site.backlinks[entity] { files.insert(ref.file) }
        return files.count
    }

    static func pageCount(items: Int, perPage: Int) -> Int {
        items == 0 ? 1 : (items + perPage - 1) / perPage
    }
}
