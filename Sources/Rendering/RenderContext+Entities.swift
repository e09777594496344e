import Model

extension RenderContext {
    /// `entityView`: the entity, its description, what it relates to, its counts, and on
    /// page `page` the passages that mention it (and for a theme, its documents).
    static func entityInputs(_ list: inout InputList, entity index: Int, page: Int) {
        let site = list.site
        let entity = site.entities[index]
        list.layout()
        list.add([.entityRecord(index), .entityCard(index), .mentionPage(index, page: page)])
        let groups = Pagination.slice(site.backlinkGroups[index], page: page, perPage: site.config.paginate)
        for file in Set(groups.compactMap { site.backlinks[index][$0].first?.file }) { list.passages(from: file) }
        if entity.kind == .theme {
            list.add(.themeDocuments(index, page: page))
            for file in Pagination.slice(site.documentsByEntity[index], page: page, perPage: site.config.paginate) { list.documentCard(file) }
        }
        if case let .event(_, _, _, actors, themes) = entity.details { list.cards(actors + themes) }
        if case let .theme(parent, children) = entity.details { list.cards((parent.map { [$0] } ?? []) + children) }
        guard page == 1 else { return }
        // The first page: counts, description, connections, the neighbourhood graph, and
        // for events the previous and next events and the strip's axis.
        list.add([.mentionTotals(index), .related(index), .participation(index), .timeline])
        if let file = entity.file { list.body(file) }
        list.cards(shownRelated(site, index))
        list.cards(site.participation[index])
        if let position = site.timelinePosition[index] {
            if position > 0 { list.cards([site.timeline[position - 1]]) }
            if position + 1 < site.timeline.count { list.cards([site.timeline[position + 1]]) }
        }
    }

    /// The related entities the first page shows: the strongest actors, events and themes,
    /// and the neighbourhood graph's strongest non-themes (not the whole list, which for a
    /// much-mentioned actor runs to thousands).
    static func shownRelated(_ site: Site, _ index: Int) -> Set<Int> {
        var shown = Set<Int>()
        var left: [EntityKind: Int] = [.actor: 15, .event: 10, .theme: 10]
        var neighbours = GraphSVG.neighbourhoodSize
        for relation in site.related[index] {
            let kind = site.kind(of: relation.entity)
            if left[kind, default: 0] > 0 {
                left[kind, default: 0] -= 1
                shown.insert(relation.entity)
            }
            if kind != .theme, neighbours > 0 {
                neighbours -= 1
                shown.insert(relation.entity)
            }
            if neighbours == 0, left.values.allSatisfy({ $0 == 0 }) { break }
        }
        return shown
    }

    /// `indexView`: every member of the kind with its link and count; for events, the
    /// timeline and its chart (dates, lanes by first theme).
    static func indexInputs(_ list: inout InputList, kind: EntityKind) {
        let site = list.site
        list.layout()
        for member in site.entities(of: kind) {
            list.add([.mentionTotals(member), .entityRecord(member), .entityCard(member)])
            // The events chart puts each event in the lane of its first theme, by name.
            if case let .event(_, _, _, _, themes) = site.entities[member].details { list.cards(themes.prefix(1)) }
        }
        if kind == .event { list.add(.timeline) }
    }

