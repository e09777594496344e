import Model

/// What many pages repeat about the same file or entity, computed once per build instead
/// of once per page: a popular actor is linked from thousands of pages, and a document is
/// listed on the page of every entity it mentions.
package struct RenderIndex: Sendable {
    /// A file as it is listed on other pages.
    struct FileCard: Sendable, Equatable {
        var title: String
        /// Page folder relative to the site root (`articles/x`, `actors/iran`).
        var folder: String
        var published: String?
        var publishedISO: String?
        var summary: String?
        var section: String
        var sectionLabel: String
        var authors: String?
        /// `actor`, `event` or `theme` for entity descriptions, `document` otherwise.
        var source: String
    }

    /// An entity's mention link, less the part that depends on the linking page.
    struct EntityLink: Sendable {
        var folder: String
        /// `<a class="mention mention-actor" href="`
        var open: String
        /// `" title="Iran">`, escaped.
        var close: String
    }

    /// An entity as lists name it (`RenderContext.entityLink`): read for every sidebar
    /// and related list, where copying the entity and formatting its date was per link.
    struct EntityCard: Sendable {
        var name: String
        var kind: String
        var typeLabel: String?
        var when: String?
        var isStub: Bool
    }

    var files: [FileCard]
    var entities: [EntityLink]
    var entityCards: [EntityCard]
    /// Entity names to link where the text does not annotate them (`autolink`), or nil.
    var autolink: NameMatcher?
    /// The axis every event page's timeline strip shares.
    var timelineAxis: TimelineSVG.StripAxis?
    /// Each entity as pages' JSON-LD names it (`RenderContext.jsonLDReference`).
    var jsonLDReferences: [[UInt8]]

    /// A file as lists show it.
    static func card(_ site: Site, file: Int) -> FileCard {
        let parsed = site.files[file]
        if let owner = site.entityByFile[file] {
            let entity = site.entities[owner]
            return FileCard(title: entity.name, folder: URLs.entityFolder(entity.key), section: "", sectionLabel: "",
                            source: entity.kind.rawValue)
        }
        var section = "", folder = ""
        if case let .document(name, urlPath) = parsed.role { (section, folder) = (name, urlPath) }
        guard case let .document(meta)? = parsed.frontMatter else {
            return FileCard(title: parsed.path, folder: folder, section: section, sectionLabel: Labels.section(section),
                            source: "document")
        }
        return FileCard(
            title: meta.title, folder: folder, published: meta.date?.displayText,
            publishedISO: meta.date?.lowerBound?.description, summary: meta.summary, section: section,
            sectionLabel: Labels.section(section), authors: meta.authors.isEmpty ? nil : meta.authors.joined(separator: ", "),
            source: "document")
    }

    package init(_ site: Site) {
        autolink = site.config.autolink == .off ? nil : NameMatcher(site.entities)
        timelineAxis = TimelineSVG.stripAxis(site)
        files = site.files.indices.map { Self.card(site, file: $0) }
        entities = site.entities.map(Self.link)
        entityCards = site.entities.map(Self.card)
        jsonLDReferences = site.entities.map { RenderContext.jsonLDReference($0, baseURL: site.config.baseURL) }
    }

    static func card(_ entity: Entity) -> EntityCard {
        var typeLabel: String?
        if case let .actor(type, _) = entity.details { typeLabel = Labels.actorType(type) }
        return EntityCard(name: entity.name, kind: entity.kind.rawValue, typeLabel: typeLabel, when: entity.dateDisplay,
                          isStub: entity.isStub)
    }

    static func link(_ entity: Entity) -> EntityLink {
        var title = entity.name
        if let date = entity.dateDisplay { title += " (\(date))" }
        return EntityLink(folder: URLs.entityFolder(entity.key),
                          open: "<a class=\"mention mention-\(entity.kind.rawValue)\" href=\"",
                          close: "\" title=\"\(HTML.escape(title))\">")
    }

    /// Brings the index of `old` to `new` when both sites have the same files and entities
    /// (`InputChanges.comparable`; `comparable` when the caller knows it): only what changed
    /// is made again. `files`: the only files whose parse may differ, when known. In place: a copy of the index would copy 10,000
    /// cards, each touching its strings (several milliseconds at that size); the caller
    /// keeps no other reference.
    package mutating func update(from old: Site, to new: Site, files: [Int]?, comparable: Bool = false) {
        assert(!comparable || InputChanges.comparable(old, new))
        guard comparable || InputChanges.comparable(old, new) else {
            self = RenderIndex(new)
            return
        }
        for file in files ?? Array(new.files.indices) where old.files[file] != new.files[file] {
            self.files[file] = Self.card(new, file: file)
        }
        var namesChanged = false, datesChanged = false
        // A relinked site keeps the entities it was linked with: then none is compared, where
        // copying and comparing each of 3,000 was most of an update.
        let sameEntities = new.sharesEntities(with: old)
        for entity in new.entities.indices where !sameEntities && old.entities[entity] != new.entities[entity] {
            let a = old.entities[entity], b = new.entities[entity]
            entities[entity] = Self.link(b)
            entityCards[entity] = Self.card(b)
            jsonLDReferences[entity] = RenderContext.jsonLDReference(b, baseURL: new.config.baseURL)
            // A description file is listed under its entity's name.
            if let file = b.file { self.files[file] = Self.card(new, file: file) }
            if a.name != b.name || a.aliases != b.aliases { namesChanged = true }
            if a.date != b.date { datesChanged = true }
        }
        if namesChanged { autolink = new.config.autolink == .off ? nil : NameMatcher(new.entities) }
        if datesChanged || old.timeline != new.timeline { timelineAxis = TimelineSVG.stripAxis(new) }
    }
}
