import Templating

/// What every page's header and footer read: site settings, the page title, navigation.
/// Views are explicit types with stored properties; `Views+Template.swift` hands them to
/// templates. This one is a class: templates read about 40 of its fields on every page, and
/// each `{{layout.x}}` of a struct boxed a copy of all its fields first (0.1–0.3 s of CPU
/// at 15,000 pages, 2–3% of the render stage).
final class LayoutView {
    struct NavItem {
        let label: String
        let url: String
        let current: Bool
    }

    let siteTitle: String
    let siteDescription: String?
    let language: String
    let direction: String
    /// `Page · Site` for `<title>`; `title` alone for link previews.
    let pageTitle: String
    let title: String
    let description: String?
    let stylesheet: String
    /// The theme's icon: linked, so browsers do not ask a server for `/favicon.ico`.
    let icon: String
    /// Style sheets some pages add (briefings: `assets/briefing.css`).
    let extraStylesheets: [String]
    /// Page-specific CSS for the head, such as a briefing's print margin boxes.
    let headCSS: String?
    let homeURL: String
    let graphURL: String
    let searchURL: String
    /// Light or dark as the reader chose: loaded in `<head>`, before the page is drawn.
    let themeScript: String
    /// The header's search as you type: its script, and what it loads on first use (the
    /// index and the matcher), with the site's root for the results' links.
    let quickSearchScript: String
    let searchData: String
    let searchScript: String
    let rootURL: String
    /// Hover previews: the script, and the data it loads on first use.
    let previewScript: String
    let previewData: String
    let feedURL: String
    let canonical: String?
    /// Open Graph: `article` or `website`, the locale (`en`, `fa_IR`), the publication date.
    let ogType: String
    let ogLocale: String
    let publishedTime: String?
    /// schema.org JSON-LD, escaped for `<script>`.
    let jsonLD: HTMLBytes
    let nav: [NavItem]
    let generator = "Dossier"

    init(
        siteTitle: String,
        siteDescription: String?,
        language: String,
        direction: String,
        pageTitle: String,
        title: String,
        description: String?,
        stylesheet: String,
        icon: String,
        extraStylesheets: [String],
        headCSS: String?,
        homeURL: String,
        graphURL: String,
        searchURL: String,
        themeScript: String,
        quickSearchScript: String,
        searchData: String,
        searchScript: String,
        rootURL: String,
        previewScript: String,
        previewData: String,
        feedURL: String,
        canonical: String?,
        ogType: String,
        ogLocale: String,
        publishedTime: String?,
        jsonLD: HTMLBytes,
        nav: [NavItem]
    ) {
        self.siteTitle = siteTitle
        self.siteDescription = siteDescription
        self.language = language
        self.direction = direction
        self.pageTitle = pageTitle
        self.title = title
        self.description = description
        self.stylesheet = stylesheet
        self.icon = icon
        self.extraStylesheets = extraStylesheets
        self.headCSS = headCSS
        self.homeURL = homeURL
        self.graphURL = graphURL
        self.searchURL = searchURL
        self.themeScript = themeScript
        self.quickSearchScript = quickSearchScript
        self.searchData = searchData
        self.searchScript = searchScript
        self.rootURL = rootURL
        self.previewScript = previewScript
        self.previewData = previewData
        self.feedURL = feedURL
        self.canonical = canonical
        self.ogType = ogType
        self.ogLocale = ogLocale
        self.publishedTime = publishedTime
        self.jsonLD = jsonLD
        self.nav = nav
    }
}

// The views templates list by the hundred on a page are classes, as `LayoutView` is: a
// list element reaches the template as `any TemplateObject`, and a struct of this size was
// boxed, every field retained, for each element each time it was rendered.

/// A link to an entity, with whatever the list it appears in shows beside it.
final class EntityLinkView {
    let name: String
    let url: String
    let kind: String
    let typeLabel: String?
    /// Named apart from page fields: Mustache looks a missing value up in enclosing views.
    let when: String?
    let count: Int?
    let weight: Int?
    let isStub: Bool

    init(name: String, url: String, kind: String, typeLabel: String?, when: String?, count: Int?, weight: Int?, isStub: Bool) {
        self.name = name
        self.url = url
        self.kind = kind
        self.typeLabel = typeLabel
        self.when = when
        self.count = count
        self.weight = weight
        self.isStub = isStub
    }
}

final class DocumentSummaryView {
    let title: String
    let url: String
    let published: String?
    let publishedISO: String?
    let summary: String?
    let section: String
    let authors: String?
    let isBriefing: Bool

    init(title: String, url: String, published: String?, publishedISO: String?, summary: String?, section: String,
         authors: String?, isBriefing: Bool) {
        self.title = title
        self.url = url
        self.published = published
        self.publishedISO = publishedISO
        self.summary = summary
        self.section = section
        self.authors = authors
        self.isBriefing = isBriefing
    }
}

/// The passages of one file that mention an entity.
final class MentionGroupView {
    struct Snippet {
        let html: HTMLBytes
        let url: String
    }

    let title: String
    let url: String
    let published: String?
    /// "document", or the kind of the entity whose description this is.
    let source: String
    let snippets: [Snippet]
    /// "4 more passages in this document", when the page shows only the first few.
    let more: String?
    /// Where the first passage not shown is.
    let moreURL: String?

    init(title: String, url: String, published: String?, source: String, snippets: [Snippet], more: String? = nil, moreURL: String? = nil) {
        self.title = title
        self.url = url
        self.published = published
        self.source = source
        self.snippets = snippets
        self.more = more
        self.moreURL = moreURL
    }
}

struct PagerView {
    struct Link {
        let number: Int
        let url: String
        let current: Bool
    }

    let previousURL: String?
    let nextURL: String?
    let current: Int
    /// The number of pages, on the first page; nil on later pages, which link only their
    /// neighbours, so that a list growing by a page does not change every page of it.
    let total: Int?
    let pages: [Link]
}
