import Model
import Templating

extension RenderContext {
    /// A file's body with every mention turned into a link to its entity (or a marked span
    /// when it did not resolve, or in a single file). `reparsed` is the same file parsed for
    /// a single file: its mentions are the site's, in the same order.
    /// `embedding` lists the notes this body is shown inside (`![[note]]`), outermost first.
    func bodyHTML(_ file: Int, reparsed: ParsedFile? = nil, embedding: [Int] = []) -> String {
        let parsed = reparsed ?? site.files[file]
        var html = ""
        html.reserveCapacity(Self.bodyCapacity(parsed))
        appendBody(file, parsed: parsed, reparsed: reparsed != nil, embedding: embedding, to: &html)
        return html
    }

    /// The same body as bytes, as pages take it: composed in a `ByteOutput` and handed to the
    /// template as it is, without a `String`'s bookkeeping on each of its appends.
    func bodyBytes(_ file: Int) -> HTMLBytes {
        let parsed = site.files[file]
        var html = ByteOutput(capacity: Self.bodyCapacity(parsed))
        appendBody(file, parsed: parsed, reparsed: false, embedding: [], to: &html)
        return HTMLBytes(html.take())
    }

    /// About the size of a body's HTML: its segments, and a link's markup per mention.
    private static func bodyCapacity(_ parsed: ParsedFile) -> Int {
        parsed.body.html.count + 40 * parsed.body.pieces.count
    }

