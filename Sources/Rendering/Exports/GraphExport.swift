import Model

/// The knowledge graph as JSON (`graph.json`, `dossier export --format json`): a public
/// contract other tools read. Field names and shapes change only with `version`. Keys are
/// written in sorted order and absent optionals are left out.
package enum GraphExport {
    /// The records are made one at a time as they are written, and dropped after: all of
    /// them at once held every mention of the site twice over (70 MB at 10,000 articles).
    struct Graph {
        let version = 1
        let site: SiteInfo
        let entityCount: Int
        let entity: (Int) -> EntityRecord
        let documentCount: Int
        let document: (Int) -> DocumentRecord
        let edges: [EdgeRecord]
    }

    struct SiteInfo {
        let title: String
        let baseURL: String
        let language: String
    }

    struct DateRecord {
        let edtf: String
        let start: String?
        let end: String?
        let display: String
    }

    struct EntityMentionRecord {
        let document: String
        let line: Int
        let column: Int
        let text: String
    }

    struct EntityRecord {
        let id: String
        let kind: String
        let type: String?
        let name: String
        let aliases: [String]
        let url: String
        let stub: Bool
        let date: DateRecord?
        let place: String?
        let actors: [String]?
        let themes: [String]?
        let broader: String?
        let wikidata: String?
        let mentions: [EntityMentionRecord]
    }

    struct DocumentMentionRecord {
        let entity: String?
        let kind: String?
        let target: String
        let line: Int
        let column: Int
        let text: String
    }

    /// A link from a document to a document (`[[Other note]]`, `[x](doc:…)`): navigation,
    /// listed apart from the mentions.
    struct DocumentLinkRecord {
        /// The linked document's path, as `path` gives it.
        let document: String
        let anchor: String?
        let url: String
        let line: Int
        let column: Int
        let text: String
    }

    struct DocumentRecord {
        let path: String
        let title: String
        let url: String
        let section: String
        let date: String?
        let themes: [String]
        let mentions: [DocumentMentionRecord]
        let links: [DocumentLinkRecord]
    }

    struct EdgeRecord {
        let source: String
        let sourceKind: String
        let target: String
        let targetKind: String
        let weight: Int
    }

    package static func json(_ site: Site) -> [UInt8] {
        var json = JSONWriter()
        json.write(graph(site))
        return json.finish()
    }

    /// The same JSON, handed to `sink` in pieces of about a megabyte.
    package static func write(_ site: Site, to sink: ([UInt8]) -> Void) {
        withoutActuallyEscaping(sink) { sink in
            var json = JSONWriter(sink: sink)
            json.write(graph(site))
            json.finish()
        }
    }

    static func graph(_ site: Site) -> Graph {
        func id(_ index: Int) -> String { site.key(of: index).id.rawValue }
        /// What mention `m` of `file` shows; `mention` is read where it stands (a copy retains
        /// each of its strings, and `graph.json` reads every mention twice).
        func shownText(_ file: Int, _ m: Int, _ mention: UnsafePointer<Mention>) -> String {
            if !mention.pointee.hasShownText, let target = site.resolutions[file][m] { return site.shownName(file: file, mention: m, entity: target) }
            return mention.pointee.shown
        }
        let entities = { (index: Int) -> EntityRecord in
            let entity = site.entities[index]
            var type: String?, date: DateRecord?, place: String?, actors: [String]?, themes: [String]?
            var broader: String?, wikidata: String?
            switch entity.details {
            case let .actor(actorType, wd):
                type = actorType.rawValue
                wikidata = wd
            case let .event(eventDate, _, eventPlace, eventActors, eventThemes):
                date = eventDate.map {
                    DateRecord(edtf: $0.edtf, start: $0.lowerBound?.description, end: $0.upperBound?.description,
                               display: entity.dateDisplay ?? $0.displayText)
                }
                place = eventPlace
                actors = eventActors.map(id)
                themes = eventThemes.map(id)
            case let .theme(parent, _):
                broader = parent.map(id)
            }
            // A file's mentions of the entity follow each other: its path and list are read once.
            var file = -1, path = "", fileMentions: [Mention] = []
            let mentions = site.backlinks[index].map { ref in
                if ref.file != file {
                    (file, path, fileMentions) = (ref.file, site.files[ref.file].path, site.files[ref.file].mentions)
                }
                return fileMentions.withUnsafeBufferPointer { list in
                    precondition(list.indices.contains(ref.mention), "mention index out of range")
                    let mention = list.baseAddress! + ref.mention
                    return EntityMentionRecord(document: path, line: mention.pointee.location.line, column: mention.pointee.location.column,
                                               text: shownText(ref.file, ref.mention, mention))
                }
            }
            return EntityRecord(
                id: entity.id.rawValue, kind: entity.kind.rawValue, type: type, name: entity.name, aliases: entity.aliases,
                url: URLs.absolute(URLs.entityFolder(entity.key)), stub: entity.isStub, date: date, place: place,
                actors: actors, themes: themes, broader: broader, wikidata: wikidata, mentions: mentions)
        }
        let documents = { (n: Int) -> DocumentRecord in
            let file = site.documents[n]
            let parsed = site.files[file]
            let meta = site.documentMeta(file)
            var section = "", urlPath = ""
            if case let .document(s, u) = parsed.role { (section, urlPath) = (s, u) }
            let fileLinks = site.links[file]
            var mentions: [DocumentMentionRecord] = [], links: [DocumentLinkRecord] = []
            let resolutions = site.resolutions[file]
            parsed.mentions.withUnsafeBufferPointer { list in
                for m in list.indices {
                    let mention = list.baseAddress! + m
                    let target = resolutions[m]
                    if target == nil, let link = fileLinks[m], let linked = link.document {
                        var linkedURL = "", linkedPath = site.files[linked].path
                        if case let .document(_, u) = site.files[linked].role { linkedURL = URLs.absolute(u) }
                        if linked == file { linkedPath = parsed.path }
                        links.append(DocumentLinkRecord(
                            document: linkedPath, anchor: link.anchor, url: linkedURL + (link.anchor.map(URLs.fragment) ?? ""),
                            line: mention.pointee.location.line, column: mention.pointee.location.column,
                            text: mention.pointee.hasShownText ? mention.pointee.shown : site.linkText(link, mention.pointee)))
                        continue
                    }
                    mentions.append(DocumentMentionRecord(
                        entity: target.map(id), kind: target.map { site.kind(of: $0).rawValue }, target: mention.pointee.target,
                        line: mention.pointee.location.line, column: mention.pointee.location.column, text: shownText(file, m, mention)))
                }
            }
            return DocumentRecord(
                path: parsed.path, title: meta?.title ?? parsed.path, url: URLs.absolute(urlPath), section: section,
                date: meta?.date?.edtf, themes: (site.documentThemes[file] ?? []).map(id), mentions: mentions, links: links)
        }
        var pairs: [(source: Int, target: Int, weight: Int)] = []
        for (index, relations) in site.related.enumerated() {
            for relation in relations where index < relation.entity { pairs.append((index, relation.entity, relation.weight)) }
        }
        // Edges are listed by (source kind, source id, target kind, target id). Entities are
        // normally sorted by key already, and then indices sort the same way, without
        // comparing strings.
        if zip(site.entities, site.entities.dropFirst()).allSatisfy({ $0.key < $1.key }) {
            pairs.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        } else {
            pairs.sort { a, b in
                (site.key(of: a.source), site.key(of: a.target)) < (site.key(of: b.source), site.key(of: b.target))
            }
        }
        let edges = pairs.map { pair in
            EdgeRecord(source: id(pair.source), sourceKind: site.kind(of: pair.source).rawValue, target: id(pair.target),
                       targetKind: site.kind(of: pair.target).rawValue, weight: pair.weight)
        }
        return Graph(site: SiteInfo(title: site.config.title, baseURL: site.config.baseURL, language: site.config.language),
                     entityCount: site.entities.count, entity: entities, documentCount: site.documents.count, document: documents,
                     edges: edges)
    }
}
