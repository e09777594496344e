import Model

/// One thing a page reads from the site. Each page kind declares its inputs next to the
/// view that reads them (`Page.inputs`); `DependencyIndex` inverts the declarations, and
/// `InputChanges` says which inputs differ between two builds of the same site. Settings and
/// templates are read by every page and are not inputs: a change to either renders all.
///
/// Inputs are as narrow as the views allow, and summaries are inputs of their own: a page
/// that shows an entity's mention count reads `.mentionTotals`, not the mentions, so an edit
/// that adds a mention renders the pages that show the count and the one page of the list
/// the mention lands on, not every page that lists that entity's passages.
package enum PageInput: Hashable, Sendable {
    /// A file's parse: front matter and body (its page, the passages quoted from it, an
    /// entity's description).
    case file(Int)
    /// What lists show of a file: title, folder, date, summary, section, authors.
    case fileCard(Int)
    /// Where a file's mentions resolve.
    case resolutions(Int)
    /// What the links of a file's mentions show: the cards of the entities it names (one
    /// input per file rather than one per entity it names, for the index's size).
    case fileLinks(Int)
    /// What a link to an entity shows: name, kind, actor type, date, stub, folder.
    case entityCard(Int)
    /// The rest of an entity's record: aliases, details (Wikidata id, participants, themes,
    /// broader and narrower themes, place, date), its description file.
    case entityRecord(Int)
    /// How many mentions an entity has, in how many documents and groups.
    case mentionTotals(Int)
    /// Which mentions are listed on page `page` of an entity, and which pages its pager
    /// links (all from the first page, the neighbours from later ones).
    case mentionPage(Int, page: Int)
    /// The documents listed on page `page` of a theme.
    case themeDocuments(Int, page: Int)
    /// Which mentions of other files link a document ("Linked from").
    case linkedFrom(Int)
    /// An entity's related entities, with weights.
    case related(Int)
    /// The events an actor takes part in.
    case participation(Int)
    /// The order of events in time (previous and next links, the events index, strips).
    case timeline
    /// The documents of the site, in order.
    case documentList
    /// The sections that have documents: every page's navigation.
    case sections
    /// The documents that mention or list an entity.
    case documentsOf(Int)
    /// Any entity's card (pages that may link any entity).
    case allEntityCards
    /// Bytes read from disk when the page is rendered (a single file's images): always
    /// treated as changed.
    case disk
    /// Every entity's name and aliases: what automatic linking matches in text.
    case entityNames
    /// Anything at all: the graph, the search index, hover previews and the sitemap summarise
    /// the whole site.
    case everything
}
