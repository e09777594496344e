import Model

extension Linker {
    /// What the link step needs to resolve one file's mentions.
    struct Targets {
        var entities: Registry.Memo
        let documents: DocumentRegistry
        let attachments: AttachmentRegistry
        let files: [ParsedFile]
        /// File index of an entity description → the entity.
        let owners: [Int: Int]
        /// The settings: the content folder, to find a file's own folder.
        let config: SiteConfig
        /// A wikilink to nothing is an error in a site, a warning in a vault (a note not
        /// written yet, as Obsidian shows it).
        var danglingIsError: Bool { !config.contentFolder.isEmpty }
        /// Document lookups by target as written: a site names the same targets over and
        /// over, and each lookup folds case and normalises Unicode.
        var documentMemo: [String: DocumentRegistry.Lookup] = [:]
        /// Whether a target as written is its entity's name or alias (in other letters).
        var writtenMemo: [Written: Bool] = [:]

        struct Written: Hashable {
            let target: String
            let entity: Int
        }

        /// The document a target names, seen from `file` (whose folder breaks ties).
        mutating func document(_ target: String, from file: Int) -> DocumentRegistry.Lookup {
            let lookup: DocumentRegistry.Lookup
            if let known = documentMemo[target] {
                lookup = known
            } else {
                lookup = documents.resolve(target)
                documentMemo[target] = lookup
            }
            guard case .ambiguous = lookup else { return lookup }
            return documents.resolve(target, from: folder(of: file).joined(separator: "/"))
        }

        /// The places a `#fragment` can name on a page: the headings and block ids of its
        /// document (or of the entity's description), then an entity page's own sections.
        func places(on page: MentionLink.Page) -> [(text: String, anchor: String)] {
            var file: Int?, sections: [(text: String, anchor: String)] = []
            switch page {
            case .document(let document): file = document
            case .entity(let entity):
                file = entities.registry.entities[entity].file
                sections = EntityPageSections.sections(of: entities.registry.entities[entity].kind)
            case .attachment: break
            }
            guard let file else { return sections }
            return files[file].headings.map { ($0.text, $0.anchor) } + files[file].blockIDs.map { ("^" + $0, "^" + $0) } + sections
        }

        /// The content-relative folders of a file.
        func folder(of file: Int) -> ArraySlice<String> {
            config.contentPath(files[file].path).split(separator: "/").map(String.init).dropLast()
        }
    }

    /// One mention resolved: the entity it names (a mention in the entity's sense: counted,
    /// quoted on the entity's page) and what else its link needs.
    struct Resolved {
        var entity: Int?
        var link: MentionLink?
    }

    /// Resolves mention `m` of `file` in the order of DESIGN §2b: a kind prefix or `doc:`
    /// restricts the target; otherwise entities (id, name, alias) and documents (path, file
    /// name, title, alias) are both looked up, and a text naming one of each is an error.
    static func resolve(_ m: Int, of file: Int, _ targets: inout Targets, _ diagnostics: inout [Diagnostic]) -> Resolved {
        let mention = targets.files[file].mentions[m]
        if mention.target.isEmpty {
            // `[[#Heading]]`: a place on the page the mention is written on.
            guard let fragment = mention.fragment else { return Resolved() }
            let page: MentionLink.Page = targets.owners[file].map { .entity($0) } ?? .document(file)
            return Resolved(link: MentionLink(page: page, anchor: anchor(fragment, on: page, mention, targets, &diagnostics)))
        }
        if mention.kind != nil {
            return entityLink(mention, resolve(mention, &targets.entities, &diagnostics), &targets, &diagnostics)
        }
        if mention.form == .wikilink, !mention.toDocument, Mention.namesFile(mention.target) {
            switch targets.attachments.resolve(mention.target, from: targets.folder(of: file)) {
            case .found(let path):
                return Resolved(link: MentionLink(page: .attachment(AttachmentRegistry.urlPath(path))))
            case .several(let paths):
                diagnostics.append(.warning(
                    .missingAttachment, "'\(mention.target)' names \(paths.count) files (\(paths.joined(separator: ", "))); the first is used: write its path to choose",
                    at: mention.location))
                return Resolved(link: MentionLink(page: .attachment(AttachmentRegistry.urlPath(paths[0]))))
            case .missing where mention.embed:
                var message = "no file '\(mention.target)' in the content folder"
                if let guess = targets.attachments.suggestion(for: mention.target) { message += " (did you mean '\(guess)'?)" }
                diagnostics.append(.warning(.missingAttachment, message, at: mention.location))
                return Resolved()
            case .missing:
                break  // A name with a dot (`Node.js`) may still be an entity's or a note's.
            }
        }
        let document = targets.document(mention.target, from: file)
        if mention.toDocument {
            return documentLink(mention, document, targets, &diagnostics)
        }
        let entity = targets.entities.resolve(mention.target, kind: nil)
        switch (entity, document) {
        case (.missing, .missing):
            if let colon = mention.target.firstIndex(of: ":"), mention.target[..<colon].allSatisfy(\.isLetter), colon != mention.target.startIndex {
                let prefix = mention.target[..<colon]
                diagnostics.append(.error(
                    .unresolvedMention, "unknown kind prefix '\(prefix):' in '[[\(mention.target)]]'; the prefixes are actor:, event:, theme: and doc:",
                    at: mention.location))
                return Resolved()
            }
            var message = "unknown entity '\(mention.target)'"
            if let guess = targets.entities.registry.suggestion(for: mention.target, kind: nil) {
                message += " (did you mean '\(guess)'?)"
            } else if let guess = targets.documents.suggestion(for: mention.target) {
                message = "unknown entity or document '\(mention.target)' (did you mean the document '\(guess)'?)"
            }
            if targets.danglingIsError {
                diagnostics.append(.error(.unresolvedMention, message, at: mention.location))
            } else {
                diagnostics.append(.warning(.unresolvedLink, message.replacingOccurrences(of: "unknown entity", with: "no note or entity"),
                                            at: mention.location))
            }
            return Resolved()
        case (.missing, _):
            return documentLink(mention, document, targets, &diagnostics)
        case (_, .missing):
            return entityLink(mention, resolve(mention, &targets.entities, &diagnostics), &targets, &diagnostics)
        default:
            let registry = targets.entities.registry
            var spellings: [String] = []
            switch entity {
            case .found(let e): spellings.append("[[\(registry.entities[e].key)]]")
            case .ambiguous(let es): spellings += es.map { "[[\(registry.entities[$0].key)]]" }
            case .missing: break
            }
            switch document {
            case .found(let d): spellings.append("[[doc:\(targets.documents.paths[d] ?? "")]]")
            case .ambiguous(let ds): spellings += ds.map { "[[doc:\(targets.documents.paths[$0] ?? "")]]" }
            case .missing: break
            }
            diagnostics.append(.error(
                .ambiguousLink, "'\(mention.target)' names both an entity and a document; write \(spellings.joined(separator: " or "))",
                at: mention.location))
            return Resolved()
        }
    }

