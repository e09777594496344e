import Model

/// Which inputs differ between the last build and this one. Both sites must have the same
/// files and entities at the same indices (`comparable`); otherwise everything changed.
public struct InputChanges {
    let old: Site, new: Site
    let oldIndex: RenderIndex, newIndex: RenderIndex

    /// Whether inputs of the two sites can be compared index for index.
    public static func comparable(_ old: Site, _ new: Site) -> Bool {
        old.config == new.config && old.files.map(\.path) == new.files.map(\.path)
            && old.entities.map(\.key) == new.entities.map(\.key)
    }

    init(old: Site, new: Site) {
        self.old = old
        self.new = new
        oldIndex = RenderIndex(old)
        newIndex = RenderIndex(new)
    }

    func differs(_ input: PageInput) -> Bool {
        switch input {
        case .file(let f):
            return old.files[f] != new.files[f]
        case .fileCard(let f):
            return oldIndex.files[f] != newIndex.files[f]
        case .resolutions(let f):
            return old.resolutions[f] != new.resolutions[f]
        case .entityCard(let e):
            return Self.card(old.entities[e]) != Self.card(new.entities[e])
        case .entityRecord(let e):
            return old.entities[e] != new.entities[e]
        case .mentionTotals(let e):
            return old.backlinks[e].count != new.backlinks[e].count
                || old.backlinkGroups[e].count != new.backlinkGroups[e].count
                || old.documentsByEntity[e].count != new.documentsByEntity[e].count
        case let .mentionPage(e, page):
            return Self.mentionPage(old, e, page) != Self.mentionPage(new, e, page)
                || Self.pagerEnd(old, e, page) != Self.pagerEnd(new, e, page)
        case let .themeDocuments(e, page):
            let perPage = new.config.paginate
            return Array(Pagination.slice(old.documentsByEntity[e], page: page, perPage: perPage))
                != Array(Pagination.slice(new.documentsByEntity[e], page: page, perPage: perPage))
        case .related(let e):
            return old.related[e] != new.related[e]
        case .participation(let e):
            return old.participation[e] != new.participation[e]
        case .timeline:
            return old.timeline != new.timeline || oldIndex.timelineAxis != newIndex.timelineAxis
        case .documentList:
            return old.documents != new.documents
        case .sections:
            return old.sections != new.sections
        case .documentsOf(let e):
            return old.documentsByEntity[e] != new.documentsByEntity[e]
        case .allEntityCards:
            return !old.entities.elementsEqual(new.entities) { Self.card($0) == Self.card($1) }
        case .disk:
            return true
        case .entityNames:
            return !old.entities.elementsEqual(new.entities) { $0.name == $1.name && $0.aliases == $1.aliases }
        case .everything:
            return old.files != new.files || old.entities != new.entities || old.resolutions != new.resolutions
        }
    }

    /// What `entityLink` shows of an entity.
    static func card(_ entity: Entity) -> [String?] {
        var type: String?
        if case let .actor(actorType, _) = entity.details { type = actorType.rawValue }
        return [entity.name, type, entity.dateDisplay, entity.isStub ? "stub" : nil]
    }

    /// The last page number page `page` of an entity links: all pages from the first page,
    /// the next one from later pages (`mentionGroups`).
    static func pagerEnd(_ site: Site, _ entity: Int, _ page: Int) -> Int {
        let total = Pagination.entityPageCount(site, entity: entity)
        return page == 1 ? total : min(total, page + 1)
    }

    /// The mentions listed on page `page` of an entity.
    static func mentionPage(_ site: Site, _ entity: Int, _ page: Int) -> [MentionRef] {
        let groups = Pagination.slice(site.backlinkGroups[entity], page: page, perPage: site.config.paginate)
        return groups.flatMap { site.backlinks[entity][$0] }
    }
}
