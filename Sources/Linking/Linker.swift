import Foundation
import Model

/// The Link stage: one pass over every parsed file builds the registry (entity files plus
/// stubs), resolves every mention and front-matter reference, and derives backlinks,
/// co-occurrence, theme membership and the timeline. All problems are collected.
package struct Linker {
    package let config: SiteConfig
    /// Build documents marked `draft: true`.
    package let includeDrafts: Bool

    package init(config: SiteConfig, includeDrafts: Bool) {
        self.config = config
        self.includeDrafts = includeDrafts
    }

    /// `attachments`: the content folder's other files as published (`attachments/map.png`).
    package func link(_ files: [ParsedFile], attachments: [String] = []) -> Site {
        var diagnostics: [Diagnostic] = []
        let documents = publishedDocuments(files, &diagnostics)
        // Drafts that are not built are not linked either: they publish no stub and report nothing.
        var linked = Set(documents)
        for (i, file) in files.enumerated() where !file.role.isDocument { linked.insert(i) }

        let registry = makeRegistry(files, linked: linked, diagnostics: &diagnostics)
        var entities = registry.entities
        let documentRegistry = DocumentRegistry(files, documents: documents, config: config)
        let (resolutions, links, linkFixes) = resolveMentions(
            files, linked: linked, registry, documentRegistry, AttachmentRegistry(attachments), &diagnostics)
        let linkedFrom = Self.linkedFrom(links, documents: documents, files: files)
        Self.checkEmbeds(files, links: links, &diagnostics)
        let documentThemes = resolveFrontMatter(files, linked: linked, registry, into: &entities, &diagnostics)

        let relations = Relations(files: files, documents: documents, entities: entities, resolutions: resolutions,
                                  documentThemes: documentThemes)
        let timeline = entities.indices
            .filter { entities[$0].kind == .event }
            .sorted { a, b in
                switch (entities[a].date, entities[b].date) {
                case let (x?, y?): return x < y || (!(y < x) && entities[a].id < entities[b].id)
                case (_?, nil): return true
                case (nil, _?): return false
                case (nil, nil): return entities[a].id < entities[b].id
                }
            }
        var site = Site(
            config: config, files: files, documents: documents, entities: entities, entityIndex: registry.index,
            resolutions: resolutions, links: links, linkedFrom: linkedFrom, attachments: attachments, backlinks: relations.backlinks, related: relations.related,
            documentsByEntity: relations.documentsByEntity, timeline: timeline, documentThemes: documentThemes,
            diagnostics: diagnostics)
        site.linkFixes = linkFixes
        return site
    }

    // MARK: - Registry

    /// Entities from files, plus stubs for typed links to unknown ids, sorted by kind and id.
    private func makeRegistry(_ files: [ParsedFile], linked: Set<Int>, diagnostics: inout [Diagnostic]) -> Registry {
        var entities: [Entity] = []
        var seen: [EntityKey: String] = [:]
        for (i, file) in files.enumerated() {
            guard case .entity(let key) = file.role else { continue }
            if let first = seen[key] {
                diagnostics.append(.error(
                    .duplicateID, "\(key) is already defined by \(first); ids must differ after lowercasing and Unicode normalisation",
                    at: SourceLocation(path: file.path, line: 1, column: 1)))
                continue
            }
            seen[key] = file.path
            entities.append(Self.entity(key, file: i, frontMatter: file.frontMatter))
        }
        let fileRegistry = Registry(entities)
        reportSharedNames(fileRegistry, files, &diagnostics)
        reportSharedIDs(entities, files, linked: linked, &diagnostics)

        var stubs: [EntityKey: Entity] = [:]
        var lookups = Registry.Memo(fileRegistry)
        for (i, file) in files.enumerated() where linked.contains(i) {
            // Mentions are read in place: a copy of each retains all its strings.
            let mentions = file.mentions
            for m in mentions.indices where mentions[m].form == .typedLink {
                let mention = mentions[m]
                guard let kind = mention.kind, lookups.resolve(mention.target, kind: kind) == .missing,
                      let id = EntityID(EntityID.normalize(mention.target)) else { continue }
                let key = EntityKey(kind, id)
                if stubs[key] == nil {
                    stubs[key] = Self.stub(key, name: mention.target)
                }
            }
        }
        // Tags name themes; one no theme answers to makes a theme of its own (a note, once).
        // Front matter's first, then those written in the text (`#tag`).
        for (i, file) in files.enumerated() where linked.contains(i) {
            var tags: [Reference] = []
            if case .document(let meta)? = file.frontMatter { tags = meta.tags }
            let mentions = file.mentions
            tags += mentions.indices.lazy.filter { mentions[$0].form == .tag }.map { Reference(text: mentions[$0].target, location: mentions[$0].location) }
            for tag in tags where lookups.resolve(tag.text, kind: .theme) == .missing {
                guard let id = Registry.tagThemeID(tag.text), stubs[EntityKey(.theme, id)] == nil,
                      fileRegistry.index[EntityKey(.theme, id)] == nil else { continue }
                stubs[EntityKey(.theme, id)] = Self.stub(EntityKey(.theme, id), name: tag.text)
                diagnostics.append(Diagnostic(.note, .tagTheme, "tag '\(tag.text)' names no theme; it has a page of its own (a theme file \(id).md would describe it)",
                                              at: tag.location))
            }
        }
        let all = (entities + stubs.values).sorted { $0.key < $1.key }
        return Registry(all)
    }

    static func entity(_ key: EntityKey, file: Int, frontMatter: FrontMatter?) -> Entity {
        switch frontMatter {
        case .actor(let meta)?:
            return Entity(key: key, name: meta.name, aliases: meta.aliases, file: file,
                          details: .actor(type: meta.type, wikidata: meta.wikidata))
        case .event(let meta)?:
            return Entity(key: key, name: meta.name, aliases: meta.aliases, file: file,
                          details: .event(date: meta.date, dateText: meta.dateText, place: meta.place, actors: [], themes: []))
        case .theme(let meta)?:
            return Entity(key: key, name: meta.name, aliases: meta.aliases, file: file, details: .theme(broader: nil, narrower: []))
        default:
            var entity = stub(key, name: key.id.rawValue)
            entity.file = file
            return entity
        }
    }

    static func stub(_ key: EntityKey, name: String) -> Entity {
        let details: Entity.Details = switch key.kind {
        case .actor: .actor(type: .other, wikidata: nil)
        case .event: .event(date: nil, dateText: nil, place: nil, actors: [], themes: [])
        case .theme: .theme(broader: nil, narrower: [])
        }
        return Entity(key: key, name: name, aliases: [], file: nil, details: details)
    }

    /// The same id in two folders (`actors/nile.md`, `themes/nile.md`) is allowed, but a
    /// bare `[[nile]]` cannot choose: reported once at each file, not at every mention.
    private func reportSharedIDs(_ entities: [Entity], _ files: [ParsedFile], linked: Set<Int>, _ diagnostics: inout [Diagnostic]) {
        var kindsByID: [String: [Entity]] = [:]
        for entity in entities { kindsByID[entity.id.rawValue, default: []].append(entity) }
        let shared = kindsByID.filter { $0.value.count > 1 }
        guard !shared.isEmpty else { return }
        var bare: [String: [SourceLocation]] = [:]
        for (i, file) in files.enumerated() where linked.contains(i) {
            for mention in file.mentions where mention.kind == nil && !mention.toDocument {
                let id = EntityID.normalize(mention.target).trimmingSpaces
                if shared[id] != nil { bare[id, default: []].append(mention.location) }
            }
        }
        for (id, owners) in shared.sorted(by: { $0.key < $1.key }) {
            guard let places = bare[id], let first = places.first else { continue }
            let keys = owners.map(\.key.description)
            let listed = owners.map { "\($0.key) (\($0.file.map { files[$0].path } ?? "a stub"))" }.joined(separator: " and ")
            for owner in owners {
                guard let file = owner.file else { continue }
                diagnostics.append(.error(
                    .ambiguousMention,
                    "the id '\(id)' names \(listed); \(places.count) bare [[\(id)]] (the first at \(first)) cannot choose: write \(keys.map { "[[\($0)]]" }.joined(separator: " or ")), or rename a file",
                    at: SourceLocation(path: files[file].path, line: 1, column: 1)))
            }
        }
    }

    private func reportSharedNames(_ registry: Registry, _ files: [ParsedFile], _ diagnostics: inout [Diagnostic]) {
        for (name, owners) in registry.sharedNames {
            let keys = owners.map { registry.entities[$0].key.description }
            for owner in owners.dropFirst() {
                let path = registry.entities[owner].file.map { files[$0].path }
                diagnostics.append(.warning(
                    .duplicateAlias,
                    "'\(name)' names more than one entity (\(keys.joined(separator: ", "))); mentions of it are ambiguous",
                    at: path.map { SourceLocation(path: $0, line: 1, column: 1) }))
            }
        }
    }

    // MARK: - Mentions

    /// Resolves every file's mentions on all cores, in runs of files that each keep their
    /// own lookup memo; results and diagnostics come out in file order, as from one loop.
    private func resolveMentions(
        _ files: [ParsedFile], linked: Set<Int>, _ registry: Registry, _ documents: DocumentRegistry, _ attachments: AttachmentRegistry,
        _ diagnostics: inout [Diagnostic]
    ) -> (resolutions: [[Int?]], links: [[Int: MentionLink]], fixes: [Int: [String: String]]) {
        let owners = Self.owners(registry.entities)
        let filesByPath = Self.filesByPath(files, config: config)
        // Few runs: each keeps its own lookup memos, and a site names the same targets in
        // every run.
        let size = max(128, (files.count + 15) / 16)
        let runs = stride(from: 0, to: files.count, by: size).map { $0..<min($0 + size, files.count) }
        let resolved = runs.parallelMap { run -> (resolutions: [[Int?]], links: [[Int: MentionLink]], fixes: [Int: [String: String]], diagnostics: [Diagnostic]) in
            var targets = Targets(entities: Registry.Memo(registry), documents: documents, attachments: attachments, files: files,
                                  owners: owners, config: config)
            var found: [Diagnostic] = []
            var links: [[Int: MentionLink]] = []
            var fixes: [Int: [String: String]] = [:]
            let resolutions = run.map { i -> [Int?] in
                let (entities, fileLinks) = linked.contains(i)
                    ? Self.resolveFile(i, &targets, &found)
                    : (Array(repeating: nil, count: files[i].mentions.count), [:])
                if linked.contains(i) {
                    let fixed = Self.checkLocalLinks(i, targets, filesByPath: filesByPath, into: &found)
                    if !fixed.isEmpty { fixes[i] = fixed }
                }
                links.append(fileLinks)
                return entities
            }
            return (resolutions, links, fixes, found)
        }
        for run in resolved { diagnostics += run.diagnostics }
        return (resolved.flatMap(\.resolutions), resolved.flatMap(\.links),
                resolved.reduce(into: [:]) { all, run in all.merge(run.fixes) { a, _ in a } })
    }

    /// One file's mentions: the entity of each, and the links of those that have more.
    static func resolveFile(_ file: Int, _ targets: inout Targets, _ diagnostics: inout [Diagnostic]) -> ([Int?], [Int: MentionLink]) {
        var links: [Int: MentionLink] = [:]
        let entities = targets.files[file].mentions.indices.map { m -> Int? in
            let resolved = resolve(m, of: file, &targets, &diagnostics)
            if let link = resolved.link { links[m] = link }
            return resolved.entity
        }
        return (entities, links)
    }

    static func owners(_ entities: [Entity]) -> [Int: Int] {
        var owners: [Int: Int] = [:]
        for (i, entity) in entities.enumerated() { if let file = entity.file { owners[file] = i } }
        return owners
    }

    /// Per document: the mentions in other published documents and entity descriptions
    /// that link it, in file order.
    static func linkedFrom(_ links: [[Int: MentionLink]], documents: [Int], files: [ParsedFile]) -> [Int: [MentionRef]] {
        var result: [Int: [MentionRef]] = [:]
        for (file, fileLinks) in links.enumerated() where !fileLinks.isEmpty {
            let mentions = files[file].mentions
            for m in fileLinks.keys.sorted() {
                guard let target = fileLinks[m]!.document, target != file else { continue }
                result[target, default: []].append(MentionRef(file: file, mention: m, block: mentions[m].block))
            }
        }
        return result
    }

    /// The entity a mention names, with a diagnostic when it names none, several, or a stub.
    static func resolve(_ mention: Mention, _ lookups: inout Registry.Memo, _ diagnostics: inout [Diagnostic]) -> Int? {
        let registry = lookups.registry
        switch lookups.resolve(mention.target, kind: mention.kind) {
        case .found(let index):
            if mention.form == .typedLink, registry.entities[index].isStub {
                var message = "no file for \(registry.entities[index].key); a stub page is created (add Content/\(mention.kind!.folder)/\(registry.entities[index].id).md)"
                // A typo of an id that has a file (`theme:water-secuirty`) is the likelier story.
                if let guess = lookups.stubSuggestion(index) {
                    message = "no file for \(registry.entities[index].key) (did you mean '\(mention.kind!.rawValue):\(guess)'?); a stub page is created"
                }
                diagnostics.append(.warning(.stubEntity, message, at: mention.location))
            }
            return index
        case .ambiguous(let candidates):
            // One id in several folders is reported at the files (`reportSharedIDs`).
            let ids = Set(candidates.map { registry.entities[$0].id })
            if ids.count == 1, candidates.allSatisfy({ !registry.entities[$0].isStub }),
               EntityID.normalize(mention.target).trimmingSpaces == ids.first!.rawValue {
                return nil
            }
            let names = candidates.map { registry.entities[$0].key.description }
            diagnostics.append(.error(
                .ambiguousMention,
                "'\(mention.target)' could be \(names.joined(separator: " or ")); write [[\(names[0])]] or use the kind prefix",
                at: mention.location))
            return nil
        case .missing:
            // `#Water_Security` after `#water-security` made its theme: one slug, one theme.
            if mention.form == .tag, let theme = registry.theme(tagged: mention.target) { return theme }
            var message = "unknown entity '\(mention.target)'"
            if let guess = registry.suggestion(for: mention.target, kind: mention.kind) {
                message += " (did you mean '\(guess)'?)"
            }
            diagnostics.append(.error(.unresolvedMention, message, at: mention.location))
            return nil
        }
    }

    /// The codes of the diagnostics `resolve` gives.
    static let mentionDiagnosticCodes: Set<DiagnosticCode> = [
        .stubEntity, .ambiguousMention, .unresolvedMention, .ambiguousLink, .unknownFragment, .unresolvedLink, .missingAttachment, .brokenLink,
    ]

    private func resolveReference(_ reference: Reference, kind: EntityKind, _ registry: Registry, _ diagnostics: inout [Diagnostic]) -> Int? {
        switch registry.resolve(reference.text, kind: kind) {
        case .found(let index): return index
        case .ambiguous(let candidates):
            let names = candidates.map { registry.entities[$0].key.description }
            diagnostics.append(.error(.ambiguousMention, "'\(reference.text)' could be \(names.joined(separator: " or "))",
                                      at: reference.location))
        case .missing:
            var message = "unknown \(kind.rawValue) '\(reference.text)'"
            if let guess = registry.suggestion(for: reference.text, kind: kind) { message += " (did you mean '\(guess)'?)" }
            diagnostics.append(.error(.unresolvedReference, message, at: reference.location))
        }
        return nil
    }

    /// Event participants and themes, theme hierarchy; returns each document's themes.
    private func resolveFrontMatter(
        _ files: [ParsedFile], linked: Set<Int>, _ registry: Registry, into entities: inout [Entity], _ diagnostics: inout [Diagnostic]
    ) -> [Int: [Int]] {
        var narrower: [Int: [Int]] = [:]
        for (i, entity) in entities.enumerated() {
            guard let fileIndex = entity.file else { continue }
            switch files[fileIndex].frontMatter {
            case .event(let meta)?:
                let actors = unique(meta.actors.compactMap { resolveReference($0, kind: .actor, registry, &diagnostics) })
                let themes = unique(meta.themes.compactMap { resolveReference($0, kind: .theme, registry, &diagnostics) })
                entities[i].details = .event(date: meta.date, dateText: meta.dateText, place: meta.place, actors: actors, themes: themes)
            case .theme(let meta)?:
                guard let reference = meta.broader,
                      let broader = resolveReference(reference, kind: .theme, registry, &diagnostics) else { continue }
                if broader == i {
                    diagnostics.append(.error(.themeCycle, "a theme cannot be broader than itself", at: reference.location))
                    continue
                }
                entities[i].details = .theme(broader: broader, narrower: [])
                narrower[broader, default: []].append(i)
            default:
                break
            }
        }
        for (broader, children) in narrower {
            if case let .theme(parent, _) = entities[broader].details {
                entities[broader].details = .theme(broader: parent, narrower: children.sorted())
            }
        }
        var documentThemes: [Int: [Int]] = [:]
        for (i, file) in files.enumerated() where linked.contains(i) {
            guard case .document(let meta)? = file.frontMatter else { continue }
            documentThemes[i] = unique(meta.themes.compactMap { resolveReference($0, kind: .theme, registry, &diagnostics) }
                + meta.tags.compactMap { registry.theme(tagged: $0.text) })
        }
        return documentThemes
    }

    private func unique(_ values: [Int]) -> [Int] {
        var seen = Set<Int>()
        return values.filter { seen.insert($0).inserted }
    }

    // MARK: - Documents

    /// Documents that get a page, newest first; two files with one URL are an error.
    private func publishedDocuments(_ files: [ParsedFile], _ diagnostics: inout [Diagnostic]) -> [Int] {
        var byURL: [String: String] = [:]
        var documents: [Int] = []
        for (i, file) in files.enumerated() {
            guard case let .document(_, urlPath) = file.role, case let .document(meta)? = file.frontMatter else { continue }
            if meta.draft && !includeDrafts { continue }
            if let other = byURL[urlPath] {
                diagnostics.append(.error(.duplicatePage, "\(file.path) and \(other) both make the page /\(urlPath)/",
                                          at: SourceLocation(path: file.path, line: 1, column: 1)))
                continue
            }
            let first = urlPath.split(separator: "/").first.map(String.init) ?? ""
            if Self.generatedFolders.contains(first) || (file.role.isTopLevelDocument && Self.reservedPages.contains(first)) {
                diagnostics.append(.error(.duplicatePage, "page /\(urlPath)/ clashes with a generated page",
                                          at: SourceLocation(path: file.path, line: 1, column: 1)))
                continue
            }
            byURL[urlPath] = file.path
            documents.append(i)
        }
        // Dates read once: each read copies the front matter out of its enum.
        var dates = Array(repeating: PartialDate?.none, count: files.count)
        for i in documents { dates[i] = files[i].documentDate }
        return documents.sorted { a, b in
            switch (dates[a], dates[b]) {
            case let (x?, y?) where x != y: return y < x
            case (_?, nil): return true
            case (nil, _?): return false
            default: return files[a].path < files[b].path
            }
        }
    }

    /// Folders Dossier generates; a section (`Content/Actors/`) may not take their place.
    static let generatedFolders = PageNames.generatedFolders
    /// Page names kept for the site's own pages.
    static let reservedPages = PageNames.reserved
}

extension FileRole {
    var isDocument: Bool {
        if case .document = self { return true }
        return false
    }

    var isTopLevelDocument: Bool {
        if case let .document(section, _) = self { return section.isEmpty }
        return false
    }
}

extension ParsedFile {
    var documentDate: PartialDate? {
        if case .document(let meta)? = frontMatter { return meta.date }
        return nil
    }
}
