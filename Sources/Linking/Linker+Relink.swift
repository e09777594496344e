import Model
import Synchronization

extension Linker {
    /// Makes ahead of time what the first relink of `site` would make: the preview server
    /// calls it after a full build, so the first edit does not wait for it.
    package static func prepareRelinking(_ site: Site) {
        _ = DocumentRegistry.forRelinking(site)
        _ = Registry.forRelinking(site.entities)
        _ = Listing.of(site)
    }

    /// Which files are linked and the order their mentions are listed in: the documents,
    /// then the entities' description files by path. The same for every relink of one
    /// linking (its `generation`: a relink keeps the documents, the entities and the paths),
    /// so it is made once, where sorting 3,000 description files by path and a set of 10,000
    /// documents on every edit were a fifth of a relink.
    struct Listing: Sendable {
        let generation: UInt64
        let documents: Set<Int>
        /// Per file: its place in the listing, `Int.max` when it is not linked.
        let rank: [Int]

        static func of(_ site: Site) -> Listing {
            last.withLock { last in
                if let last, last.generation == site.generation, last.rank.count == site.files.count { return last }
                var rank = Array(repeating: Int.max, count: site.files.count)
                var order = site.documents
                // Each path read once, not twice per comparison.
                order += site.entityByFile.keys.map { (file: $0, path: site.files[$0].path) }.sorted { $0.path < $1.path }.map(\.file)
                for (position, file) in order.enumerated() { rank[file] = position }
                let listing = Listing(generation: site.generation, documents: Set(site.documents), rank: rank)
                last = listing
                return listing
            }
        }

        private static let last = Mutex<Listing?>(nil)
    }

