import Model

/// Decodes front matter nodes into the typed metadata of each kind of file.
struct FrontMatterDecoder {
    var reader: YAMLReader
    let role: FileRole
    let stem: String

    static let documentKeys = [
        "title", "aliases", "date", "authors", "summary", "themes", "source", "draft", "kind",
        "description", "publish", "cssclasses", "permalink", "tags",
        "bluf", "judgments", "cutoff", "sources", "classification", "handling",
    ]
    static let actorKeys = ["name", "type", "aliases", "wikidata", "kind"]
    static let eventKeys = ["name", "date", "date_text", "place", "actors", "themes", "aliases", "kind"]
    static let themeKeys = ["name", "aliases", "broader", "kind"]
    static let judgmentKeys = ["text", "likelihood", "confidence", "basis"]
    static let sourceKeys = ["publisher", "url", "title", "date"]

    /// Metadata from the root node, or defaults when there is no front matter.
    mutating func decode(_ root: YAMLNode?) -> FrontMatter {
        var pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        if let root {
            pairs = reader.mapping(root, what: "front matter") ?? []
        }
        switch role {
        case .document: return .document(decodeDocument(pairs))
        case .entity(let key):
            // A file named by its id (`emomali-rahmon.md`) gives a poor name; a vault's
            // `Ada Lovelace.md` gives the right one.
            if !pairs.contains(where: { $0.key == "name" }), stem.contains("-") || stem.contains("_"), stem == stem.lowercased() {
                reader.diagnostics.append(.warning(
                    .missingName, "\(key.kind.rawValue) has no 'name'; '\(defaultName)' is made from the file name (add name: …)",
                    at: reader.location(line: 0, column: 1)))
            }
            switch key.kind {
            case .actor: return .actor(decodeActor(pairs))
            case .event: return .event(decodeEvent(pairs))
            case .theme: return .theme(decodeTheme(pairs))
            }
        }
    }

