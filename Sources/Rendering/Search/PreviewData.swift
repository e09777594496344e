import Model

/// The cards hover previews show, for every entity, keyed by its page folder: name, kind,
/// type or date, and the first sentence of its description. A script, like the search
/// index, so it loads from disk as well as from a server; pages load it on first hover.
enum PreviewData {
    static func script(_ site: Site, index: RenderIndex, context: RenderContext) -> String {
        var json = JSONWriter(compact: true, htmlSafe: true)
        json.beginObject()
        for (i, entity) in site.entities.enumerated() {
            json.beginArray(index.entities[i].folder)
            json.value(entity.name)
            json.value(entity.kind.rawValue)
            var label = Labels.singular(entity.kind)
            if case let .actor(type, _) = entity.details { label = Labels.actorType(type) }
            json.value(label)
            if let when = entity.dateDisplay { json.value(when) } else { json.null() }
            if let line = context.oneLine(i) { json.value(line) } else { json.null() }
            json.value(site.backlinks[i].count)
            json.endArray()
        }
        json.endObject()
        return "self.dossierPreviews=" + String(decoding: json.finish(), as: UTF8.self)
    }
}
