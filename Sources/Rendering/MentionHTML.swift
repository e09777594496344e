import Model

extension RenderContext {
    /// A file's body with every mention turned into a link to its entity (or a marked span
    /// when it did not resolve, or in a single file). `reparsed` is the same file parsed for
    /// a single file: its mentions are the site's, in the same order.
    func bodyHTML(_ file: Int, reparsed: ParsedFile? = nil) -> String {
        let parsed = reparsed ?? site.files[file]
        // Read once, not per segment: each read of a file's lists or the settings is a copy.
        let mentions = parsed.mentions, segments = parsed.body.segments
        let resolutions = site.resolutions[file]
        let linksFirstOnly = site.config.autolink == .first
        // Autolinking: which entities this body has linked so far (`first` links each once),
        // and how deep inside links, code and headings the text is, across segments.
        let matcher = standalone ? nil : index.autolink
        let owner = site.entityByFile[file]
        var linked = Set<Int>()
        if let owner { linked.insert(owner) }
        var verbatimDepth = 0, mentionDepth = 0
        var html = ""
        html.reserveCapacity(segments.reduce(0) { total, segment in
            if case .html(let text) = segment { return total + text.utf8.count }
            return total + 80
        })
        for segment in segments {
            switch segment {
            case .html(let text):
                if let matcher, mentionDepth == 0 {
                    autolink(text, matcher: matcher, linked: &linked, verbatimDepth: &verbatimDepth, into: &html, self: owner)
                } else {
                    html += text
                }
            case .mentionStart(let i):
                // Raw HTML (unsafe_html) can spell a marker; only the parser's own are honoured.
                guard mentions.indices.contains(i), resolutions.indices.contains(i) else { continue }
                let mention = mentions[i]
                mentionDepth += 1
                if let target = resolutions[i] {
                    if linksFirstOnly { linked.insert(target) }
                    appendLink(target, to: &html)
                    if !mention.hasShownText { HTML.append(site.entities[target].name, to: &html) }
                } else {
                    html += "<span class=\"mention mention-unresolved\">"
                    if !mention.hasShownText { HTML.append(mention.shown, to: &html) }
                }
            case .mentionEnd(let i):
                guard mentions.indices.contains(i), resolutions.indices.contains(i) else { continue }
                mentionDepth -= 1
                html += resolutions[i] == nil || standalone ? "</span>" : "</a>"
            }
        }
        return html
    }

    /// The opening `<a>` of a mention link. Ids hold letters, digits and `-` only, so the
    /// URL needs no escaping. A single file has no pages to link to: the name stays text,
    /// marked by kind, and the annex describes it.
    private func appendLink(_ target: Int, to html: inout String) {
        if standalone {
            html += "<span class=\"mention mention-\(site.entities[target].kind.rawValue)\">"
            return
        }
        let link = index.entities[target]
        html += link.open
        html += urls.page(link.folder)
        html += link.close
    }

