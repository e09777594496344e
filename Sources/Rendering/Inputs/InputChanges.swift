import Model

/// The inputs that differ between the last build and this one, found by comparing the two
/// sites entity by entity and file by file — never by visiting every page's declarations,
/// which on a large site outnumber the changes by orders of magnitude. Both sites must have
/// the same files and entities at the same indices (`comparable`).
package enum InputChanges {
    /// Whether inputs of the two sites can be compared index for index.
    package static func comparable(_ old: Site, _ new: Site) -> Bool {
        old.config == new.config && old.files.count == new.files.count && old.entities.count == new.entities.count
            && old.files.indices.allSatisfy { old.files[$0].path == new.files[$0].path }
            && old.entities.indices.allSatisfy { old.entities[$0].key == new.entities[$0].key }
    }

    /// The changed inputs. `files`, when known, are the only files whose parse may differ
    /// (the others are compared when it is nil).
    package static func between(_ old: Site, _ new: Site, files: [Int]? = nil) -> Set<PageInput> {
        var changed = Set<PageInput>()
        let candidates = files ?? Array(new.files.indices)
        for f in candidates where old.files[f] != new.files[f] {
            changed.insert(.file(f))
            if RenderIndex.card(old, file: f) != RenderIndex.card(new, file: f) { changed.insert(.fileCard(f)) }
        }
        // Resolutions change with any file's text and with any entity's names. A relink
        // (which keeps the site's `generation`) keeps the entities and redoes the changed
        // files' resolutions only: the others are not compared (each comparison touched the
        // lists of one of 10,000 files, a quarter of this function's time under `serve`).
        let relinked = files != nil && old.generation == new.generation
        for f in relinked ? candidates : Array(new.files.indices) where old.resolutions[f] != new.resolutions[f] || old.links[f] != new.links[f]
            || old.linkFixes[f] != new.linkFixes[f] {
            changed.insert(.resolutions(f))
        }
        for f in Set(old.linkedFrom.keys).union(new.linkedFrom.keys) where old.linkedFrom[f] != new.linkedFrom[f] {
            changed.insert(.linkedFrom(f))
        }
        var anyCard = false, anyName = false, anyDate = false
        let perPage = new.config.paginate
        // A relinked site keeps the entities it was linked with: then none is compared.
        let sameEntities = new.sharesEntities(with: old)
        // And a relink changes the lists of the entities the changed files mention, before or
        // after, and of the entities those files describe (their co-occurrences): no others.
        var entities = Array(new.entities.indices)
        if relinked, sameEntities, let files {
            var touched = Set<Int>()
            for f in files {
                for case let e? in old.resolutions[f] { touched.insert(e) }
                for case let e? in new.resolutions[f] { touched.insert(e) }
                if let owner = new.entityByFile[f] { touched.insert(owner) }
            }
            entities = touched.sorted()
        }
        for e in entities {
            if !sameEntities, case let (a, b) = (old.entities[e], new.entities[e]), a != b {
                changed.insert(.entityRecord(e))
                if card(a) != card(b) {
                    changed.insert(.entityCard(e))
                    anyCard = true
                    for ref in old.backlinks[e] + new.backlinks[e] { changed.insert(.fileLinks(ref.file)) }
                }
                // Lists show an entity's description file under the entity's name.
                if a.name != b.name, let file = b.file { changed.insert(.fileCard(file)) }
                if a.name != b.name || a.aliases != b.aliases { anyName = true }
                if a.kind == .event, a.date != b.date { anyDate = true }
            }
            if old.related[e] != new.related[e] { changed.insert(.related(e)) }
            if old.participation[e] != new.participation[e] { changed.insert(.participation(e)) }
            if old.documentsByEntity[e] != new.documentsByEntity[e] { changed.insert(.documentsOf(e)) }
            if old.backlinks[e].count != new.backlinks[e].count || old.backlinkGroups[e].count != new.backlinkGroups[e].count
                || old.documentsByEntity[e].count != new.documentsByEntity[e].count {
                changed.insert(.mentionTotals(e))
            }
            guard old.backlinks[e] != new.backlinks[e] || old.backlinkGroups[e] != new.backlinkGroups[e]
                || old.documentsByEntity[e] != new.documentsByEntity[e] else { continue }
            let pages = max(Pagination.entityPageCount(old, entity: e), Pagination.entityPageCount(new, entity: e))
            for page in 1...pages {
                if mentionPage(old, e, page) != mentionPage(new, e, page) || pagerEnd(old, e, page) != pagerEnd(new, e, page) {
                    changed.insert(.mentionPage(e, page: page))
                }
                if Array(Pagination.slice(old.documentsByEntity[e], page: page, perPage: perPage))
                    != Array(Pagination.slice(new.documentsByEntity[e], page: page, perPage: perPage)) {
                    changed.insert(.themeDocuments(e, page: page))
                }
            }
        }
        if anyCard { changed.insert(.allEntityCards) }
        if anyName { changed.insert(.entityNames) }
        if anyDate || old.timeline != new.timeline { changed.insert(.timeline) }
        if old.documents != new.documents { changed.insert(.documentList) }
        if old.sections != new.sections { changed.insert(.sections) }
        if !changed.isEmpty || old.documentThemes != new.documentThemes { changed.insert(.everything) }
        changed.insert(.disk)
        return changed
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