    private func appendBody<Sink: HTMLSink & ~Copyable>(_ file: Int, parsed: ParsedFile, reparsed: Bool, embedding: [Int], to html: inout Sink) {
        // Read once, not per segment: each read of a file's lists or the settings is a copy.
        let mentions = parsed.mentions, body = parsed.body
        let resolutions = site.resolutions[file], links = site.links[file]
        let linksFirstOnly = site.config.autolink == .first
        // Autolinking: which entities this body has linked so far (`first` links each once),
        // and how deep inside links, code and headings the text is, across segments.
        let matcher = standalone ? nil : index.autolink
        let owner = site.entityByFile[file]
        var linked = Set<Int>()
        if let owner { linked.insert(owner) }
        var verbatimDepth = 0, mentionDepth = 0
        var shownInPlace = Set<Int>(), linkParagraphs = Set<Int>()
        // Shown in another page, the Markdown's own links (written at parse time from this
        // file's page) are made to work from that page; mention links are written for it.
        let folder = embedding.isEmpty ? nil : documentFolder(file)
        // Links found by file name alone, written from this file's own page.
        let fixes = !reparsed ? site.linkFixes[file].map { fixes in
            let own = URLs(pretty: site.config.prettyURLs, folder: documentFolder(file))
            return fixes.map { written, target in
                var url = own.file(target)
                if target.hasPrefix(Site.pageFix) {
                    let page = target.dropFirst(Site.pageFix.count)
                    let hash = page.firstIndex(of: "#") ?? page.endIndex
                    url = own.page(String(page[..<hash])) + page[hash...]
                }
                return (from: "=\"" + Self.cmarkHref(written) + "\"", to: "=\"" + HTML.escape(url) + "\"")
            }
        } : nil
        mentions.withUnsafeBufferPointer { mentionList in body.html.withUnsafeBufferPointer { bodyHTML in
            for piece in body.pieces {
                switch piece {
                case .html(let range):
                    // Most pieces are written as they are; one that links need rewriting in, or
                    // that autolinking reads, is made text.
                    let bytes = UnsafeBufferPointer(rebasing: bodyHTML[range])
                    guard fixes != nil || folder != nil || (matcher != nil && mentionDepth == 0) else {
                        html.appendRaw(bytes)
                        continue
                    }
                    var text = String(decoding: bytes, as: UTF8.self)
                    if let fixes {
                        for fix in fixes where text.contains(fix.from) { text = text.replacingOccurrences(of: fix.from, with: fix.to) }
                    }
                    if let folder { text = rebase(text, from: folder) }
                    if let matcher, mentionDepth == 0 {
                        var linkedText = ""
                        autolink(text, matcher: matcher, linked: &linked, verbatimDepth: &verbatimDepth, into: &linkedText, self: owner)
                        html.appendRaw(linkedText)
                    } else {
                        html.appendRaw(text)
                    }
                case .mentionStart(let i):
                    // Raw HTML (unsafe_html) can spell a marker; only the parser's own are honoured.
                    guard mentions.indices.contains(i), resolutions.indices.contains(i) else { continue }
                    // Read where it stands: a copy retains each of its strings.
                    let mention = mentionList.baseAddress! + i
                    mentionDepth += 1
                    let link = links.isEmpty ? nil : links[i]
                    // Embeds are rare: written into a `String` of their own, then copied.
                    if mention.pointee.embed, !standalone {
                        var embedded = ""
                        if appendEmbedded(link, entity: resolutions[i], mention.pointee, in: file, embedding: embedding, to: &embedded) {
                            html.appendRaw(embedded)
                            shownInPlace.insert(i)
                            continue
                        }
                    }
                    // A single file shows the images it embeds, read into it.
                    if mention.pointee.embed, standalone, case .attachment(let path)? = link?.page, let uri = media[path] {
                        var embedded = ""
                        appendMedia(path, mention.pointee, to: &embedded, source: uri)
                        html.appendRaw(embedded)
                        shownInPlace.insert(i)
                        continue
                    }
                    // A note's or an entity's embed stands alone (in a heading, a table or formatting it is a link from the
                    // parse): too deep or in a circle, it is a link in a paragraph of its own.
                    if mention.pointee.embed, link?.document != nil || resolutions[i] != nil {
                        html.appendRaw("<p>")
                        linkParagraphs.insert(i)
                    }
                    if let target = resolutions[i] {
                        if linksFirstOnly { linked.insert(target) }
                        appendLink(target, anchor: link?.anchor, to: &html)
                        if !mention.pointee.hasShownText { html.appendEscaped(link?.showsWritten == true ? mention.pointee.shown : site.name(of: target)) }
                    } else if let link {
                        // Shown inside another page, a link to a place in this note names the note.
                        appendPageLink(link, from: embedding.isEmpty ? file : -1, to: &html)
                        if !mention.pointee.hasShownText || mention.pointee.embed { html.appendEscaped(pageLinkText(link, mention.pointee)) }
                    } else {
                        html.appendRaw("<span class=\"mention mention-unresolved\">")
                        if !mention.pointee.hasShownText { html.appendEscaped(mention.pointee.shown) }
                    }
                case .mentionEnd(let i):
                    guard mentions.indices.contains(i), resolutions.indices.contains(i) else { continue }
                    mentionDepth -= 1
                    let link = links.isEmpty ? nil : links[i]
                    // An embed shown in place was written whole; one too deep or in a circle is a link.
                    if shownInPlace.contains(i) { continue }
                    html.appendRaw(resolutions[i] == nil && link == nil || standalone ? "</span>" : "</a>")
                    if linkParagraphs.contains(i) { html.appendRaw("</p>\n") }
                }
            }
        } }
    }

    /// The opening `<a>` of a mention link. Ids hold letters, digits and `-` only, so the
    /// URL needs no escaping. A single file has no pages to link to: the name stays text,
    /// marked by kind, and the annex describes it.
    private func appendLink<Sink: HTMLSink & ~Copyable>(_ target: Int, anchor: String? = nil, to html: inout Sink) {
        if standalone {
            html.appendRaw("<span class=\"mention mention-\(site.kind(of: target).rawValue)\">")
            return
        }
        let link = index.entities[target]
        html.appendRaw(link.open)
        urls.appendPage(link.folder, to: &html)
        if let anchor { html.appendRaw(HTML.escape(URLs.fragment(anchor))) }
        html.appendRaw(link.close)
    }

