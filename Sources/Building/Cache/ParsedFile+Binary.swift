import Loading
import Model

// The build cache's encoding of a parsed file, field by field. Adding a field to a model
// type means adding it here and bumping `BuildCache.formatVersion`; the round-trip test
// compares every parsed file of the example and fixture sites.

extension BinaryWriter {
    mutating func parsedFile(_ file: ParsedFile) {
        string(file.path)
        role(file.role)
        optional(file.frontMatter) { $0.frontMatter($1) }
        body(file.body)
        array(file.mentions) { $0.mention($1) }
        // The text before the blocks and the lead, which are slices of it.
        string(file.text)
        array(file.blocks) { $0.block($1, in: file.text) }
        array(file.headings) { w, heading in
            w.int(heading.level); w.string(heading.text); w.string(heading.anchor); w.optional(heading.block) { $0.int($1) }
        }
        array(file.blockIDs) { $0.string($1) }
        array(file.localLinks) { w, link in w.string(link.url); w.bool(link.isImage); w.location(link.location); w.string(link.rewritten) }
        int(file.wordCount)
        optional(file.lead) { $0.block($1, in: file.text) }
        array(file.diagnostics) { $0.diagnostic($1) }
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.severity.rawValue); string(d.code.rawValue); string(d.message); optional(d.location) { $0.location($1) }
    }

    mutating func status(_ status: FileStatus) {
        uint64(UInt64(bitPattern: status.size)); uint64(UInt64(bitPattern: status.modified))
        uint64(UInt64(bitPattern: status.changed)); uint64(status.inode); uint64(status.device)
    }

    mutating func role(_ role: FileRole) {
        switch role {
        case let .document(section, urlPath): int(0); string(section); string(urlPath)
        case .entity(let key): int(1); string(key.kind.rawValue); string(key.id.rawValue)
        }
    }

    mutating func location(_ location: SourceLocation) {
        string(location.path); int(location.line); int(location.column)
    }

    mutating func reference(_ reference: Reference) {
        string(reference.text); location(reference.location)
    }

    mutating func date(_ date: PartialDate?) {
        optional(date) { $0.string($1.edtf) }
    }

    mutating func mention(_ m: Mention) {
        string(m.form.rawValue); string(m.target); optional(m.kind) { $0.string($1.rawValue) }
        string(m.shown); bool(m.hasShownText); optional(m.fragment) { $0.string($1) }; bool(m.toDocument); bool(m.embed)
        location(m.location); int(m.block)
    }

    /// A block's text is written as where it stands in the file's `text` when it is a slice
    /// of it (as parsed), else as itself.
    mutating func block(_ b: TextBlock, in text: String) {
        // `==` answers at once for the same storage; a block that is not a slice is rare.
        if b.text.base == text {
            int(1); int(text.utf8.distance(from: text.utf8.startIndex, to: b.text.startIndex)); int(b.text.utf8.count)
        } else {
            int(0); string(String(b.text))
        }
        array(b.spans) { w, s in w.int(s.mention); w.int(s.start); w.int(s.end) }
        int(b.line)
        optional(b.anchor) { $0.string($1) }
        array(b.notes) { w, n in w.int(n.number); w.int(n.offset); w.string(n.text) }
    }

    mutating func source(_ s: SourceInfo) {
        optional(s.publisher) { $0.string($1) }; optional(s.url) { $0.string($1) }; optional(s.title) { $0.string($1) }
        date(s.date)
    }

    mutating func frontMatter(_ frontMatter: FrontMatter) {
        switch frontMatter {
        case .document(let m):
            int(0)
            string(m.title); date(m.date); array(m.authors) { $0.string($1) }; optional(m.summary) { $0.string($1) }
            array(m.themes) { $0.reference($1) }
            optional(m.source) { $0.source($1) }
            bool(m.draft); optional(m.bluf) { $0.string($1) }
            array(m.judgments) { w, j in
                w.string(j.text); w.optional(j.likelihood) { $0.int($1.rawValue) }; w.optional(j.confidence) { $0.int($1.rawValue) }
                w.optional(j.basis) { $0.string($1) }; w.location(j.location)
            }
            date(m.cutoff); array(m.sources) { $0.source($1) }
            optional(m.classification) { $0.string($1) }; optional(m.handling) { $0.string($1) }
            array(m.aliases) { $0.string($1) }; optional(m.permalink) { $0.string($1) }; array(m.cssClasses) { $0.string($1) }
            array(m.tags) { $0.reference($1) }
        case .actor(let m):
            int(1)
            string(m.name); string(m.type.rawValue); array(m.aliases) { $0.string($1) }; optional(m.wikidata) { $0.string($1) }
        case .event(let m):
            int(2)
            string(m.name); array(m.aliases) { $0.string($1) }; date(m.date); optional(m.dateText) { $0.string($1) }
            optional(m.place) { $0.string($1) }; array(m.actors) { $0.reference($1) }; array(m.themes) { $0.reference($1) }
        case .theme(let m):
            int(3)
            string(m.name); array(m.aliases) { $0.string($1) }; optional(m.broader) { $0.reference($1) }
        }
    }
}

