import Model
import Templating

extension RenderContext {
    /// `homeView`: every document's card, the actors ranked by mentions, the latest dated
    /// events, every theme with its document count.
    static func homeInputs(_ list: inout InputList) {
        let site = list.site
        list.layout()
        list.add([.documentList, .timeline])
        for file in homeDocuments(site) { list.documentCard(file) }
        list.add(.allEntityCards)
        for entity in site.entities.indices where site.kind(of: entity) != .event { list.add(.mentionTotals(entity)) }
        // Which events have dates decides the recent ones.
        for event in site.timeline { list.add(.entityRecord(event)) }
    }

    /// The documents the home page lists: the ten newest that are not briefings, and every
    /// briefing (only those become summaries: a large site has tens of thousands).
    static func homeDocuments(_ site: Site) -> [Int] {
        var shown: [Int] = []
        var others = 0
        for file in site.documents {
            if site.isBriefing(file) {
                shown.append(file)
            } else if others < 10 {
                shown.append(file)
                others += 1
            }
        }
        return shown
    }

    static func sectionInputs(_ list: inout InputList, section name: String) {
        list.layout()
        list.add(.documentList)
        for file in list.site.documents {
            if case let .document(section, _) = list.site.files[file].role, section == name { list.documentCard(file) }
        }
    }

    /// `documentView`: the document itself, the entities it mentions (grouped, counted,
    /// events in timeline order) and the themes it lists.
    static func documentInputs(_ list: inout InputList, file: Int) {
        list.layout()
        list.body(file)
        list.add(.timeline)
        list.cards(list.site.documentThemes[file] ?? [])
        list.add(.linkedFrom(file))
        for linking in Set(linkingFiles(list.site, file)) { list.passages(from: linking) }
    }

    /// The files whose passages "Linked from" shows, at most `maxLinkingFiles`.
    static func linkingFiles(_ site: Site, _ file: Int) -> [Int] {
        var files: [Int] = []
        for ref in site.linkedFrom[file] ?? [] where files.last != ref.file {
            files.append(ref.file)
            if files.count == maxLinkingFiles { break }
        }
        return files
    }

    /// A document linked from thousands of others lists the first hundred.
    static let maxLinkingFiles = 100

    /// "Linked from": per linking file, its passages that link `file`.
    func linkedFromGroups(_ file: Int) -> [MentionGroupView] {
        let refs = site.linkedFrom[file] ?? []
        let shown = Set(Self.linkingFiles(site, file))
        var groups: [MentionGroupView] = []
        var seenBlocks = Set<Int>()
        for ref in refs where shown.contains(ref.file) {
            let parsed = site.files[ref.file]
            let card = index.files[ref.file]
            let pageURL = urls.page(card.folder)
            if groups.last?.url != pageURL {
                seenBlocks = []
                groups.append(MentionGroupView(title: card.title, url: pageURL, published: card.published, source: card.source, snippets: []))
            }
            let mention = parsed.mentions[ref.mention]
            let blockIndex = mention.block
            if blockIndex < 0, mention.embed {
                // An embed is a block of its own, with no passage around it: say what it shows.
                let part = site.links[ref.file][ref.mention]?.anchor.flatMap { anchor in
                    site.files[file].headings.first { $0.anchor == anchor }.map { "the section “\(HTML.escape($0.text))”" }
                        ?? (anchor.hasPrefix("^") ? "a passage" : nil)
                } ?? "this page"
                let last = groups.removeLast()
                groups.append(MentionGroupView(title: last.title, url: last.url, published: last.published, source: last.source,
                                               snippets: last.snippets + [.init(html: HTMLBytes("Shows \(part) in place."), url: pageURL)]))
                continue
            }
            guard blockIndex >= 0, seenBlocks.insert(blockIndex).inserted else { continue }
            let block = parsed.blocks[blockIndex]
            let html = snippet(block, file: ref.file, entity: -1, document: file)
            let last = groups.removeLast()
            groups.append(MentionGroupView(title: last.title, url: last.url, published: last.published, source: last.source,
                                           snippets: last.snippets + [.init(html: html, url: pageURL + (block.anchor.map { "#" + $0 } ?? ""))]))
        }
        return groups
    }