    /// A link destination as cmark writes it into `href` and `src`: bytes outside its safe
    /// set percent-encoded, `&` and `'` as entities (`houdini_escape_href`).
    static func cmarkHref(_ url: String) -> String {
        var output = ""
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output += "&amp;"
            case UInt8(ascii: "'"): output += "&#x27;"
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                if "-_.+!*(),%#@?=;:/$~".utf8.contains(byte) {
                    output.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    output += "%" + String(byte, radix: 16, uppercase: true).leftPadded
                }
            }
        }
        return output
    }

    /// The opening `<a>` of a link to a document (or to a place on the page it is on). A
    /// single file has no pages to link to: the text stays, marked.
    private func appendPageLink<Sink: HTMLSink & ~Copyable>(_ link: MentionLink, from file: Int, to html: inout Sink) {
        if standalone {
            html.appendRaw("<span class=\"doc-link\">")
            return
        }
        let anchor = link.anchor.map { HTML.escape(URLs.fragment($0)) } ?? ""
        switch link.page {
        case .document(let target) where target == file:
            html.appendRaw("<a class=\"doc-link\" href=\"\(anchor.isEmpty ? "#" : anchor)\">")
        case .document(let target):
            html.appendRaw("<a class=\"doc-link\" href=\"\(HTML.escape(urls.page(documentFolder(target))))\(anchor)\">")
        case .entity(let entity):
            // A fragment on the entity's own page, written in its description.
            html.appendRaw("<a class=\"doc-link\" href=\"\(HTML.escape(urls.page(index.entities[entity].folder)))\(anchor)\">")
        case .attachment(let path):
            html.appendRaw("<a class=\"file-link\" href=\"\(HTML.escape(urls.file(path)))\">")
        }
    }

    /// `![[file]]` in place: an image, audio, video or PDF element (with a link to the file
    /// inside, for readers that cannot show it), else a link. `|300` or `|300x200` after the
    /// name sizes an image or video; other text after `|` is its description.
    func appendMedia(_ path: String, _ mention: Mention, to html: inout String, source: String? = nil) {
        let url = HTML.escape(source ?? urls.file(path))
        let name = mention.target.split(separator: "/").last.map(String.init) ?? mention.target
        var size = ""
        var caption = name
        if mention.hasShownText {
            let parts = mention.shown.split(separator: "x", omittingEmptySubsequences: false)
            if (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
                size = " width=\"\(parts[0])\"" + (parts.count == 2 ? " height=\"\(parts[1])\"" : "")
            } else {
                caption = mention.shown
            }
        }
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        let fallback = "<a href=\"\(url)\">\(HTML.escape(caption))</a>"
        switch ext {
        case "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico", "tif", "tiff":
            html += "<img class=\"embed embed-image\" src=\"\(url)\" alt=\"\(HTML.escape(caption))\" loading=\"lazy\"\(size)>"
        case "mp3", "wav", "ogg", "m4a", "flac", "aac", "opus", "3gp":
            html += "<audio class=\"embed embed-audio\" controls preload=\"metadata\" src=\"\(url)\">\(fallback)</audio>"
        case "mp4", "webm", "mov", "ogv", "mkv", "m4v":
            html += "<video class=\"embed embed-video\" controls preload=\"metadata\" src=\"\(url)\"\(size)>\(fallback)</video>"
        case "pdf":
            html += "<object class=\"embed embed-pdf\" type=\"application/pdf\" data=\"\(url)\"\(size)>\(fallback)</object>"
        default:
            html += fallback
        }
    }

    /// What a bare `[[target]]` linking a page shows: the text as written when it is the
    /// document's title, alias or file name, else the title.
    func pageLinkText(_ link: MentionLink, _ mention: Mention) -> String {
        // An embed shown as a link names what it shows: a page by its title or name, a file
        // or a target written as itself by the target (its text after `|` is a size or caption).
        if mention.embed {
            if case .attachment = link.page { return mention.target }
            if link.showsWritten || mention.target.isEmpty { return mention.target }
        }
        return site.linkText(link, mention)
    }

    /// A passage quoting `entity`: the block's text with the entity's mentions marked and
    /// other mentions linked, trimmed around the first mention when long.
    /// With `document`, the passage quotes a link to that document instead, and marks it.
    func snippet(_ block: TextBlock, file: Int, entity: Int, document: Int? = nil) -> HTMLBytes {
        withUnsafePointer(to: block) { block in
            site.files[file].withBlocks { snippet(at: block, file: file, entity: entity, document: document, mentions: $1) }
        }
    }

    /// A passage of the block `block` points to, which is read where it stands: a copy of a
    /// block retains each of its fields.
    func snippet(at block: UnsafePointer<TextBlock>, file: Int, entity: Int, document: Int? = nil, mentions: UnsafeBufferPointer<Mention>) -> HTMLBytes {
        // The block's text is read in place: a copy of it was a third of a passage's cost.
        var text = block.pointer(to: \.text)!.pointee
        let spans = block.pointer(to: \.spans)!.pointee, notes = block.pointer(to: \.notes)!.pointee
        return text.withUTF8 { snippet(spans: spans, notes: notes, bytes: $0, file: file, entity: entity, document: document, mentions: mentions) }
    }

    private func snippet(spans: [TextBlock.Span], notes blockNotes: [TextBlock.Note], bytes: UnsafeBufferPointer<UInt8>, file: Int, entity: Int,
                         document: Int?, mentions: UnsafeBufferPointer<Mention>) -> HTMLBytes {
        let resolutions = site.resolutions[file], links = site.links[file]
        func isHit(_ mention: Int) -> Bool {
            guard let document else { return resolutions[mention] == entity }
            return links[mention]?.document == document
        }
        let firstHit = spans.first { isHit($0.mention) }
        var window = 0..<bytes.count
        if bytes.count > Self.snippetLength, let hit = firstHit {
            let half = Self.snippetLength / 2
            var start = max(0, min(hit.start - half, bytes.count - Self.snippetLength))
            var end = min(bytes.count, start + Self.snippetLength)
            start = wordBoundary(bytes, start, forward: true)
            end = wordBoundary(bytes, end, forward: false)
            // Never cut through a mention.
            for span in spans {
                if span.start < start && span.end > start { start = span.start }
                if span.start < end && span.end > end { end = span.end }
            }
            window = start..<max(start, end)
        }
        // Bytes, not a `String`: a passage is a few dozen short appends, each of which cost a
        // `String` its capacity, ASCII and breadcrumb bookkeeping.
        var html = ByteOutput(capacity: window.count + spans.count * 120 + 8)
        if window.lowerBound > 0 { html += "…" }
        var notes = blockNotes[...]
        /// Text from the block, with the footnote references that stand in it.
        func appendText(_ range: Range<Int>) {
            var cursor = range.lowerBound
            while let note = notes.first, note.offset <= range.upperBound {
                notes.removeFirst()
                guard note.offset >= range.lowerBound else { continue }
                HTMLEscaping.append(utf8: UnsafeBufferPointer(rebasing: bytes[cursor..<note.offset]), to: &html)
                html += "<sup class=\"snippet-note-ref\">\(note.number)</sup>"
                cursor = note.offset
            }
            HTMLEscaping.append(utf8: UnsafeBufferPointer(rebasing: bytes[cursor..<range.upperBound]), to: &html)
        }
        var cursor = window.lowerBound
        for span in spans where span.start >= window.lowerBound && span.end <= window.upperBound {
            appendText(cursor..<span.start)
            let target = resolutions[span.mention]
            // The mention's fields are read where it stands: a copy retains its strings.
            let hasShownText = mentions[span.mention].hasShownText
            let link = links.isEmpty ? nil : links[span.mention]
            // The text shown: a name, or (most often) the mention's own text, escaped from the
            // block's bytes without a `String` of its own.
            var shown: String?
            if !hasShownText, let target {
                shown = site.shownName(file: file, mention: span.mention, entity: target)
            } else if !hasShownText || mentions[span.mention].embed, let link {
                // An embedded file is named in a quoted passage, not shown.
                shown = pageLinkText(link, mentions[span.mention])
            }
            func appendShown() {
                if let shown {
                    html.appendEscaped(shown)
                } else {
                    HTMLEscaping.append(utf8: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), to: &html)
                }
            }
            if isHit(span.mention) {
                html += "<mark>"
                appendShown()
                html += "</mark>"
            } else if let target {
                appendLink(target, anchor: link?.anchor, to: &html)
                appendShown()
                html += standalone ? "</span>" : "</a>"
            } else if let link, link.page != .document(file) {
                appendPageLink(link, from: file, to: &html)
                appendShown()
                html += standalone ? "</span>" : "</a>"
            } else {
                appendShown()
            }
            cursor = span.end
        }
        appendText(cursor..<window.upperBound)
        if window.upperBound < bytes.count { html += "…" }
        // The footnotes the passage cites, under it, as in the document.
        let cited = blockNotes.filter { $0.offset >= window.lowerBound && $0.offset <= window.upperBound }
        if !cited.isEmpty {
            html += "<span class=\"snippet-notes\">"
            for note in cited {
                html += "<span class=\"snippet-note\"><sup>\(note.number)</sup> "
                html.appendEscaped(note.text)
                html += "</span>"
            }
            html += "</span>"
        }
        return HTMLBytes(html.take())
    }

    static let snippetLength = 360

    /// The first paragraph of a file as plain text, cut at a word near 200 characters.
    func leadText(_ file: Int) -> String {
        guard let lead = site.files[file].lead else { return "" }
        return Self.summaryCut(displayText(of: lead, file: file))
    }

    /// `text` cut at the last space of its first 200 characters, with "…", when longer.
    static func summaryCut(_ text: String) -> String {
        var text = text
        // Mostly ASCII: then its first 201 bytes are its first characters (no byte of them
        // starts a cluster of two, as a carriage return or a combining mark would), and the
        // cut is made on bytes. Counting characters was most of a summary's cost.
        let ascii: String?? = text.withUTF8 { bytes in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(201))
            guard !head.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
            guard bytes.count > 200 else { return .some(nil) }
            let space = head.prefix(200).lastIndex(of: 0x20) ?? 200
            return String(decoding: UnsafeBufferPointer(rebasing: head[..<space]), as: UTF8.self) + "…"
        }
        if let ascii { return ascii ?? text }
        return summaryCutByCharacters(text)
    }

    /// `summaryCut` counting characters, for any text.
    static func summaryCutByCharacters(_ text: String) -> String {
        // Only the first 200 characters are counted, not the whole paragraph.
        let cut = text.prefix(200)
        guard cut.endIndex < text.endIndex else { return text }
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// A block's plain text with each bare `[[target]]` shown as its entity's name.
    func displayText(of block: TextBlock, file: Int) -> String {
        // Read in place through the block's own bytes: `Array(block.text.utf8)` copied a
        // slice's bytes one by one.
        var whole = block.text
        return whole.withUTF8 { displayText(of: block, bytes: $0, file: file) }
    }

    private func displayText(of block: TextBlock, bytes: UnsafeBufferPointer<UInt8>, file: Int) -> String {
        var text = ""
        var cursor = 0
        let mentions = site.files[file].mentions
        for span in block.spans where !mentions[span.mention].hasShownText {
            let shown: String
            if let target = site.resolutions[file][span.mention] {
                shown = site.shownName(file: file, mention: span.mention, entity: target)
            } else if let link = site.links[file][span.mention] {
                shown = pageLinkText(link, mentions[span.mention])
            } else {
                continue
            }
            text += String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor..<span.start]), as: UTF8.self)
            text += shown
            cursor = span.end
        }
        return text + String(decoding: UnsafeBufferPointer(rebasing: bytes[cursor...]), as: UTF8.self)
    }

    private func wordBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, forward: Bool) -> Int {
        var i = index
        // Stay on a UTF-8 scalar boundary, then move to a space.
        let limit = 40
        var moved = 0
        while i > 0, i < bytes.count, moved < limit, bytes[i] != 0x20 {
            i += forward ? 1 : -1
            moved += 1
        }
        while i > 0, i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += forward ? 1 : -1 }
        return i
    }

    /// Mentions of `entity`, grouped by file, for one page of the entity's listing.
    /// Passages an entity's page quotes from one document; the others are counted and linked.
    static let passagesPerDocument = 3

    /// The documents of page `page` that mention `entity`, each with its first passages, and
    /// the entities whose descriptions name it, listed by name: a reader comes for what the
    /// documents say, and each of those descriptions is a page of its own a link away.
    func mentionGroups(_ entity: Int, page: Int) -> (groups: [MentionGroupView], describedBy: [EntityLinkView], pager: PagerView?) {
        let backlinks = site.backlinks[entity]
        let total = Pagination.entityPageCount(site, entity: entity)
        let slice = Pagination.slice(site.backlinkGroups[entity], page: page, perPage: site.config.paginate)
        // Its own description naming it is no other entity's.
        let describedBy = slice.compactMap { site.entityByFile[backlinks[$0.lowerBound].file] }.filter { $0 != entity }.map { entityLink($0) }
        let groups = slice.filter { site.entityByFile[backlinks[$0.lowerBound].file] == nil }.map { run -> MentionGroupView in
            let file = backlinks[run.lowerBound].file
            var seenBlocks = Set<Int>()
            var snippets: [MentionGroupView.Snippet] = []
            let pageURL = urls.page(documentFolder(file))
            var hidden = 0, moreURL: String?
            // The document's lists are read in place, once: a copy of the file or of a block
            // retains each of its fields, and those were a third of this loop at 10,000 articles.
            site.files[file].withBlocks { blocks, mentions in
                for ref in backlinks[run] {
                    let blockIndex = ref.block
                    guard blockIndex >= 0, seenBlocks.insert(blockIndex).inserted else { continue }
                    precondition(blockIndex < blocks.count, "a mention's block outside its file")
                    let block = blocks.baseAddress! + blockIndex
                    let url = { pageURL + (block.pointer(to: \.anchor)!.pointee.map { "#" + $0 } ?? "") }
                    // A document that names the entity on every line would fill the page: its
                    // first passages stand for it, and the rest are counted.
                    guard snippets.count < Self.passagesPerDocument else {
                        if hidden == 0 { moreURL = url() }
                        hidden += 1
                        continue
                    }
                    snippets.append(.init(html: snippet(at: block, file: file, entity: entity, mentions: mentions), url: url()))
                }
            }
            return MentionGroupView(title: index.files[file].title, url: pageURL, published: index.files[file].published, source: index.files[file].source,
                                    snippets: snippets, more: hidden == 0 ? nil : "\(Plural.count(hidden, "more passage")) in this document",
                                    moreURL: moreURL)
        }
        guard total > 1 else { return (groups, describedBy, nil) }
        let base = URLs.entityFolder(site.key(of: entity))
        func pageURL(_ n: Int) -> String { urls.page(n == 1 ? base : "\(base)/page/\(n)") }
        // The first page links every page; a later page links the first and its neighbours.
        let numbers = page == 1 ? Array(1...total) : Array(Set([1, page - 1, page, min(page + 1, total)])).sorted()
        let pager = PagerView(
            previousURL: page > 1 ? pageURL(page - 1) : nil, nextURL: page < total ? pageURL(page + 1) : nil,
            current: page, total: page == 1 ? total : nil, pages: numbers.map { .init(number: $0, url: pageURL($0), current: $0 == page) })
        return (groups, describedBy, pager)
    }
}

private extension String {
    /// Two hex digits.
    var leftPadded: String { count == 1 ? "0" + self : self }
}
