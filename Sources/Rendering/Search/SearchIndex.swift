import Model

/// The search index the search page loads: one compact row per entity and document, as a
/// script (so it loads from disk too, where browsers refuse `fetch`). Names and aliases are
/// folded at build time (`String.searchFolded`); the script folds queries the same way and
/// matches word prefixes.
///
/// Row: `[kind, name, link from the site root, detail, folded keys, weight]`. Kinds are
/// indices into `kinds`; weight orders equal matches (mentions for entities).
enum SearchIndex {
    static let kinds = ["actor", "event", "theme", "document"]
    static let labels = ["Actors", "Events", "Themes", "Documents"]
    static let detailLength = 160

    static func script(_ site: Site, index: RenderIndex, context: RenderContext) -> String {
        var json = JSONWriter(compact: true, htmlSafe: true)
        json.beginObject()
        json.field("v", 1)
        json.array("kinds", kinds)
        json.array("labels", labels)
        json.beginArray("items")
        let root = URLs(pretty: site.config.prettyURLs, folder: "")
        for (i, entity) in site.entities.enumerated() {
            var detail: [String] = []
            if case let .actor(type, _) = entity.details { detail.append(Labels.actorType(type)) }
            if let when = entity.dateDisplay { detail.append(when) }
            if let line = context.oneLine(i) { detail.append(line) }
            let keys = ([entity.name] + entity.aliases + [entity.id.rawValue]).map(\.searchFolded)
            row(&json, kind: kinds.firstIndex(of: entity.kind.rawValue)!, name: entity.name, link: root.page(index.entities[i].folder),
                detail: detail.joined(separator: " · "), keys: keys, weight: site.backlinks[i].count)
        }
        for file in site.documents {
            let card = index.files[file]
            let lead = site.documentMeta(file)?.summary ?? context.leadText(file)
            let detail = [card.published, card.sectionLabel.isEmpty ? nil : card.sectionLabel].compactMap { $0 }.joined(separator: " · ")
            row(&json, kind: 3, name: card.title, link: root.page(card.folder), detail: detail + (lead.isEmpty ? "" : " — " + lead),
                keys: [card.title.searchFolded], weight: 0)
        }
        json.endArray()
        json.endObject()
        return "self.dossierSearch=" + String(decoding: json.finish(), as: UTF8.self)
    }

    private static func row(_ json: inout JSONWriter, kind: Int, name: String, link: String, detail: String, keys: [String], weight: Int) {
        json.beginArray()
        json.value(kind)
        json.value(name)
        json.value(link)
        json.value(detail.count > detailLength ? String(detail.prefix(detailLength - 1)) + "…" : detail)
        json.value(keys.joined(separator: " | "))
        json.value(weight)
        json.endArray()
    }
}