    /// The first `limit` of `mentioned` by count (most first), then by name: names are
    /// compared only among those tied with the last one taken. Sorting every actor by count
    /// and name compared thousands of names on a large site, for one page.
    static func mostMentioned(_ mentioned: [(entity: Int, count: Int)], _ limit: Int, name: (Int) -> String) -> [(entity: Int, count: Int)] {
        guard limit > 0, !mentioned.isEmpty else { return [] }
        let byCount = mentioned.sorted { $0.count > $1.count }
        let last = byCount[min(limit, byCount.count) - 1].count
        let above = byCount.filter { $0.count > last }
        let tied = mentioned.filter { $0.count == last }.sorted { name($0.entity) < name($1.entity) }
        return Array((above.sorted { $0.count != $1.count ? $0.count > $1.count : name($0.entity) < name($1.entity) } + tied).prefix(limit))
    }

    func homeView() -> HomeView {
        let summaries = Self.homeDocuments(site).map(documentSummary)
        let mentioned: [(entity: Int, count: Int)] = site.entities(of: .actor)
            .map { (entity: $0, count: site.backlinks[$0].count) }
            .filter { $0.count > 0 }
        let actors: [EntityLinkView] = Self.mostMentioned(mentioned, 12) { site.name(of: $0) }.map { entityLink($0.entity, count: $0.count) }
        let dated = site.timeline.filter { site.entities[$0].date != nil }
        let themes = site.entities(of: .theme).map { entityLink($0, count: site.documentsByEntity[$0].count) }
        let briefings = summaries.filter(\.isBriefing)
        return HomeView(
            layout: layout(title: site.config.title, folder: "", kind: .website),
            documents: summaries.filter { !$0.isBriefing }.prefix(10).map { $0 },
            briefings: briefings,
            keyActors: Array(actors),
            recentEvents: dated.suffix(8).reversed().map { entityLink($0) },
            themes: themes,
            stats: .init(documents: site.documents.count, actors: site.entities(of: .actor).count,
                         events: site.entities(of: .event).count, themes: site.entities(of: .theme).count),
            hasBriefings: !briefings.isEmpty)
    }

    func sectionView(_ name: String) -> SectionView {
        let files = site.documents.filter {
            if case let .document(section, _) = site.files[$0].role { return section == name }
            return false
        }
        return SectionView(layout: layout(title: Labels.section(name), current: name, folder: name),
                           title: Labels.section(name), documents: files.map(documentSummary))
    }