    /// An entity's page. The first page has everything; later pages continue the list of
    /// passages and show only the entity's name and record with it: counts, connections and
    /// the description change with edits anywhere in the site, and leaving them off later
    /// pages keeps such an edit from rendering every page of a long list again.
    func entityView(_ index: Int, page: Int) -> EntityView {
        let entity = site.entities[index]
        let folder = URLs.entityFolder(entity.key) + (page > 1 ? "/page/\(page)" : "")
        let (groups, describedBy, pager) = mentionGroups(index, page: page)
        let first = page == 1
        let related = first ? site.related[index] : []
        func relatedOf(_ kind: EntityKind, limit: Int) -> [EntityLinkView] {
            related.filter { site.kind(of: $0.entity) == kind }.prefix(limit).map { entityLink($0.entity, weight: $0.weight) }
        }
        var typeLabel: String?
        var wikidataURL: String?
        var date: String?, edtf: String?, place: String?
        var participants: [EntityLinkView] = [], eventThemes: [EntityLinkView] = []
        var previous: EntityLinkView?, next: EntityLinkView?
        var broader: EntityLinkView?, narrower: [EntityLinkView] = []
        var participation: [EntityLinkView] = []
        switch entity.details {
        case let .actor(type, wikidata):
            typeLabel = Labels.actorType(type)
            wikidataURL = wikidata.map { "https://www.wikidata.org/wiki/\($0)" }
            participation = first ? site.participation[index].map { entityLink($0) } : []
        case let .event(eventDate, _, eventPlace, actors, themes):
            date = entity.dateDisplay
            edtf = eventDate?.edtf
            place = eventPlace
            participants = actors.map { entityLink($0) }
            eventThemes = themes.map { entityLink($0) }
            if first, let position = site.timelinePosition[index] {
                if position > 0 { previous = entityLink(site.timeline[position - 1]) }
                if position + 1 < site.timeline.count { next = entityLink(site.timeline[position + 1]) }
            }
        case let .theme(parent, children):
            broader = parent.map { entityLink($0) }
            narrower = children.map { entityLink($0) }
        }
        let description = first ? entity.file.map { bodyBytes($0) }.flatMap { $0.bytes.isEmpty ? nil : $0 } : nil
        let relatedActors = relatedOf(.actor, limit: 15)
        // The strongest related events, shown in timeline order; those it takes part in are
        // listed as its events already.
        let taking = first ? Set(site.participation[index]) : []
        let relatedEvents = related.lazy.map(\.entity).filter { [self] in site.kind(of: $0) == .event && !taking.contains($0) }.prefix(10)
            .sorted { site.timelinePosition[$0, default: 0] < site.timelinePosition[$1, default: 0] }.map { entityLink($0) }
        let relatedThemes = relatedOf(.theme, limit: 10)
        let documents = entity.kind == .theme
            ? Pagination.slice(site.documentsByEntity[index], page: page, perPage: site.config.paginate).map(documentSummary) : []
        let mentions = site.backlinks[index].count
        let sources = site.backlinkGroups[index].count
        // The entities whose descriptions mention it, itself perhaps among them.
        let describing = first ? site.backlinkGroups[index].compactMap { site.entityByFile[site.backlinks[index][$0.lowerBound].file] } : []
        let others = describing.filter { $0 != index }.count
        let mentionSummary = first
            ? "\(Plural.count(mentions, "mention")) in \(Plural.count(sources - describing.count, "document"))"
                + (others > 0 ? " and \(Plural.count(others, "description"))" : "")
                + (describing.contains(index) ? " and its own description" : "")
                + "; each document shows its first \(Self.passagesPerDocument) passages."
            : "Page \(page) of the passages that mention \(entity.name); the first page has the description, counts and connections."
        let summary = first ? entity.file.map(leadText) ?? "" : "Passages that mention \(entity.name), page \(page)."
        return EntityView(
            layout: layout(title: entity.name, description: summary, current: entity.kind.folder, folder: folder, kind: .entity(index)),
            name: entity.name, kind: entity.kind.rawValue, kindLabel: Labels.singular(entity.kind), typeLabel: typeLabel,
            aliases: entity.aliases, wikidataURL: wikidataURL, isStub: entity.isStub,
            stubPath: "Content/\(entity.kind.folder)/\(entity.id.rawValue).md", descriptionHTML: description,
            mentionCount: first ? site.backlinks[index].count : nil, documentCount: first ? site.documentsByEntity[index].count : nil,
            mentionGroups: groups, describedBy: describedBy, pager: pager,
            relatedActors: relatedActors, relatedEvents: relatedEvents, relatedThemes: relatedThemes, documents: documents,
            date: date, edtf: edtf, place: place, participants: participants, eventThemes: eventThemes,
            previousEvent: previous, nextEvent: next, participation: participation,
            neighbourhoodSVG: entity.kind == .actor && page == 1 ? GraphSVG.neighbourhood(index, site: site, url: entityURL) : nil,
            timelineSVG: entity.kind == .event && page == 1 ? TimelineSVG.strip(site, event: index, axis: self.index.timelineAxis, url: entityURL) : nil,
            broader: broader, narrower: narrower,
            indexURL: urls.page(entity.kind.folder), mentionSummary: mentionSummary, hasMentions: !groups.isEmpty || !describedBy.isEmpty,
            hasAliases: !entity.aliases.isEmpty, hasParticipation: !participation.isEmpty,
            hasRelatedActors: !relatedActors.isEmpty, hasRelatedEvents: !relatedEvents.isEmpty,
            hasRelatedThemes: !relatedThemes.isEmpty, hasParticipants: !participants.isEmpty,
            hasEventThemes: !eventThemes.isEmpty, hasNarrower: !narrower.isEmpty, hasDocuments: !documents.isEmpty)
    }