extension BinaryWriter {
    /// A body: its HTML as bytes, then its pieces, an HTML piece as where it stands.
    mutating func body(_ body: RenderedBody) {
        int(body.html.count)
        raw(body.html)
        array(body.pieces) { w, piece in
            switch piece {
            case .html(let range): w.int(0); w.int(range.lowerBound); w.int(range.count)
            case .mentionStart(let i): w.int(1); w.int(i)
            case .mentionEnd(let i): w.int(2); w.int(i)
            }
        }
    }
}

extension BinaryReader {
    /// The body's HTML is copied as it was written (the file's checksum covers it): it is
    /// never made a `String`, so it is not validated again. A piece outside it is corrupt:
    /// the renderer reads the ranges without checking them.
    mutating func body() throws -> RenderedBody {
        let html = Array(try raw(try count()))
        return RenderedBody(html: html, pieces: try array { r in
            switch try r.int() {
            case 0:
                let start = try r.int(), length = try r.int()
                guard start >= 0, length >= 0, start <= html.count - length else { throw Corrupt() }
                return .html(start..<(start + length))
            case 1: return .mentionStart(try r.int())
            case 2: return .mentionEnd(try r.int())
            default: throw Corrupt()
            }
        })
    }

    mutating func parsedFile() throws -> ParsedFile {
        var file = ParsedFile(path: try string(), role: try role(), frontMatter: try optional { try $0.frontMatter() })
        file.body = try body()
        file.mentions = try array { try $0.mention() }
        let text = try string()
        file.text = text
        file.blocks = try array { try $0.block(in: text) }
        file.headings = try array { r in
            Heading(level: try r.int(), text: try r.string(), anchor: try r.string(), block: try r.optional { try $0.int() })
        }
        file.blockIDs = try array { try $0.string() }
        file.localLinks = try array {
            LocalLink(url: try $0.string(), isImage: try $0.bool(), location: try $0.location(), rewritten: try $0.string())
        }
        file.wordCount = try int()
        file.lead = try optional { try $0.block(in: text) }
        file.diagnostics = try array { try $0.diagnostic() }
        try Self.check(file)
        return file
    }

    mutating func diagnostic() throws -> Diagnostic {
        guard let severity = Diagnostic.Severity(rawValue: try string()),
              let code = DiagnosticCode(rawValue: try string()) else { throw Corrupt() }
        return Diagnostic(severity, code, try string(), at: try optional { try $0.location() })
    }

    /// Indices and offsets the renderer relies on must hold, whatever the file says.
    static func check(_ file: ParsedFile) throws {
        let mentions = file.mentions.indices, blocks = file.blocks.indices
        for block in file.blocks + (file.lead.map { [$0] } ?? []) {
            var end = 0
            for span in block.spans {
                guard mentions.contains(span.mention), span.start >= end, span.start <= span.end,
                      span.end <= block.text.utf8.count else { throw Corrupt() }
                end = span.end
            }
        }
        for mention in file.mentions where mention.block != -1 && !blocks.contains(mention.block) { throw Corrupt() }
        for heading in file.headings {
            if let block = heading.block, !blocks.contains(block) { throw Corrupt() }
        }
        for piece in file.body.pieces {
            switch piece {
            case .mentionStart(let i), .mentionEnd(let i): guard mentions.contains(i) else { throw Corrupt() }
            case .html: break
            }
        }
    }

    mutating func status() throws -> FileStatus {
        FileStatus(size: Int64(bitPattern: try uint64()), modified: Int64(bitPattern: try uint64()),
                   changed: Int64(bitPattern: try uint64()), inode: try uint64(), device: try uint64())
    }

    mutating func role() throws -> FileRole {
        switch try int() {
        case 0: return .document(section: try string(), urlPath: try string())
        case 1:
            guard let kind = EntityKind(rawValue: try string()), let id = EntityID(try string()) else { throw Corrupt() }
            return .entity(EntityKey(kind, id))
        default: throw Corrupt()
        }
    }