    func documentView(_ file: Int) -> DocumentView {
        let parsed = site.files[file]
        let meta = site.documentMeta(file) ?? DocumentMeta(title: parsed.path)
        var section = ""
        if case let .document(name, _) = parsed.role { section = name }
        let counts = mentionCounts(inFile: file)
        // The themes the document is filed under head the sidebar as "Themes"; the themes it
        // only mentions follow under a heading of their own, without repeating those.
        let filed = site.documentThemes[file] ?? []
        // Each entity's kind read once, not once per kind asked about.
        let byKind = Dictionary(grouping: counts.keys) { site.kind(of: $0) }
        let groups = EntityKind.allCases.compactMap { kind -> DocumentView.EntityGroup? in
            // Events in timeline order; actors and themes by how often the document names them.
            // Keys are looked up once per entity, not once per comparison.
            let members: [Int]
            if kind == .event {
                let positioned = (byKind[.event] ?? []).map { (entity: $0, position: site.timelinePosition[$0, default: 0]) }
                members = positioned.sorted { $0.position < $1.position }.map(\.entity)
            } else {
                let counted = (byKind[kind] ?? []).filter { !(kind == .theme && filed.contains($0)) }.map { (entity: $0, count: counts[$0]!) }
                members = counted.sorted { a, b in
                    a.count != b.count ? a.count > b.count : site.name(of: a.entity) < site.name(of: b.entity)
                }.map(\.entity)
            }
            guard !members.isEmpty else { return nil }
            let label = kind == .theme ? "Themes mentioned" : Labels.plural(kind)
            return .init(label: label, kind: kind.rawValue, entities: members.map { entityLink($0, count: counts[$0]) })
        }
        let toc = tableOfContents(file)
        let judgments = judgmentViews(meta)
        let themes = filed.map { entityLink($0) }
        let linkedFrom = linkedFromGroups(file)
        return DocumentView(
            layout: layout(title: meta.title, description: meta.summary ?? leadText(file), current: section,
                           folder: documentFolder(file), kind: .document(file)),
            title: meta.title, date: meta.date?.displayText, isoDate: meta.date?.lowerBound?.description,
            authors: meta.authors.isEmpty ? nil : meta.authors.joined(separator: ", "), summary: meta.summary,
            sourcePublisher: meta.source?.publisher, sourceURL: meta.source?.url.flatMap(Self.safeExternalURL),
            themes: themes,
            isBriefing: section == "briefings" || meta.bluf != nil || !meta.judgments.isEmpty,
            bluf: meta.bluf, judgments: judgments, toc: toc, bodyHTML: bodyBytes(file), entityGroups: groups,
            readingMinutes: max(1, (parsed.wordCount + 199) / 200), section: Labels.section(section),
            sectionURL: section.isEmpty ? nil : urls.page(section),
            hasJudgments: !judgments.isEmpty, hasTOC: !toc.isEmpty, hasThemes: !themes.isEmpty,
            linkedFrom: linkedFrom, hasLinkedFrom: !linkedFrom.isEmpty, linkedFromSummary: linkedFromSummary(file),
            cssClasses: meta.cssClasses.isEmpty ? nil : meta.cssClasses.joined(separator: " "))
    }

    private func linkedFromSummary(_ file: Int) -> String {
        let count = Set((site.linkedFrom[file] ?? []).map(\.file)).count
        let shown = min(count, Self.maxLinkingFiles)
        let files = Plural.count(count, "page")
        return shown < count ? "Linked from \(files); the first \(shown) are shown." : "Linked from \(files)."
    }

    /// The body's two highest heading levels, the second nested in the first, for documents
    /// with at least three such headings.
    func tableOfContents(_ file: Int) -> [DocumentView.TOCItem] {
        let parsed = site.files[file]
        guard let top = parsed.headings.map(\.level).min() else { return [] }
        let headings = parsed.headings.filter { $0.level == top || $0.level == top + 1 }
        guard headings.count >= 3 else { return [] }
        func text(_ heading: Heading) -> String {
            heading.block.map { displayText(of: parsed.blocks[$0], file: file) } ?? heading.text
        }
        var items: [(heading: Heading, children: [Heading])] = []
        for heading in headings {
            // A subheading nests under the heading above it only when that one is a level up:
            // `### A`, `### B`, `## C` lists A, B and C side by side.
            if heading.level == top + 1, let last = items.last, last.heading.level == top {
                items[items.count - 1].children.append(heading)
            } else {
                items.append((heading, []))
            }
        }
        return items.map { item in
            let children = item.children.map { DocumentView.TOCItem(text: text($0), anchor: $0.anchor, children: [], hasChildren: false) }
            return DocumentView.TOCItem(text: text(item.heading), anchor: item.heading.anchor, children: children,
                                        hasChildren: !children.isEmpty)
        }
    }

    /// Only http(s) URLs from front matter become links.
    static func safeExternalURL(_ url: String) -> String? {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? url : nil
    }
}