    /// The heading an event is listed under on the timeline: its year, or its decade or
    /// century when that is all the date says.
    static func timelineGroup(_ date: PartialDate?) -> String {
        guard let date, let year = date.groupYear else { return "Undated" }
        switch date.start?.precision {
        case .decade?, .century?: return "\(year)s"
        default: return String(year)
        }
    }

    func indexView(_ kind: EntityKind) -> IndexView {
        let members = site.entities(of: kind)
        var groups: [IndexView.Group] = []
        switch kind {
        case .actor:
            for type in ActorType.allCases {
                let ofType = Self.sortedByName(members.filter {
                    if case let .actor(t, _) = site.entities[$0].details { return t == type }
                    return false
                }, site)
                guard !ofType.isEmpty else { continue }
                groups.append(.init(label: Labels.actorTypePlural(type), anchor: type.rawValue,
                                    entities: ofType.map { entityLink($0, count: site.backlinks[$0].count) }))
            }
        case .event:
            var byYear: [(label: String, items: [Int])] = []
            for event in site.timeline {
                let label = Self.timelineGroup(site.entities[event].date)
                if byYear.last?.label == label { byYear[byYear.count - 1].items.append(event) } else { byYear.append((label, [event])) }
            }
            groups = byYear.map { .init(label: $0.label, anchor: "y\($0.label.lowercased())", entities: $0.items.map { entityLink($0) }) }
        case .theme:
            let sorted = Self.sortedByName(members, site)
            groups = [.init(label: "All themes", anchor: "all", entities: sorted.map { entityLink($0, count: site.documentsByEntity[$0].count) })]
        }
        let intro = switch kind {
        case .actor: "Countries, people, organisations and places the writing discusses, with how often each is mentioned."
        case .event: "Every dated event, in order. Dates show their precision: a day, a month, a year or a span."
        case .theme: "The themes documents and events belong to, with the number of documents on each."
        }
        var chartSVG: String?, chartNote: String?
        if kind == .event, let chart = TimelineSVG.chart(site, url: entityURL) {
            chartSVG = chart.svg
            if chart.shown < chart.dated { chartNote = "The chart shows the \(chart.shown) most mentioned of \(chart.dated) dated events; the list below has them all." }
        }
        return IndexView(layout: layout(title: Labels.plural(kind), current: kind.folder, folder: kind.folder),
                         title: Labels.plural(kind), intro: intro, total: members.count, groups: groups,
                         chartSVG: chartSVG, chartNote: chartNote)
    }
}

extension RenderContext {
    /// Entities in `localizedCompare` order of their names, each name lowercased once rather
    /// than at every comparison.
    static func sortedByName(_ entities: [Int], _ site: Site) -> [Int] {
        entities.map { (entity: $0, name: site.name(of: $0), folded: site.name(of: $0).lowercased()) }
            .sorted { $0.folded != $1.folded ? $0.folded < $1.folded : $0.name < $1.name }
            .map(\.entity)
    }
}

extension String {
    func localizedCompare(_ other: String) -> Bool {
        let a = self.lowercased(), b = other.lowercased()
        return a == b ? self < other : a < b
    }
}