    private static func entityLink(_ mention: Mention, _ entity: Int?, _ targets: inout Targets, _ diagnostics: inout [Diagnostic]) -> Resolved {
        guard let entity else { return Resolved() }
        var link = MentionLink(page: .entity(entity))
        if let fragment = mention.fragment {
            link.anchor = anchor(fragment, on: link.page, mention, targets, &diagnostics)
        }
        let record = targets.entities.registry.entities[entity]
        if !mention.hasShownText, mention.target != record.name {
            let written = Targets.Written(target: mention.target, entity: entity)
            if let known = targets.writtenMemo[written] {
                link.showsWritten = known
            } else {
                link.showsWritten = targets.entities.registry.isName(lookupKey(mention.target), of: entity)
                targets.writtenMemo[written] = link.showsWritten
            }
        }
        return Resolved(entity: entity, link: link.anchor != nil || link.showsWritten ? link : nil)
    }

    private static func documentLink(
        _ mention: Mention, _ lookup: DocumentRegistry.Lookup, _ targets: Targets, _ diagnostics: inout [Diagnostic]
    ) -> Resolved {
        switch lookup {
        case .found(let file):
            var link = MentionLink(page: .document(file))
            if let fragment = mention.fragment {
                link.anchor = anchor(fragment, on: link.page, mention, targets, &diagnostics)
            }
            if !mention.hasShownText, mention.target != targets.documents.titles[file] {
                link.showsWritten = targets.documents.isName(mention.target, of: file, targets.files)
            }
            return Resolved(link: link)
        case .ambiguous(let files):
            let spellings = files.map { "[[doc:\(targets.documents.paths[$0] ?? "")]]" }
            diagnostics.append(.error(
                .ambiguousLink, "'\(mention.target)' names \(files.count) documents; write \(spellings.joined(separator: " or "))",
                at: mention.location))
        case .missing:
            var message = "unknown document '\(mention.target)'"
            if let guess = targets.documents.suggestion(for: mention.target) { message += " (did you mean '\(guess)'?)" }
            diagnostics.append(.error(.unresolvedMention, message, at: mention.location))
        }
        return Resolved()
    }

    /// The id a `#fragment` reaches on a page, or nil with a warning.
    private static func anchor(
        _ fragment: String, on page: MentionLink.Page, _ mention: Mention, _ targets: Targets, _ diagnostics: inout [Diagnostic]
    ) -> String? {
        if case .attachment = page { return nil }
        let headings = targets.places(on: page)
        if let found = Fragments.anchor(fragment, among: headings) { return found }
        var message = "no heading '\(fragment)' on the linked page; the link leads to the top of the page"
        if let guess = Suggestion.closest(to: fragment, among: headings.map(\.text)) { message += " (did you mean '\(guess)'?)" }
        diagnostics.append(.warning(.unknownFragment, message, at: mention.location))
        return nil
    }
}

/// What a `#fragment` names: a heading by its text (as Obsidian writes it), by its id, or
/// the last heading of an Obsidian heading path (`#Part#Subpart`).
enum Fragments {
    static func anchor(_ fragment: String, among headings: [(text: String, anchor: String)]) -> String? {
        let last = fragment.split(separator: "#").last.map(String.init) ?? fragment
        let wanted = Slug.make(last)
        if let heading = headings.first(where: { $0.anchor == last }) { return heading.anchor }
        if let heading = headings.first(where: { Slug.make($0.text) == wanted && !wanted.isEmpty }) { return heading.anchor }
        return nil
    }
}

/// The sections of entity pages a fragment may name (`[[iran#Connections]]`), with the ids
/// the default theme gives their headings.
enum EntityPageSections {
    static func sections(of kind: EntityKind) -> [(text: String, anchor: String)] {
        switch kind {
        case .actor:
            [("Connections", "_neighbourhood-heading"), ("Events", "_events-heading"), ("Related actors", "_related-heading"),
             ("Themes", "_themes-heading"), ("Mentioned in", "_mentions-heading")]
        case .event:
            [("Actors", "_actors-heading"), ("Related events", "_related-heading"), ("Mentioned in", "_mentions-heading")]
        case .theme:
            [("Documents", "_documents-heading"), ("Actors", "_actors-heading"), ("Events", "_events-heading"),
             ("Related themes", "_related-heading")]
        }
    }
}