    mutating func location() throws -> SourceLocation {
        SourceLocation(path: try string(), line: try int(), column: try int())
    }

    mutating func reference() throws -> Reference {
        Reference(text: try string(), location: try location())
    }

    mutating func date() throws -> PartialDate? {
        try optional { r in
            guard let date = PartialDate(edtf: try r.string()) else { throw Corrupt() }
            return date
        }
    }

    mutating func mention() throws -> Mention {
        guard let form = Mention.Form(rawValue: try string()) else { throw Corrupt() }
        let target = try string()
        let kind = try optional { r -> EntityKind in
            guard let kind = EntityKind(rawValue: try r.string()) else { throw Corrupt() }
            return kind
        }
        return Mention(form: form, target: target, kind: kind, shown: try string(), hasShownText: try bool(),
                       fragment: try optional { try $0.string() }, toDocument: try bool(), embed: try bool(),
                       location: try location(), block: try int())
    }

    mutating func block(in text: String) throws -> TextBlock {
        TextBlock(text: try slice(of: text),
                  spans: try array { TextBlock.Span(mention: try $0.int(), start: try $0.int(), end: try $0.int()) },
                  line: try int(), anchor: try optional { try $0.string() },
                  notes: try array { TextBlock.Note(number: try $0.int(), offset: try $0.int(), text: try $0.string()) })
    }

    /// A block's text: a slice of `text` that starts and ends between characters' bytes, or
    /// a string of its own.
    mutating func slice(of text: String) throws -> Substring {
        switch try int() {
        case 0: return Substring(try string())
        case 1:
            let start = try int(), count = try int()
            let utf8 = text.utf8
            guard start >= 0, count >= 0, start <= utf8.count - count else { throw Corrupt() }
            let from = utf8.index(utf8.startIndex, offsetBy: start), to = utf8.index(from, offsetBy: count)
            // Not inside a character's bytes (continuation bytes are 10xxxxxx).
            func between(_ index: String.Index) -> Bool { index == utf8.endIndex || utf8[index] & 0xC0 != 0x80 }
            guard between(from), between(to) else { throw Corrupt() }
            return Substring(utf8[from..<to])
        default: throw Corrupt()
        }
    }

    mutating func source() throws -> SourceInfo {
        SourceInfo(publisher: try optional { try $0.string() }, url: try optional { try $0.string() },
                   title: try optional { try $0.string() }, date: try date())
    }

    mutating func frontMatter() throws -> FrontMatter {
        func strings(_ r: inout BinaryReader) throws -> [String] { try r.array { try $0.string() } }
        switch try int() {
        case 0:
            var m = DocumentMeta(title: try string())
            m.date = try date(); m.authors = try strings(&self); m.summary = try optional { try $0.string() }
            m.themes = try array { try $0.reference() }
            m.source = try optional { try $0.source() }
            m.draft = try bool(); m.bluf = try optional { try $0.string() }
            m.judgments = try array { r in
                let text = try r.string()
                let likelihood = try r.optional { r in try Likelihood(rawValue: r.int()).orThrow() }
                let confidence = try r.optional { r in try Confidence(rawValue: r.int()).orThrow() }
                return Judgment(text: text, likelihood: likelihood, confidence: confidence,
                                basis: try r.optional { try $0.string() }, location: try r.location())
            }
            m.cutoff = try date(); m.sources = try array { try $0.source() }
            m.classification = try optional { try $0.string() }; m.handling = try optional { try $0.string() }
            m.aliases = try strings(&self); m.permalink = try optional { try $0.string() }; m.cssClasses = try strings(&self)
            m.tags = try array { try $0.reference() }
            return .document(m)
        case 1:
            var m = ActorMeta(name: try string())
            guard let type = ActorType(rawValue: try string()) else { throw Corrupt() }
            m.type = type; m.aliases = try strings(&self); m.wikidata = try optional { try $0.string() }
            return .actor(m)
        case 2:
            var m = EventMeta(name: try string())
            m.aliases = try strings(&self); m.date = try date(); m.dateText = try optional { try $0.string() }
            m.place = try optional { try $0.string() }; m.actors = try array { try $0.reference() }; m.themes = try array { try $0.reference() }
            return .event(m)
        case 3:
            var m = ThemeMeta(name: try string())
            m.aliases = try strings(&self); m.broader = try optional { try $0.reference() }
            return .theme(m)
        default:
            throw Corrupt()
        }
    }
}