    /// A passage quoting `entity`: the block's text with the entity's mentions marked and
    /// other mentions linked, trimmed around the first mention when long.
    func snippet(_ block: TextBlock, file: Int, entity: Int, mentions: [Mention]? = nil) -> String {
        let bytes = Array(block.text.utf8)
        let mentions = mentions ?? site.files[file].mentions
        let resolutions = site.resolutions[file]
        let firstHit = block.spans.first { resolutions[$0.mention] == entity }
        var window = 0..<bytes.count
        if bytes.count > Self.snippetLength, let hit = firstHit {
            let half = Self.snippetLength / 2
            var start = max(0, min(hit.start - half, bytes.count - Self.snippetLength))
            var end = min(bytes.count, start + Self.snippetLength)
            start = wordBoundary(bytes, start, forward: true)
            end = wordBoundary(bytes, end, forward: false)
            // Never cut through a mention.
            for span in block.spans {
                if span.start < start && span.end > start { start = span.start }
                if span.start < end && span.end > end { end = span.end }
            }
            window = start..<max(start, end)
        }
        var html = window.lowerBound > 0 ? "…" : ""
        html.reserveCapacity(window.count + block.spans.count * 120 + 8)
        var notes = block.notes[...]
        /// Text from the block, with the footnote references that stand in it.
        func appendText(_ range: Range<Int>) {
            var cursor = range.lowerBound
            while let note = notes.first, note.offset <= range.upperBound {
                notes.removeFirst()
                guard note.offset >= range.lowerBound else { continue }
                HTML.append(String(decoding: bytes[cursor..<note.offset], as: UTF8.self), to: &html)
                html += "<sup class=\"snippet-note-ref\">\(note.number)</sup>"
                cursor = note.offset
            }
            HTML.append(String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self), to: &html)
        }
        var cursor = window.lowerBound
        for span in block.spans where span.start >= window.lowerBound && span.end <= window.upperBound {
            appendText(cursor..<span.start)
            let target = resolutions[span.mention]
            let mention = mentions[span.mention]
            let text: String
            if !mention.hasShownText, let target { text = site.entities[target].name } else {
                text = String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            }
            if target == entity {
                html += "<mark>"
                HTML.append(text, to: &html)
                html += "</mark>"
            } else if let target {
                appendLink(target, to: &html)
                HTML.append(text, to: &html)
                html += standalone ? "</span>" : "</a>"
            } else {
                HTML.append(text, to: &html)
            }
            cursor = span.end
        }
        appendText(cursor..<window.upperBound)
        if window.upperBound < bytes.count { html += "…" }
        // The footnotes the passage cites, under it, as in the document.
        let cited = block.notes.filter { $0.offset >= window.lowerBound && $0.offset <= window.upperBound }
        if !cited.isEmpty {
            html += "<span class=\"snippet-notes\">"
            for note in cited {
                html += "<span class=\"snippet-note\"><sup>\(note.number)</sup> "
                HTML.append(note.text, to: &html)
                html += "</span>"
            }
            html += "</span>"
        }
        return html
    }

    static let snippetLength = 360

    /// The first paragraph of a file as plain text, cut at a word near 200 characters.
    func leadText(_ file: Int) -> String {
        guard let lead = site.files[file].lead else { return "" }
        let text = displayText(of: lead, file: file)
        guard text.count > 200 else { return text }
        let cut = text.prefix(200)
        return (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
    }

    /// A block's plain text with each bare `[[target]]` shown as its entity's name.
    func displayText(of block: TextBlock, file: Int) -> String {
        let bytes = Array(block.text.utf8)
        var text = ""
        var cursor = 0
        for span in block.spans {
            guard !site.files[file].mentions[span.mention].hasShownText, let target = site.resolutions[file][span.mention] else { continue }
            text += String(decoding: bytes[cursor..<span.start], as: UTF8.self) + site.entities[target].name
            cursor = span.end
        }
        return text + String(decoding: bytes[cursor...], as: UTF8.self)
    }

    private func wordBoundary(_ bytes: [UInt8], _ index: Int, forward: Bool) -> Int {
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
    func mentionGroups(_ entity: Int, page: Int) -> (groups: [MentionGroupView], pager: PagerView?) {
        let backlinks = site.backlinks[entity]
        let total = Pagination.entityPageCount(site, entity: entity)
        let slice = Pagination.slice(site.backlinkGroups[entity], page: page, perPage: site.config.paginate)
        let groups = slice.map { run -> MentionGroupView in
            let file = backlinks[run.lowerBound].file
            // Read once per document, not per mention: each read of a file's lists is a copy.
            let parsed = site.files[file]
            let mentions = parsed.mentions, blocks = parsed.blocks
            var seenBlocks = Set<Int>()
            var snippets: [MentionGroupView.Snippet] = []
            let folder = documentFolder(file)
            let pageURL = urls.page(folder)
            for ref in backlinks[run] {
                let blockIndex = mentions[ref.mention].block
                guard blockIndex >= 0, seenBlocks.insert(blockIndex).inserted else { continue }
                let block = blocks[blockIndex]
                let anchor = block.anchor.map { "#" + $0 } ?? ""
                snippets.append(.init(html: snippet(block, file: file, entity: entity, mentions: mentions), url: pageURL + anchor))
            }
            let card = index.files[file]
            return MentionGroupView(title: card.title, url: urls.page(folder), published: card.published, source: card.source,
                                    snippets: snippets)
        }
        guard total > 1 else { return (groups, nil) }
        let base = URLs.entityFolder(site.entities[entity].key)
        func pageURL(_ n: Int) -> String { urls.page(n == 1 ? base : "\(base)/page/\(n)") }
        // The first page links every page; a later page links the first and its neighbours.
        let numbers = page == 1 ? Array(1...total) : Array(Set([1, page - 1, page, min(page + 1, total)])).sorted()
        let pager = PagerView(
            previousURL: page > 1 ? pageURL(page - 1) : nil, nextURL: page < total ? pageURL(page + 1) : nil,
            current: page, total: page == 1 ? total : nil, pages: numbers.map { .init(number: $0, url: pageURL($0), current: $0 == page) })
        return (groups, pager)
    }
}
