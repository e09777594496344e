import Model
import Templating

extension RenderContext {
    /// How many documents an entity briefing quotes, and passages from each: one page to
    /// read, not the whole archive.
    static let briefingDocuments = 12
    static let briefingPassages = 3

    /// Everything the model knows about one entity, for its single-file briefing. The
    /// context must be `standalone`.
    func entityBriefingView(_ index: Int, reparsed: ParsedFile?, notes: [String], head: StandaloneHead) -> EntityBriefingView {
        let entity = site.entities[index]
        var typeLabel: String?
        if case let .actor(type, _) = entity.details { typeLabel = Labels.actorType(type) }
        let description = entity.file.map { bodyHTML($0, reparsed: reparsed) }.flatMap { $0.isEmpty ? nil : $0 }
        let quoted = site.documentsByEntity[index].prefix(Self.briefingDocuments)
        let documents = quoted.map { file in
            let card = self.index.files[file]
            return EntityBriefingView.DocumentPassages(title: card.title, date: card.published, section: card.sectionLabel,
                                                       passages: passages(of: index, in: file))
        }
        let relatedActors = site.related[index].filter { site.kind(of: $0.entity) == .actor }.prefix(12)
            .map { annexEntity($0.entity, count: $0.weight) }
        let relatedThemes = site.related[index].filter { site.kind(of: $0.entity) == .theme }.prefix(8)
            .map { annexEntity($0.entity) }
        let timeline = eventTimeline(index)
        let noteViews = notes.enumerated().map { AnnexView.Note(number: $0.offset + 1, url: $0.element) }
        return EntityBriefingView(
            head: head, name: entity.name, kind: entity.kind.rawValue, kindLabel: Labels.singular(entity.kind), typeLabel: typeLabel,
            descriptionHTML: description, facts: facts(index), timeline: timeline, documents: documents,
            moreDocuments: site.documentsByEntity[index].count > quoted.count ? site.documentsByEntity[index].count - quoted.count : nil,
            relatedActors: relatedActors, relatedThemes: relatedThemes, notes: noteViews,
            siteAddress: absoluteURL(URLs.entityFolder(entity.key)),
            hasTimeline: !timeline.isEmpty, hasDocuments: !documents.isEmpty, hasRelatedActors: !relatedActors.isEmpty,
            hasRelatedThemes: !relatedThemes.isEmpty, hasNotes: !noteViews.isEmpty)
    }

    /// The passages of a file that mention the entity, as on its page: one per paragraph.
    private func passages(of entity: Int, in file: Int) -> [HTMLBytes] {
        var seen = Set<Int>()
        var passages: [HTMLBytes] = []
        for (i, target) in site.resolutions[file].enumerated() where target == entity {
            let block = site.files[file].mentions[i].block
            guard block >= 0, seen.insert(block).inserted else { continue }
            passages.append(snippet(site.files[file].blocks[block], file: file, entity: entity))
            if passages.count == Self.briefingPassages { break }
        }
        return passages
    }

    /// Key facts, by kind.
    private func facts(_ index: Int) -> [EntityBriefingView.Fact] {
        let entity = site.entities[index]
        var facts: [EntityBriefingView.Fact] = []
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { facts.append(.init(label: label, value: value)) }
        }
        func names(_ indices: [Int]) -> String { indices.map { site.name(of: $0) }.joined(separator: ", ") }
        switch entity.details {
        case let .actor(type, wikidata):
            add("Type", Labels.actorType(type))
            add("Wikidata", wikidata)
        case let .event(date, _, place, actors, themes):
            add("Date", entity.dateDisplay)
            add("Date (EDTF)", date?.edtf)
            add("Place", place)
            add("Participants", names(actors))
            add("Themes", names(themes))
        case let .theme(broader, narrower):
            add("Broader theme", broader.map { site.name(of: $0) })
            add("Narrower themes", names(narrower))
        }
        add("Also known as", entity.aliases.joined(separator: ", "))
        let mentions = site.backlinks[index].count
        let documents = site.documentsByEntity[index].count
        add("Mentions", "\(mentions) in \(Plural.count(documents, "document"))")
        let dates = site.documentsByEntity[index].compactMap { site.documentMeta($0)?.date }.sorted()
        if let first = dates.first, let last = dates.last {
            add("Written about", first == last ? first.displayText : "\(first.displayText) – \(last.displayText)")
        }
        if entity.isStub { add("Note", "No description file yet: known only from typed links") }
        return facts
    }

    /// The entity's events in timeline order: for an actor those it takes part in and those
    /// mentioned beside it, for a theme its events and those mentioned beside it, for an
    /// event its neighbours on the timeline.
    private func eventTimeline(_ index: Int) -> [EntityBriefingView.TimelineItem] {
        let entity = site.entities[index]
        var roles: [Int: String] = [:]
        switch entity.details {
        case .actor:
            for event in site.participation[index] { roles[event] = "took part" }
        case .theme:
            for event in site.timeline {
                if case let .event(_, _, _, _, themes) = site.entities[event].details, themes.contains(index) { roles[event] = "on this theme" }
            }
        case .event:
            if let position = site.timelinePosition[index] {
                for offset in max(0, position - 3)...min(site.timeline.count - 1, position + 3) {
                    roles[site.timeline[offset]] = offset < position ? "before" : offset > position ? "after" : "this event"
                }
            }
        }
        if entity.kind != .event {
            for relation in site.related[index] where site.kind(of: relation.entity) == .event && roles[relation.entity] == nil {
                roles[relation.entity] = "mentioned together"
            }
        }
        return roles.keys.sorted { site.timelinePosition[$0, default: .max] < site.timelinePosition[$1, default: .max] }.map { event in
            let e = site.entities[event]
            return .init(name: e.name, when: e.dateDisplay, isoDate: e.date?.lowerBound?.description, role: roles[event]!,
                         isSelf: event == index)
        }
    }
}