    /// The site after edits to the bodies of some files, derived from the previous site
    /// instead of linked from scratch: `files` are all files (same paths, same order) and
    /// `changed` the indices of those whose bodies changed. Nil when the edit could reach
    /// beyond those files' mentions — front matter changed, a typed link names a stub or
    /// nothing, or a changed file has diagnostics other than its mentions' — and the caller
    /// links the whole site. The result equals `link(files)`; the property tests check it.
    package func relink(_ old: Site, files: [ParsedFile], changed: [Int]) -> Site? {
        guard files.count == old.files.count, !changed.isEmpty else { return nil }
        let registry = Registry.forRelinking(old.entities)
        // An id in two folders is reported at its files by counting bare mentions site-wide.
        if registry.hasDuplicateIDs { return nil }
        let changedSet = Set(changed)
        for c in changed {
            let before = old.files[c], after = files[c]
            guard before.path == after.path, before.role == after.role, before.frontMatter == after.frontMatter else { return nil }
            for mention in before.mentions + after.mentions where mention.form != .wikilink && !mention.toDocument {
                guard case .found(let index) = registry.resolve(mention.target, kind: mention.kind),
                      !registry.entities[index].isStub else { return nil }
            }
        }
        let changedPaths = Set(changed.map { files[$0].path })
        // Link diagnostics at a changed file must all come from its mentions, to be redone.
        for diagnostic in old.diagnostics {
            if let path = diagnostic.location?.path, changedPaths.contains(path),
               !Self.mentionDiagnosticCodes.contains(diagnostic.code) { return nil }
        }
        var diagnostics = old.diagnostics.filter { !($0.location.map { changedPaths.contains($0.path) } ?? false) }

        // Which files are linked, and the order their mentions are listed in.
        let listing = Listing.of(old)
        let documentSet = listing.documents, rank = listing.rank
        func isLinked(_ file: Int) -> Bool { rank[file] != .max }

        // Links between documents, and fragments of entity pages, reach across files: the
        // changed files' own links are redone below, but a changed file that others link
        // must keep its headings (the places their fragments name), or the site is relinked.
        let owners = old.entityByFile
        var anchoredEntities: Set<Int>?
        for c in changed where old.files[c].headings != files[c].headings || old.files[c].blockIDs != files[c].blockIDs {
            if old.linkedFrom[c] != nil { return nil }
            guard let owner = owners[c] else { continue }
            if anchoredEntities == nil {
                anchoredEntities = Set(old.links.lazy.flatMap(\.values).compactMap { link -> Int? in
                    if case .entity(let e) = link.page, link.anchor != nil { return e }
                    return nil
                })
            }
            if anchoredEntities!.contains(owner) { return nil }
        }

        var resolutions = old.resolutions
        var links = old.links
        var linkFixes = old.linkFixes
        var targets = Targets(entities: Registry.Memo(registry),
                              documents: DocumentRegistry.forRelinking(old),
                              attachments: AttachmentRegistry(old.attachments), files: files, owners: owners,
                              config: config)
        // Markdown links into a changed file name its headings too.
        let headingsChanged = changed.contains { old.files[$0].headings != files[$0].headings || old.files[$0].blockIDs != files[$0].blockIDs }
        if headingsChanged, files.contains(where: { $0.localLinks.contains { $0.url.contains("#") } }) { return nil }
        let filesByPath = changed.contains { !files[$0].localLinks.isEmpty }
            ? Self.filesByPath(files, config: config) : [:]
        for c in changed {
            (resolutions[c], links[c]) = isLinked(c)
                ? Self.resolveFile(c, &targets, &diagnostics)
                : (Array(repeating: nil, count: files[c].mentions.count), [:])
            let fixed = isLinked(c) ? Self.checkLocalLinks(c, targets, filesByPath: filesByPath, into: &diagnostics) : [:]
            linkFixes[c] = fixed.isEmpty ? nil : fixed
        }
        // Notes shown in notes: whether they form a circle is a question for the whole site.
        for c in changed {
            for (before, after) in [(old.files[c], old.links[c]), (files[c], links[c])] {
                if after.contains(where: { before.mentions[$0.key].embed && $0.value.document != nil }) { return nil }
            }
        }
        var linkedFrom = old.linkedFrom
        var linkedDocuments = Set<Int>()
        for c in changed {
            for link in Array(old.links[c].values) + Array(links[c].values) { if let d = link.document, d != c { linkedDocuments.insert(d) } }
        }
        for d in linkedDocuments {
            var refs = (linkedFrom[d] ?? []).filter { !changedSet.contains($0.file) }
            for c in changed {
                let mentions = files[c].mentions
                for (m, link) in links[c] where link.document == d { refs.append(MentionRef(file: c, mention: m, block: mentions[m].block)) }
            }
            refs.sort { $0.file != $1.file ? $0.file < $1.file : $0.mention < $1.mention }
            linkedFrom[d] = refs.isEmpty ? nil : refs
        }

        // Entities whose backlinks, relations or documents can change.
        var affected = Set<Int>()
        for c in changed {
            for case let target? in old.resolutions[c] + resolutions[c] { affected.insert(target) }
        }

        var backlinks = old.backlinks
        for entity in affected {
            var added: [MentionRef] = []
            for c in changed where isLinked(c) {
                let mentions = files[c].mentions
                for (m, target) in resolutions[c].enumerated() where target == entity {
                    added.append(MentionRef(file: c, mention: m, block: mentions[m].block))
                }
            }
            backlinks[entity] = Self.merging(added, into: backlinks[entity], dropping: { changedSet.contains($0.file) }) {
                rank[$0.file] != rank[$1.file] ? rank[$0.file] < rank[$1.file] : $0.mention < $1.mention
            }
        }

        // Co-occurrence: take the changed files' old contributions out, put the new ones in.
        var delta: [Relations.Pair: Int] = [:]
        func contribute(_ file: ParsedFile, _ targets: [Int?], _ index: Int, _ sign: Int) {
            guard isLinked(index) else { return }
            var perBlock: [Int: Set<Int>] = [:]
            var mentioned = Set<Int>()
            for (m, target) in targets.enumerated() {
                guard let target else { continue }
                perBlock[file.mentions[m].block, default: []].insert(target)
                mentioned.insert(target)
            }
            for block in perBlock.values {
                let members = block.sorted()
                for i in members.indices {
                    for j in members.indices.dropFirst(i + 1) { delta[Relations.Pair(members[i], members[j]), default: 0] += sign }
                }
            }
            if let owner = old.entityByFile[index] {
                for target in mentioned where target != owner { delta[Relations.Pair(owner, target), default: 0] += sign }
            }
        }
        for c in changed {
            contribute(old.files[c], old.resolutions[c], c, -1)
            contribute(files[c], resolutions[c], c, +1)
        }
        var related = old.related
        var resort = Set<Int>()
        func adjust(_ a: Int, _ b: Int, _ change: Int) {
            if let i = related[a].firstIndex(where: { $0.entity == b }) {
                related[a][i].weight += change
                if related[a][i].weight == 0 { related[a].remove(at: i) }
            } else {
                related[a].append(Relation(entity: b, weight: change))
            }
            resort.insert(a)
        }
        for (pair, change) in delta where change != 0 {
            adjust(pair.a, pair.b, change)
            adjust(pair.b, pair.a, change)
        }
        for entity in resort {
            related[entity].sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.entity < $1.entity }
        }

        // Documents that mention or list each affected entity, newest first.
        var documentsByEntity = old.documentsByEntity
        for entity in affected {
            var added: [Int] = []
            for c in changed where documentSet.contains(c) {
                if resolutions[c].contains(entity) || (old.documentThemes[c] ?? []).contains(entity) { added.append(c) }
            }
            documentsByEntity[entity] = Self.merging(added, into: documentsByEntity[entity], dropping: { changedSet.contains($0) }) { rank[$0] < rank[$1] }
        }

        var site = Site(relinking: old, files: files, resolutions: resolutions, links: links, linkedFrom: linkedFrom, backlinks: backlinks, related: related,
                    documentsByEntity: documentsByEntity, diagnostics: diagnostics, affected: affected)
        site.linkFixes = linkFixes
        return site
    }

    /// `list`, sorted by `precedes`, without the elements `dropping` names and with `added`
    /// in their places: merged, not sorted again. An entity mentioned in thousands of files
    /// had its whole list sorted on every edit of one of them. `precedes` must be a total
    /// order, as the listing order of mentions and documents is.
    static func merging<T>(_ added: [T], into list: [T], dropping: (T) -> Bool, by precedes: (T, T) -> Bool) -> [T] {
        let added = added.sorted(by: precedes)
        var result: [T] = []
        result.reserveCapacity(list.count + added.count)
        var next = 0
        for element in list where !dropping(element) {
            while next < added.count, precedes(added[next], element) {
                result.append(added[next])
                next += 1
            }
            result.append(element)
        }
        result += added[next...]
        return result
    }
}
