import Model

/// A page's inputs as its view reads them, collected by the same helpers the views use
/// (`bodyHTML`, `leadText`, `oneLine`, passages, links): the declaration for each page kind
/// sits next to its view and names these pieces.
struct InputList {
    let site: Site
    private(set) var inputs: [PageInput] = []

    init(_ site: Site) { self.site = site }

    mutating func add(_ input: PageInput) { inputs.append(input) }
    mutating func add(_ more: some Sequence<PageInput>) { inputs.append(contentsOf: more) }

    /// Every HTML page's layout: the navigation lists the sections.
    mutating func layout() { add(.sections) }

    /// What a link to each entity shows (`entityLink`, mention links).
    mutating func cards(_ entities: some Sequence<Int>) { add(entities.lazy.map { .entityCard($0) }) }

    /// `bodyHTML(f)`: the parse, where its mentions resolve and their links; with automatic
    /// linking on, any entity's name can become a link.
    mutating func body(_ file: Int) {
        var embedded: Set<Int> = [file]
        body(file, embedded: &embedded)
    }

    /// A body and every note it shows in place (`![[note]]`), each once.
    private mutating func body(_ file: Int, embedded: inout Set<Int>) {
        add([.file(file), .resolutions(file), .fileLinks(file)])
        documentLinks(file)
        if site.config.autolink != .off { add([.entityNames, .allEntityCards]) }
        let mentions = site.files[file].mentions
        for (m, link) in site.links[file] where mentions[m].embed {
            if let target = link.document, embedded.insert(target).inserted {
                add(.fileCard(target))
                body(target, embedded: &embedded)
            }
        }
        // An entity's card: its name, date and first sentence.
        for (m, entity) in site.resolutions[file].enumerated() where entity != nil && mentions[m].embed { oneLine(entity!) }
    }

    /// `leadText(f)`: the first paragraph, with the names of entities it mentions.
    mutating func lead(_ file: Int) {
        add([.file(file), .resolutions(file), .fileLinks(file)])
        documentLinks(file)
    }

    /// Links to documents show the documents' titles and lead to their pages.
    private mutating func documentLinks(_ file: Int) {
        for link in site.links[file].values { if let target = link.document { add(.fileCard(target)) } }
    }

    /// `oneLine(e)`: the first sentence of an entity's description, or an event's place.
    mutating func oneLine(_ entity: Int) {
        add(.entityRecord(entity))
        if let file = site.entities[entity].file { lead(file) }
    }

    /// A document as lists show it (`documentSummary`).
    mutating func documentCard(_ file: Int) { add(.fileCard(file)) }

    /// A passage of `file` quoted on another page: the block's text and the links of the
    /// entities it names.
    mutating func passages(from file: Int) {
        add(.fileCard(file))
        body(file)
    }
}

extension Page {
    /// What this page reads of the site, besides the settings and templates every page reads.
    /// Each kind's declaration sits beside its view: an input missing here is a page left
    /// stale by an incremental build, which `IncrementalBuildTests` compares with clean builds.
    package func inputs(in site: Site) -> [PageInput] {
        var list = InputList(site)
        switch self {
        case .home: RenderContext.homeInputs(&list)
        case .section(let name): RenderContext.sectionInputs(&list, section: name)
        case .document(let file) where site.isBriefing(file): RenderContext.briefingInputs(&list, file: file)
        case .document(let file): RenderContext.documentInputs(&list, file: file)
        case .briefingFile(let file): RenderContext.briefingFileInputs(&list, file: file)
        case .feed(let theme): AtomFeed.inputs(&list, theme: theme)
        case .sitemap, .graph, .searchIndex, .previews: list.add(.everything)
        case .search: RenderContext.searchInputs(&list)
        case .entityIndex(let kind): RenderContext.indexInputs(&list, kind: kind)
        case let .entity(index, number): RenderContext.entityInputs(&list, entity: index, page: number)
        }
        return list.inputs
    }
}
