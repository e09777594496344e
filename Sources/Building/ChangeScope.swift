import Model
import Rendering

/// Which pages a change can affect. Anything beyond the text of existing files — settings,
/// templates, files added or removed, an entity's name, dates or links, a document's front
/// matter — affects every page. When only the bodies of existing files changed, the pages
/// affected are those files' own pages, the pages of every entity they mention (before or
/// after the change: those pages quote their passages, count their mentions and rank
/// related entities from them), the few pages that summarise the whole site, and the
/// briefings whose annex describes a changed entity.
enum ChangeScope {
    case everything
    case pages(Set<Page>)

    init(from old: Site, _ oldTemplates: TemplateSet, to new: Site, _ newTemplates: TemplateSet) {
        guard old.config == new.config, oldTemplates.sources == newTemplates.sources,
              old.files.map(\.path) == new.files.map(\.path), old.documents == new.documents,
              old.entities == new.entities, old.timeline == new.timeline
        else {
            self = .everything
            return
        }
        // Pages and files that summarise the whole site.
        var dirty = Set<Page>([.home, .sitemap, .feed(theme: nil), .graph, .search, .searchIndex, .previews])
        dirty.formUnion(new.entities(of: .theme).map { .feed(theme: $0) })
        dirty.formUnion(new.sections.map { .section(name: $0) })
        dirty.formUnion(EntityKind.allCases.map { .entityIndex($0) })
        var entities = Set<Int>()
        /// Entities whose own description changed: briefings quote its first sentence.
        var described = Set<Int>()
        for index in new.files.indices where old.files[index] != new.files[index] {
            guard old.files[index].frontMatter == new.files[index].frontMatter else {
                self = .everything
                return
            }
            if new.documents.contains(index) { dirty.insert(.document(file: index)) }
            if let owner = new.entityByFile[index] {
                entities.insert(owner)
                described.insert(owner)
            }
            for case let target? in old.resolutions[index] + new.resolutions[index] { entities.insert(target) }
        }
        for entity in entities {
            let count = max(Pagination.entityPageCount(old, entity: entity), Pagination.entityPageCount(new, entity: entity))
            for number in 1...count { dirty.insert(.entity(index: entity, number: number)) }
        }
        for file in new.documents where new.isBriefing(file) {
            // A briefing's annex describes what it mentions; its single file also embeds its
            // images, whose bytes no content diff sees.
            let annexChanged = new.resolutions[file].contains { $0.map(described.contains) ?? false }
            if annexChanged { dirty.insert(.document(file: file)) }
            if annexChanged || dirty.contains(.document(file: file)) || Self.hasImages(new.files[file]) {
                dirty.insert(.briefingFile(file: file))
            }
        }
        self = .pages(dirty)
    }

    static func hasImages(_ file: ParsedFile) -> Bool {
        file.body.segments.contains { if case .html(let html) = $0 { html.contains("<img") } else { false } }
    }
}
