import Foundation
import Synchronization
/// The whole site after linking: an immutable value the renderer reads from.
package struct Site: Sendable {
    package var config: SiteConfig
    /// Every parsed file: documents and entity descriptions.
    package var files: [ParsedFile]
    /// Indices into `files` of the published documents, newest first.
    package var documents: [Int]
    /// Every entity, sorted by kind then id; stubs included.
    package var entities: [Entity]
    package var entityIndex: [EntityKey: Int]
    /// Per file, per mention: the entity index it resolved to, or nil (a link to a
    /// document resolves to no entity).
    package var resolutions: [[Int?]]
    /// Per file: the mentions that link a document, carry a fragment or show their text as
    /// written, by mention index.
    package var links: [[Int: MentionLink]]
    /// Per document file: the mentions in other files that link it, in file order.
    package var linkedFrom: [Int: [MentionRef]]
    /// The content folder's other files, as published (`attachments/map.png`): what embeds
    /// and links to files can reach.
    package var attachments: [String]
    /// Per file: Markdown links and images whose path reaches nothing but whose file name
    /// one file of the site has (Obsidian finds them so), from the address the page was
    /// given to the path from the site root it should have.
    package var linkFixes: [Int: [String: String]] = [:]
    /// Before a `linkFixes` path that is a page's folder (and `#part`), not a file's.
    package static let pageFix = "page:"
    /// Per entity: every mention of it, in document order.
    package var backlinks: [[MentionRef]]
    /// Per entity: related entities of any kind, strongest first.
    package var related: [[Relation]]
    /// Per entity: the documents that mention it or list it, newest first.
    package var documentsByEntity: [[Int]]
    /// Event entity indices in timeline order (lower bound, upper bound, id).
    package var timeline: [Int]
    /// Per document file index: its themes from front matter, resolved.
    package var documentThemes: [Int: [Int]]
    package var diagnostics: [Diagnostic]
    /// File index of an entity description → the entity it describes.
    package let entityByFile: [Int: Int]
    /// Sections (first folders under `Content/`) that have published documents, sorted.
    package let sections: [String]
    /// Sections whose page is a document's own (Obsidian's folder note, `permalink: teams`
    /// in `Teams/`), found once: a relink keeps the documents' roles, and the page inventory,
    /// made again on every edit under `serve`, read every document's role to find them.
    package let folderNotes: Set<String>
    /// Per entity: the runs of `backlinks` that share a file (backlinks are in file order),
    /// so entity pages list mentions by document without regrouping them on every page.
    package private(set) var backlinkGroups: [[Range<Int>]]
    /// Per actor: the events it takes part in, in timeline order (empty for other kinds).
    package let participation: [[Int]]
    /// Event entity index → its position in `timeline`.
    package let timelinePosition: [Int: Int]
    /// Which linking of the whole site this one is, or derives from: a relink keeps it, as
    /// it keeps the documents, their titles and the site's files. Tables made from those
    /// for one relink can serve the next.
    package let generation: UInt64
    /// Files in `Content/briefings/` (see `isBriefing`), found once: pages ask per file.
    private let briefings: Set<Int>

    package init(
        config: SiteConfig, files: [ParsedFile], documents: [Int], entities: [Entity],
        entityIndex: [EntityKey: Int], resolutions: [[Int?]], links: [[Int: MentionLink]]? = nil,
        linkedFrom: [Int: [MentionRef]] = [:], attachments: [String] = [], backlinks: [[MentionRef]],
        related: [[Relation]], documentsByEntity: [[Int]], timeline: [Int], documentThemes: [Int: [Int]],
        diagnostics: [Diagnostic]
    ) {
        self.config = config
        self.files = files
        self.documents = documents
        self.entities = entities
        self.entityIndex = entityIndex
        self.resolutions = resolutions
        self.links = links ?? Array(repeating: [:], count: files.count)
        self.linkedFrom = linkedFrom
        self.attachments = attachments
        self.backlinks = backlinks
        self.related = related
        self.documentsByEntity = documentsByEntity
        self.timeline = timeline
        self.documentThemes = documentThemes
        self.diagnostics = diagnostics
        var owners: [Int: Int] = [:]
        for (i, entity) in entities.enumerated() { if let file = entity.file { owners[file] = i } }
        entityByFile = owners
        var sections = Set<String>()
        for file in documents {
            if case let .document(section, _) = files[file].role, !section.isEmpty { sections.insert(section) }
        }
        self.sections = sections.sorted()
        var folderNotes = Set<String>()
        if !sections.isEmpty {
            for file in documents {
                if let urlPath = files[file].documentURLPath, sections.contains(urlPath) { folderNotes.insert(urlPath) }
            }
        }
        self.folderNotes = folderNotes
        briefings = Set(files.indices.filter {
            if case .document(section: "briefings", _) = files[$0].role { return true }
            return false
        })
        backlinkGroups = backlinks.map(Self.groups)
        var participation = Array(repeating: [Int](), count: entities.count)
        var position: [Int: Int] = [:]
        for (offset, event) in timeline.enumerated() {
            position[event] = offset
            if case let .event(_, _, _, actors, _) = entities[event].details {
                for actor in actors where !participation[actor].contains(event) { participation[actor].append(event) }
            }
        }
        self.participation = participation
        timelinePosition = position
        generation = Self.generations.wrappingAdd(1, ordering: .relaxed).newValue
    }

    private static let generations = Atomic<UInt64>(0)

    /// The site after a relink: `old` with new files (same paths, roles and front matter),
    /// resolutions and what follows from them. What depends only on the documents, entities
    /// and timeline is kept; mention groups are made again for the `affected` entities only.
    package init(relinking old: Site, files: [ParsedFile], resolutions: [[Int?]], links: [[Int: MentionLink]],
                 linkedFrom: [Int: [MentionRef]], backlinks: [[MentionRef]],
                 related: [[Relation]], documentsByEntity: [[Int]], diagnostics: [Diagnostic], affected: Set<Int>) {
        self = old
        self.files = files
        self.resolutions = resolutions
        self.links = links
        self.linkedFrom = linkedFrom
        self.backlinks = backlinks
        self.related = related
        self.documentsByEntity = documentsByEntity
        self.diagnostics = diagnostics
        var groups = old.backlinkGroups
        for entity in affected { groups[entity] = Self.groups(backlinks[entity]) }
        backlinkGroups = groups
    }

    /// Runs of mentions from the same file.
    static func groups(_ refs: [MentionRef]) -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start = 0
        for i in refs.indices.dropFirst() where refs[i].file != refs[i - 1].file {
            groups.append(start..<i)
            start = i
        }
        if !refs.isEmpty { groups.append(start..<refs.count) }
        return groups
    }

    package func entities(of kind: EntityKind) -> [Int] {
        entities.indices.filter { self.kind(of: $0) == kind }
    }

    /// An entity's kind, read where the entity stands: `entities[i].kind` copies the entity
    /// first, retaining each of its strings, and pages ask for kinds by the thousand.
    package func kind(of entity: Int) -> EntityKind {
        precondition(entities.indices.contains(entity), "entity index out of range")
        return entities.withUnsafeBufferPointer { $0[entity].key.kind }
    }

    /// An entity's key (kind and id), read where the entity stands (see `kind(of:)`).
    package func key(of entity: Int) -> EntityKey {
        precondition(entities.indices.contains(entity), "entity index out of range")
        return entities.withUnsafeBufferPointer { $0[entity].key }
    }

    /// Whether this site holds `other`'s entities themselves (the same storage), as a relink
    /// of `other` does: then no entity differs, and none need be compared.
    package func sharesEntities(with other: Site) -> Bool {
        entities.withUnsafeBufferPointer { a in other.entities.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    /// An entity's name, read where the entity stands (see `kind(of:)`).
    package func name(of entity: Int) -> String {
        precondition(entities.indices.contains(entity), "entity index out of range")
        return entities.withUnsafeBufferPointer { $0[entity].name }
    }

    /// Documents in `Content/briefings/` are briefings: their own page layout, lints and a
    /// single-file version.
    package func isBriefing(_ file: Int) -> Bool {
        briefings.contains(file)
    }

    /// What a mention shows when it has no text of its own (`[[target]]`): the entity's
    /// name, unless the target was written as an alias or the name in other letters.
    package func shownName(file: Int, mention: Int, entity: Int) -> String {
        if links[file][mention]?.showsWritten == true { return files[file].mentions[mention].shown }
        return name(of: entity)
    }

    /// What a link to a page shows when it has no text of its own: the document's title or
    /// the entity's name, unless the target was written as an alias, a file name or the
    /// name in other letters (DESIGN §2b), or only names a place on its own page (`[[#H]]`).
    package func linkText(_ link: MentionLink, _ mention: Mention) -> String {
        let written = mention.shown.isEmpty ? mention.fragment ?? "" : mention.shown
        guard !link.showsWritten, !mention.target.isEmpty else { return written }
        switch link.page {
        case .document(let target): return documentMeta(target)?.title ?? written
        case .entity(let entity): return entities[entity].name
        case .attachment: return written
        }
    }

    package func documentMeta(_ file: Int) -> DocumentMeta? {
        if case let .document(meta)? = files[file].frontMatter { return meta }
        return nil
    }
}
