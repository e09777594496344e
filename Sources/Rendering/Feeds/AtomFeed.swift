import Model

/// Atom feeds (RFC 4287) of the site's documents, newest first: one for the whole site at
/// `/feed.xml` and one per theme at `/themes/<id>/feed.xml`. Links are absolute when the site
/// has a `baseURL`; otherwise they are relative to the feed, which readers resolve against
/// the feed's own address.
enum AtomFeed {
    static let limit = 50

    /// The newest documents (of a theme): their cards, summaries or leads, and themes.
    /// The documents a feed lists, newest first: the site's, or those of a theme (which
    /// lists only published documents, in the site's order).
    static func documents(_ site: Site, theme: Int?) -> ArraySlice<Int> {
        (theme.map { site.documentsByEntity[$0] } ?? site.documents).prefix(limit)
    }

    static func inputs(_ list: inout InputList, theme: Int?) {
        let site = list.site
        list.add(.documentList)
        if let theme { list.add([.documentsOf(theme), .entityCard(theme)]) }
        for file in documents(site, theme: theme) {
            list.documentCard(file)
            list.lead(file)
            list.cards(site.documentThemes[file] ?? [])
        }
    }

    static func xml(_ site: Site, theme: Int?, index: RenderIndex, context: RenderContext) -> String {
        let folder = theme.map { URLs.entityFolder(site.entities[$0].key) } ?? ""
        let documents = documents(site, theme: theme)
        let base = site.config.baseURL.hasSuffix("/") ? String(site.config.baseURL.dropLast()) : site.config.baseURL
        let relative = URLs(pretty: site.config.prettyURLs, folder: folder)
        func link(_ pageFolder: String) -> String {
            base.isEmpty ? relative.page(pageFolder) : base + URLs.absolute(pageFolder)
        }
        func id(_ pageFolder: String) -> String {
            base.isEmpty ? "urn:dossier:\(urnName(site.config.title)):\(URLs.absolute(pageFolder))" : base + URLs.absolute(pageFolder)
        }
        let dates = documents.compactMap { site.documentMeta($0)?.date?.lowerBound }
        let updated = dates.max().map(timestamp) ?? "1970-01-01T00:00:00Z"
        let title = theme.map { "\(site.name(of: $0)) · \(site.config.title)" } ?? site.config.title
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(escape(site.config.language))\">\n"
        xml += "  <title>\(escape(title))</title>\n"
        if !site.config.description.isEmpty, theme == nil { xml += "  <subtitle>\(escape(site.config.description))</subtitle>\n" }
        xml += "  <id>\(escape(id(folder) + "feed.xml"))</id>\n"
        xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(link(folder)))\"/>\n"
        if !base.isEmpty { xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(escape(base + URLs.absolute(folder) + "feed.xml"))\"/>\n" }
        xml += "  <updated>\(updated)</updated>\n"
        xml += "  <generator>Dossier</generator>\n"
        for file in documents {
            let card = index.files[file]
            let meta = site.documentMeta(file)
            xml += "  <entry>\n"
            xml += "    <title>\(escape(card.title))</title>\n"
            xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(link(card.folder)))\"/>\n"
            xml += "    <id>\(escape(id(card.folder)))</id>\n"
            let date = meta?.date?.lowerBound.map(timestamp) ?? updated
            xml += "    <updated>\(date)</updated>\n"
            if meta?.date != nil { xml += "    <published>\(date)</published>\n" }
            let authors = meta?.authors ?? []
            for author in authors.isEmpty ? [site.config.title] : authors {
                xml += "    <author><name>\(escape(author))</name></author>\n"
            }
            for theme in site.documentThemes[file] ?? [] {
                xml += "    <category term=\"\(escape(site.key(of: theme).id.rawValue))\" label=\"\(escape(site.name(of: theme)))\"/>\n"
            }
            if let summary = meta?.bluf ?? meta?.summary ?? Optional(context.leadText(file)), !summary.isEmpty {
                xml += "    <summary>\(escape(summary))</summary>\n"
            }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    static func timestamp(_ day: Day) -> String { "\(day.description)T00:00:00Z" }

    /// The site title as a URN name: ASCII letters and digits, lowercased, joined by `-`.
    static func urnName(_ title: String) -> String {
        let words = title.lowercased().split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return words.isEmpty ? "site" : words.joined(separator: "-")
    }

    static func escape(_ text: String) -> String { GraphML.escape(text) }
}

/// `sitemap.xml` (sitemaps.org): every page's absolute address, so it is written only for a
/// site with a `baseURL`.
enum Sitemap {
    static func xml(_ site: Site, pages: [Page]) -> String {
        let base = site.config.baseURL.hasSuffix("/") ? String(site.config.baseURL.dropLast()) : site.config.baseURL
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages where page.isHTMLPage {
            xml += "  <url><loc>\(GraphML.escape(base + URLs.absolute(page.folder(in: site))))</loc>"
            if case .document(let file) = page, let day = site.documentMeta(file)?.date?.lowerBound {
                xml += "<lastmod>\(day.description)</lastmod>"
            }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
