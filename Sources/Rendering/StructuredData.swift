import Model
import Templating

/// What a page is for search engines and link previews: schema.org JSON-LD and the Open
/// Graph type. Typed from the model, so a country is a `Country`, an event an `Event`.
enum PageKind {
    case website
    case collection
    case document(Int)
    case entity(Int)
}

extension RenderContext {
    /// The page's JSON-LD, safe to place inside `<script>` as it is.
    func jsonLD(_ kind: PageKind, name: String, description: String?, url: String?) -> HTMLBytes {
        // A page's JSON-LD is a few hundred bytes, a few KB with many mentions: a writer's
        // default 64 KB, reserved on each of 15,000 pages, went to the allocator each time.
        var json = JSONWriter(compact: true, htmlSafe: true, capacity: 4096)
        json.beginObject()
        json.field("@context", "https://schema.org")
        switch kind {
        case .website:
            json.field("@type", "WebSite")
            json.field("name", name)
        case .collection:
            json.field("@type", "CollectionPage")
            json.field("name", name)
        case .document(let file):
            let meta = site.documentMeta(file)
            json.field("@type", site.isBriefing(file) ? "Report" : "Article")
            json.field("headline", name)
            json.field("datePublished", meta?.date?.lowerBound?.description)
            if let authors = meta?.authors, !authors.isEmpty {
                json.beginArray("author")
                for author in authors {
                    json.beginObject()
                    json.field("@type", "Person")
                    json.field("name", author)
                    json.endObject()
                }
                json.endArray()
            }
            let themes = site.documentThemes[file] ?? []
            if !themes.isEmpty {
                json.beginArray("about")
                for theme in themes { entityReference(theme, into: &json) }
                json.endArray()
            }
            let mentioned = Set(site.resolutions[file].compactMap { $0 }).sorted()
            if !mentioned.isEmpty {
                json.beginArray("mentions")
                for entity in mentioned { entityReference(entity, into: &json) }
                json.endArray()
            }
        case .entity(let index):
            let entity = site.entities[index]
            json.field("@type", Self.schemaType(entity))
            json.field("name", name)
            if !entity.aliases.isEmpty { json.array("alternateName", entity.aliases) }
            if case let .actor(_, wikidata?) = entity.details { json.field("sameAs", "https://www.wikidata.org/wiki/\(wikidata)") }
            if case let .event(date, _, place, _, _) = entity.details {
                // Only what the date states exactly: "May 2022" is not a startDate.
                if let date, let start = date.start, start.precision == .day, !start.approximate, !start.uncertain {
                    json.field("startDate", start.lower.description)
                    if date.isInterval, let end = date.end, end.precision == .day, !end.approximate, !end.uncertain {
                        json.field("endDate", end.upper.description)
                    } else if !date.isInterval {
                        json.field("endDate", start.lower.description)
                    }
                }
                if let place {
                    json.key("location")
                    json.beginObject()
                    json.field("@type", "Place")
                    json.field("name", place)
                    json.endObject()
                }
            }
            if entity.kind == .theme { json.field("inDefinedTermSet", absoluteURL(EntityKind.theme.folder)) }
        }
        json.field("description", description.flatMap { $0.isEmpty ? nil : $0 })
        json.field("url", url)
        json.field("inLanguage", site.config.language)
        json.endObject()
        // Bytes, as the page takes them: a `String` of them was validated on every page.
        var bytes = json.finish()
        bytes.removeLast()
        return HTMLBytes(bytes)
    }

    /// An entity as a page's JSON-LD names it: the same on every page, written once per
    /// build (`RenderIndex.jsonLDReferences`).
    private func entityReference(_ entity: Int, into json: inout JSONWriter) {
        json.raw(index.jsonLDReferences[entity])
    }

    /// `{"@type":…,"name":…,"url":…}` for `entity`, as `jsonLD` writes it (compact, HTML-safe).
    static func jsonLDReference(_ entity: Entity, baseURL: String) -> [UInt8] {
        var json = JSONWriter(compact: true, htmlSafe: true, capacity: 256)
        json.beginObject()
        json.field("@type", schemaType(entity))
        json.field("name", entity.name)
        json.field("url", absoluteURL(URLs.entityFolder(entity.key), baseURL: baseURL))
        json.endObject()
        // An array of its own size: a writer's memory is its capacity, and 3,000 of them
        // kept for the build held 10 MB.
        return json.bytes
    }

    static func schemaType(_ entity: Entity) -> String {
        switch entity.details {
        case .actor(let type, _):
            switch type {
            case .country: "Country"
            case .person: "Person"
            case .organization: "Organization"
            case .place: "Place"
            case .group, .other: "Thing"
            }
        case .event: "Event"
        case .theme: "DefinedTerm"
        }
    }

    /// `baseURL` + the page's folder, or nil when the site has no `baseURL`.
    func absoluteURL(_ folder: String) -> String? {
        Self.absoluteURL(folder, baseURL: site.config.baseURL)
    }

    static func absoluteURL(_ folder: String, baseURL base: String) -> String? {
        guard !base.isEmpty else { return nil }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + URLs.absolute(folder)
    }
}
