import Model

/// One page search can find: an entity's or a document's. Units are numbered by kind
/// (actors, events, themes, documents), so a kind is a range of numbers, and within a kind
/// by what a reader most likely wants (the most mentioned entities, the newest documents),
/// so that equal matches list in that order.
struct SearchUnit: Sendable {
    var kind: Int
    var title: String
    /// From the site root.
    var link: String
    /// A line under the title: an actor's type, an event's date, a document's date and section.
    var detail: String
    /// The title and other names (aliases, the id): matched from a query's first letter.
    var names: [String]
    /// The plain text searched and quoted: a document's body, an entity's description.
    var text: String
    /// Searched but not quoted: the detail line and a document's summary.
    var extra: String
    /// The file whose text `text` is.
    var file: Int?

    /// Hashes of what the unit's text file holds (`shown`: kind, title, link, detail line
    /// and text, the file's version), and of everything the index holds of it (`whole`:
    /// those, its extra words and its names), in one pass over the text.
    var fingerprints: (shown: UInt64, whole: UInt64) {
        var fingerprint = Fingerprint()
        for part in [String(kind), title, link, detail, text] {
            fingerprint.add(part)
            fingerprint.add(byte: 0xFF)  // not in UTF-8: parts stay apart
        }
        let shown = fingerprint.value
        for part in [extra] + names {
            fingerprint.add(part)
            fingerprint.add(byte: 0xFF)
        }
        return (shown, fingerprint.value)
    }
}

extension SearchIndex {
    static let kinds = ["actor", "event", "theme", "document"]
    static let labels = ["Actors", "Events", "Themes", "Documents"]

    /// The units in number order, where each kind starts (with the total at the end), and
    /// the unit of each entity and document file.
    struct Numbering {
        var units: [SearchUnit] = []
        var starts: [Int] = []
        var entityUnit: [Int: Int] = [:]
        var fileUnit: [Int: Int] = [:]
    }

    static func units(_ site: Site, index: RenderIndex) -> Numbering {
        let root = URLs(pretty: site.config.prettyURLs, folder: "")
        var numbering = Numbering()
        var units: [SearchUnit] = []
        var starts: [Int] = []
        for (k, kind) in kinds.enumerated() where k < 3 {
            starts.append(units.count)
            let members = site.entities.indices.filter { site.kind(of: $0).rawValue == kind }.sorted {
                let a = site.backlinks[$0].count, b = site.backlinks[$1].count
                return a != b ? a > b : site.name(of: $0) < site.name(of: $1)
            }
            for i in members {
                let entity = site.entities[i]
                var detail: [String] = []
                if case let .actor(type, _) = entity.details { detail.append(Labels.actorType(type)) }
                if let when = entity.dateDisplay { detail.append(when) }
                if case let .event(_, _, place?, _, _) = entity.details { detail.append(place) }
                let line = detail.joined(separator: " · ")
                let text = entity.file.map { site.files[$0].text } ?? ""
                numbering.entityUnit[i] = units.count
                units.append(SearchUnit(
                    kind: k, title: entity.name, link: root.page(index.entities[i].folder), detail: line,
                    names: [entity.name] + entity.aliases + [entity.id.rawValue], text: text, extra: line, file: entity.file))
            }
        }
        starts.append(units.count)
        let dates = Dictionary(uniqueKeysWithValues: site.documents.map { ($0, site.documentMeta($0)?.date?.lowerBound?.description ?? "") })
        let documents = site.documents.sorted { a, b in
            dates[a]! != dates[b]! ? dates[a]! > dates[b]! : index.files[a].title < index.files[b].title
        }
        for file in documents {
            let card = index.files[file]
            let meta = site.documentMeta(file)
            numbering.fileUnit[file] = units.count
            let detail = [card.published, card.sectionLabel.isEmpty ? nil : card.sectionLabel].compactMap { $0 }.joined(separator: " · ")
            units.append(SearchUnit(
                kind: 3, title: card.title, link: root.page(card.folder), detail: detail,
                names: [card.title] + (meta?.aliases ?? []), text: site.files[file].text,
                extra: [detail, meta?.summary ?? "", meta?.bluf ?? ""].joined(separator: "\n"), file: file))
        }
        starts.append(units.count)
        numbering.units = units
        numbering.starts = starts
        return numbering
    }

    /// For each theme with members, the units that belong to it: documents tagged with it or
    /// naming it, and events filed under it.
    static func themeMembers(_ site: Site, numbering: Numbering) -> [(name: String, units: [Int])] {
        var result: [(String, [Int])] = []
        let themes = site.entities(of: .theme).sorted { site.name(of: $0).localizedStandardCompare(site.name(of: $1)) == .orderedAscending }
        var documentsOf: [Int: Set<Int>] = [:]
        for (file, themes) in site.documentThemes { for theme in themes { documentsOf[theme, default: []].insert(file) } }
        for theme in themes {
            var members = Set<Int>()
            for file in site.documentsByEntity[theme] + (documentsOf[theme].map(Array.init) ?? []) {
                if let n = numbering.fileUnit[file] { members.insert(n) }
            }
            for (i, entity) in site.entities.enumerated() {
                if case let .event(_, _, _, _, eventThemes) = entity.details, eventThemes.contains(theme), let n = numbering.entityUnit[i] {
                    members.insert(n)
                }
            }
            if !members.isEmpty { result.append((site.name(of: theme), members.sorted())) }
        }
        return result
    }
}