    /// The stem with `-` and `_` as spaces (byte by byte: Foundation's replacing bridged the
    /// stem to UTF-16, twice, for every description).
    private var defaultName: String {
        guard stem.utf8.contains(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }) else { return stem }
        return String(decoding: stem.utf8.map { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }

    /// A list of names; a single text with commas (`aliases: AU, African Union`, as some
    /// tools write it) is split at the commas, with a warning that says how to write a list.
    private mutating func aliases(_ node: YAMLNode, key: String) -> [String] {
        let values = reader.strings(node, key: key)
        guard case .scalar = node, let one = values.first, one.text.utf8.contains(0x2C) else { return values.map(\.text) }
        reader.diagnostics.append(.warning(
            .aliasList, "'\(key)' is one text with commas; it is read as a list (write [\(one.text)] to say so)", at: one.location))
        return one.text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// Class names, as a list or one text with spaces; anything but letters, digits, `-`
    /// and `_` is dropped, so a class cannot leave its attribute.
    private mutating func cssClasses(_ node: YAMLNode, key: String) -> [String] {
        reader.strings(node, key: key).flatMap { $0.text.split(separator: " ") }.map { name in
            String(name.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" })
        }.filter { !$0.isEmpty }
    }

    /// An unknown key; one that belongs to another kind of file says so (an event's `date`
    /// in a file of `actors/` is a file in the wrong folder).
    private mutating func unknownKey(_ key: String, _ node: YAMLNode, in kind: EntityKind) {
        let keys: [EntityKind: [String]] = [.actor: Self.actorKeys, .event: Self.eventKeys, .theme: Self.themeKeys]
        let elsewhere = EntityKind.allCases.filter { $0 != kind && keys[$0]!.contains(key) }
            .map(\.rawValue) + (key == "title" ? ["document"] : [])
        guard let other = elsewhere.first else {
            reader.unknownKey(key, node, allowed: keys[kind]!)
            return
        }
        reader.diagnostics.append(.warning(
            .unknownKey,
            "unknown key '\(key)' for \(kind.rawValue == "actor" ? "an" : "a") \(kind.rawValue): it is \(other == "actor" || other == "event" ? "an" : "a") \(other)'s key; is this file in the wrong folder? (move it, or write kind: \(other))",
            at: reader.location(of: node)))
    }

    private mutating func references(_ node: YAMLNode, key: String) -> [Reference] {
        reader.strings(node, key: key).map { Reference(text: $0.text, location: $0.location) }
    }

    private mutating func decodeDocument(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) -> DocumentMeta {
        var meta = DocumentMeta(title: "")
        var lint = BriefingLint()
        var description: String?, unpublished = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "title": meta.title = reader.string(value, key: key) ?? ""
            case "aliases": meta.aliases = aliases(value, key: key)
            case "kind": break  // read before parsing
            case "date": meta.date = date(value, key: key)
            case "authors": meta.authors = reader.strings(value, key: key).map(\.text)
            case "summary": meta.summary = reader.string(value, key: key)
            case "themes": meta.themes = references(value, key: key)
            case "source": meta.source = source(value)
            case "draft": meta.draft = reader.bool(value, key: key) ?? false
            case "bluf":
                meta.bluf = reader.string(value, key: key)
                lint.bluf = value
            case "judgments": meta.judgments = judgments(value, lint: &lint)
            case "cutoff": meta.cutoff = date(value, key: key)
            case "sources": meta.sources = sources(value)
            case "classification": meta.classification = reader.string(value, key: key)
            case "handling": meta.handling = reader.string(value, key: key)
            // Obsidian's and Quartz's names for what Dossier calls otherwise.
            case "description": description = reader.string(value, key: key)
            case "publish": if reader.bool(value, key: key) == false { unpublished = true }
            case "cssclasses": meta.cssClasses = cssClasses(value, key: key)
            case "permalink": meta.permalink = reader.string(value, key: key)
            // A list, or one text of tags apart by commas or spaces; `#` before a tag is Obsidian's.
            case "tags":
                meta.tags = references(value, key: key).flatMap { tag in
                    tag.text.split(whereSeparator: { $0 == "," || $0 == " " }).map {
                        Reference(text: String($0.drop(while: { $0 == "#" })), location: tag.location)
                    }
                }.filter { !$0.text.isEmpty }
            default: reader.unknownKey(key, keyNode, allowed: Self.documentKeys)
            }
        }
        if meta.summary == nil { meta.summary = description }
        if unpublished { meta.draft = true }
        if case .document(section: "briefings", _) = role { lint.check(meta, reader: &reader) }
        return meta
    }

    private mutating func decodeActor(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) -> ActorMeta {
        var meta = ActorMeta(name: defaultName)
        for (key, keyNode, value) in pairs {
            switch key {
            case "name": meta.name = reader.string(value, key: key) ?? meta.name
            case "type":
                guard let text = reader.string(value, key: key) else { continue }
                if let type = ActorType(rawValue: text.lowercased()) {
                    meta.type = type
                } else {
                    let accepted = ActorType.allCases.map(\.rawValue)
                    var message = "unknown actor type '\(text)'; use one of: \(accepted.joined(separator: ", "))"
                    if let guess = Suggestion.closest(to: text, among: accepted) { message += " (did you mean '\(guess)'?)" }
                    reader.diagnostics.append(.error(.invalidActorType, message, at: reader.location(of: value)))
                }
            case "aliases": meta.aliases = aliases(value, key: key)
            case "kind": break  // read before parsing
            case "wikidata":
                guard let text = reader.string(value, key: key) else { continue }
                if text.first == "Q", text.dropFirst().allSatisfy(\.isNumber), text.count > 1 {
                    meta.wikidata = text
                } else {
                    reader.diagnostics.append(.warning(.invalidWikidata, "'\(text)' is not a Wikidata id like Q794", at: reader.location(of: value)))
                }
            default: unknownKey(key, keyNode, in: .actor)
            }
        }
        return meta
    }

    private mutating func decodeEvent(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) -> EventMeta {
        var meta = EventMeta(name: defaultName)
        var hasDate = false
        for (key, keyNode, value) in pairs {
            switch key {
            case "name": meta.name = reader.string(value, key: key) ?? meta.name
            case "date": meta.date = date(value, key: key); hasDate = true
            case "date_text": meta.dateText = reader.string(value, key: key)
            case "place": meta.place = reader.string(value, key: key)
            case "actors": meta.actors = references(value, key: key)
            case "themes": meta.themes = references(value, key: key)
            case "aliases": meta.aliases = aliases(value, key: key)
            case "kind": break  // read before parsing
            default: unknownKey(key, keyNode, in: .event)
            }
        }
        if !hasDate {
            reader.diagnostics.append(.warning(.missingDate, "event has no 'date'; it is placed at the end of the timeline",
                                               at: reader.location(line: 0, column: 1)))
        }
        return meta
    }

    private mutating func decodeTheme(_ pairs: [(key: String, keyNode: YAMLNode, value: YAMLNode)]) -> ThemeMeta {
        var meta = ThemeMeta(name: defaultName)
        for (key, keyNode, value) in pairs {
            switch key {
            case "name": meta.name = reader.string(value, key: key) ?? meta.name
            case "aliases": meta.aliases = aliases(value, key: key)
            case "kind": break  // read before parsing
            case "broader": meta.broader = references(value, key: key).first
            default: unknownKey(key, keyNode, in: .theme)
            }
        }
        return meta
    }

    private mutating func date(_ node: YAMLNode, key: String) -> PartialDate? {
        if case .scalar(let scalar) = node, scalar.string.trimmingSpaces.isEmpty || scalar.string == "~" || scalar.string == "null" {
            reader.diagnostics.append(.warning(.missingDate, "'\(key)' is empty; it is read as no date", at: reader.location(of: node)))
            return nil
        }
        guard let written = reader.string(node, key: key) else { return nil }
        var text = written.trimmingSpaces
        if text.isEmpty {
            reader.diagnostics.append(.warning(.missingDate, "'\(key)' is empty; it is read as no date", at: reader.location(of: node)))
            return nil
        }
        // A time or a zone after the day (`2023-01-15T10:30:00Z`, `2023-01-15 10:30`): the day.
        let bytes = Array(text.utf8)
        if bytes.count > 10, bytes[10] == UInt8(ascii: "T") || bytes[10] == 0x20, PartialDate(edtf: String(text.prefix(10))) != nil,
           bytes[11...].allSatisfy({ (0x30...0x39).contains($0) || ":.+-Z ".utf8.contains($0) }) {
            text = String(text.prefix(10))
        }
        guard let date = PartialDate(edtf: text) else {
            var message = "'\(written)' is not a date"
            if let hint = Self.dateHint(text) { message += "; \(hint)" }
            message += "; write 2022-05-16, 2022-05, 2022, 199X, 2013/2016, 2013/.. (with ~ or ? for approximate or uncertain)"
            reader.diagnostics.append(.error(.invalidDate, message, at: reader.location(of: node)))
            return nil
        }
        return date
    }

    /// What a date that does not parse was likely meant as.
    static func dateHint(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isNumber) }) {
            return "a span is written with '/': \(parts[0])/\(parts[1])"
        }
        if text.hasPrefix("~") || text.hasPrefix("?"), PartialDate(edtf: String(text.dropFirst()) + String(text.first!)) != nil {
            return "the mark goes after the date: \(text.dropFirst())\(text.first!)"
        }
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        let words = text.lowercased().split(separator: " ")
        if words.count == 2, let month = months.firstIndex(where: { $0.hasPrefix(words[0]) && words[0].count >= 3 }),
           words[1].count == 4, words[1].allSatisfy(\.isNumber) {
            return "write it as \(words[1])-\(month < 9 ? "0" : "")\(month + 1)"
        }
        if parts.count == 3, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) {
            if !(1...12).contains(month) { return "there is no month \(month)" }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if day > days || day < 1 { return "\(months[month - 1].capitalized) \(year) has \(days) days" }
        }
        return nil
    }

    private mutating func sources(_ node: YAMLNode) -> [SourceInfo] {
        guard case .sequence(let items, _) = node else { return source(node, key: "sources").map { [$0] } ?? [] }
        return items.compactMap { source($0, key: "sources") }
    }

    private mutating func source(_ node: YAMLNode, key: String = "source") -> SourceInfo? {
        if case .scalar = node {
            guard let text = reader.string(node, key: key) else { return nil }
            return text.hasPrefix("http://") || text.hasPrefix("https://") ? SourceInfo(url: text) : SourceInfo(publisher: text)
        }
        guard let pairs = reader.mapping(node, what: "a source") else { return nil }
        var info = SourceInfo()
        for (key, keyNode, value) in pairs {
            switch key {
            case "publisher": info.publisher = reader.string(value, key: key)
            case "url": info.url = reader.string(value, key: key)
            case "title": info.title = reader.string(value, key: key)
            case "date": info.date = date(value, key: key)
            default: reader.unknownKey(key, keyNode, allowed: Self.sourceKeys)
            }
        }
        return info
    }

    private mutating func judgments(_ node: YAMLNode, lint: inout BriefingLint) -> [Judgment] {
        guard case .sequence(let items, _) = node else {
            reader.diagnostics.append(.error(.frontMatterType, "'judgments' must be a list", at: reader.location(of: node)))
            return []
        }
        return items.compactMap { item in
            let at = reader.location(of: item)
            if case .scalar = item, let text = reader.string(item, key: "judgments") {
                lint.judgmentTexts.append((item, false, false))
                return Judgment(text: text, likelihood: nil, confidence: nil, basis: nil, location: at)
            }
            guard let pairs = reader.mapping(item, what: "a judgment") else { return nil }
            var judgment = Judgment(text: "", likelihood: nil, confidence: nil, basis: nil, location: at)
            var textNode = item
            for (key, keyNode, value) in pairs {
                switch key {
                case "text":
                    judgment.text = reader.string(value, key: key) ?? ""
                    textNode = value
                case "likelihood": judgment.likelihood = term(value, key: key, Likelihood.init(term:), accepted: Likelihood.acceptedTerms, code: .unknownLikelihood)
                case "confidence": judgment.confidence = term(value, key: key, Confidence.init(term:), accepted: Confidence.acceptedTerms, code: .unknownConfidence)
                case "basis": judgment.basis = reader.string(value, key: key)
                default: reader.unknownKey(key, keyNode, allowed: Self.judgmentKeys)
                }
            }
            if judgment.text.isEmpty {
                reader.diagnostics.append(.error(.missingKey, "a judgment needs 'text'", at: at))
                return nil
            }
            let given = Set(pairs.map(\.key))
            lint.judgmentTexts.append((textNode, given.contains("likelihood"), given.contains("confidence")))
            return judgment
        }
    }

    /// A term of a fixed vocabulary; an unknown one is an error that lists the vocabulary.
    private mutating func term<T>(_ node: YAMLNode, key: String, _ read: (String) -> T?, accepted: [String], code: DiagnosticCode) -> T? {
        guard let text = reader.string(node, key: key) else { return nil }
        if let value = read(text) { return value }
        var message = "unknown \(key) '\(text)'; use one of: \(accepted.joined(separator: ", "))"
        // Words analysts use for the ICD 203 terms.
        let usual = ["highly likely": "very likely", "highly unlikely": "very unlikely", "probable": "likely", "probably": "likely",
                     "improbable": "unlikely", "certain": "almost certain", "almost certainly": "almost certain", "even chance": "roughly even chance",
                     "50/50": "roughly even chance", "remote": "almost no chance", "very probable": "very likely", "medium": "moderate"]
        if let guess = usual[text.lowercased().trimmingSpaces].flatMap({ accepted.contains($0) ? $0 : nil })
            ?? Suggestion.closest(to: text.lowercased(), among: accepted) {
            message += " (did you mean '\(guess)'?)"
        }
        reader.diagnostics.append(.error(code, message, at: reader.location(of: node)))
        return nil
    }
}
