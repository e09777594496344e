import Foundation
import Markdown
import Model

/// The Parse stage for a Markdown body: finds mentions with exact file positions, renders
/// the body to HTML once with holes for the mentions, and collects the text blocks that
/// quote them and the headings for a table of contents.
struct BodyParser {
    let source: SourceText
    let allowRawHTML: Bool
    let prettyURLs: Bool
    /// Set for a single self-contained page: turns each image URL into a `data:` URI (nil
    /// when it cannot be embedded). Links then become text with numbered notes.
    var embedImage: ((String, SourceLocation) -> String?)?

    struct Output {
        var body = RenderedBody(html: [], pieces: [])
        var mentions: [Mention] = []
        var blocks: [TextBlock] = []
        var headings: [Heading] = []
        var blockIDs: [String] = []
        var localLinks: [LocalLink] = []
        var wordCount = 0
        /// The plain text of the whole body (`ParsedFile.text`).
        var text = ""
        var lead: TextBlock?
        /// The text of the opening level-1 heading taken out of the body, if asked for.
        var title: String?
        /// Single-file pages: the targets of outside links, numbered from 1 in the body.
        var notes: [String] = []
        var diagnostics: [Diagnostic] = []
        /// Nothing but blank lines (a table, an image or code alone is a body).
        var isEmpty = false
    }

    /// A mention found by the first walk, applied to the tree by the second step.
    enum MentionSite {
        case wikilink(text: MarkdownNode, links: [(MentionScanner.Wikilink, SourceLocation)])
        /// `[[target|label]]` whose label is formatted: `open` ends with `[[target|` and a
        /// head of the label, `close` starts with the label's tail and `]]`.
        case formattedWikilink(open: MarkdownNode, link: MentionScanner.Wikilink, close: MarkdownNode, location: SourceLocation)
        /// `kind` is nil for `doc:`.
        case typedLink(link: MarkdownNode, kind: EntityKind?, target: String, fragment: String?, location: SourceLocation)
    }

    /// With `titleFromBody`, a level-1 heading that opens the body becomes `Output.title` and
    /// leaves the body: the page shows it as its one `h1`.
    ///
    /// With `knownTitle` (the front matter's), an opening level-1 heading that says the same
    /// leaves the body too: the page's `h1` already says it, and the contents would repeat it.
    func parse(body: [UInt8], titleFromBody: Bool = false, knownTitle: String? = nil) -> Output {
        // Most bodies cannot hold a code point HTML forbids: then no text needs replacing.
        let clean = !body.withUnsafeBufferPointer { String.mayDecodeToForbiddenHTMLCodePoint(markdown: $0) }
        // A single file is read on paper too: its callouts never fold.
        let document = MarkdownDocument(parsing: body, flavor: .gfm(foldingCallouts: embedImage == nil))
        var output = Output()
        if titleFromBody {
            output.title = takeTitle(from: document)
        } else if let knownTitle, !knownTitle.isEmpty {
            _ = takeTitle(from: document, matching: knownTitle)
        }
        // After the title leaves: a body that was only `# Title` is empty.
        output.isEmpty = document.rootNode.firstChild == nil
        var collector = MentionCollector(source: source, prettyURLs: embedImage == nil ? prettyURLs : nil)
        document.walk { node, entering in collector.visit(node, entering: entering) }
        output.diagnostics = collector.diagnostics + footnoteDiagnostics(document.footnotes)
        output.localLinks = collector.localLinks
        output.mentions = apply(collector.sites, headings: collector.headings, to: document)
        // Block ids need a `^` besides footnotes'; most bodies have none, and then the tree is
        // not walked again.
        if body.withUnsafeBufferPointer(BlockIDs.mayHold) {
            output.blockIDs = BlockIDs.apply(to: document)
        }
        demoteHeadings(collector.headings)
        measure(document, clean: clean, into: &output)
        // After measuring, so a single file's passages and word count are the site's.
        if let embedImage { output.notes = StandaloneLinks(source: source, embedImage: embedImage).rewrite(document) }
        output.body = document.withRenderedHTML(allowRawHTML: allowRawHTML) {
            Self.segments(of: $0, headings: output.headings, clean: clean)
        }
        return output
    }

    private func footnoteDiagnostics(_ report: FootnoteReport) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for site in report.undefined {
            let suggestion = Suggestion.closest(to: site.label, among: report.labels).map { " (did you mean '[^\($0)]'?)" } ?? ""
            diagnostics.append(.error(.footnoteUndefined, "footnote '[^\(site.label)]' has no definition\(suggestion)",
                                      at: source.location(line: site.line, column: site.column)))
        }
        for site in report.unused {
            diagnostics.append(.warning(.footnoteUnused, "footnote '[^\(site.label)]' is defined but never referenced; it is left out",
                                        at: source.location(line: site.line, column: site.column)))
        }
        for site in report.duplicates {
            diagnostics.append(.warning(.footnoteDuplicate, "footnote '[^\(site.label)]' is defined twice; the first definition is used",
                                        at: source.location(line: site.line, column: site.column)))
        }
        return diagnostics
    }

    // MARK: - Tree edits

    private func takeTitle(from document: MarkdownDocument, matching known: String? = nil) -> String? {
        guard let first = document.rootNode.firstChild, first.kind == .heading, first.headingLevel == 1 else { return nil }
        if let known, lookupKey(Self.plainText(of: first)) != lookupKey(known) { return nil }
        // A heading with links or mentions stays in the body, where they can be linked.
        var child = first.firstChild
        while let node = child {
            if node.kind == .link || node.kind == .image || node.literal?.contains("[[") == true { return nil }
            child = node.next
        }
        let title = Self.plainText(of: first).replacingForbiddenHTMLCodePoints
        first.remove()
        return title.isEmpty ? nil : title
    }

    /// The page's title is its only `h1`: a body that uses level-1 headings has all its
    /// headings moved one level down.
    private func demoteHeadings(_ headings: [MarkdownNode]) {
        guard headings.contains(where: { $0.headingLevel == 1 }) else { return }
        for heading in headings { heading.setHeadingLevel(min(6, heading.headingLevel + 1)) }
    }

    /// Replaces each mention by a custom inline that renders as a marker pair, and puts an
    /// anchor marker at the start of each heading. Returns the mentions in document order.
    private func apply(_ sites: [MentionSite], headings: [MarkdownNode], to document: MarkdownDocument) -> [Mention] {
        var mentions: [Mention] = []
        var noteEmbeds: [(hole: MarkdownNode, index: Int)] = []
        func makeHole(_ mention: Mention) -> MarkdownNode {
            let index = mentions.count
            let hole = document.makeCustomInline(onEnter: Marker.start(index), onExit: Marker.end(index))
            hole.tag = index + 1
            mentions.append(mention)
            return hole
        }
        for site in sites {
            switch site {
            case let .wikilink(text, links):
                let bytes = text.withLiteralBytes { Array($0) }
                var cursor = 0
                for (link, location) in links {
                    // An embed's `!` goes with it.
                    let textEnd = link.embed && link.start - 1 >= cursor ? link.start - 1 : link.start
                    if textEnd > cursor {
                        text.insertBefore(document.makeText(String(decoding: bytes[cursor..<textEnd], as: UTF8.self)))
                    }
                    let mention = Mention(form: link.tag ? .tag : .wikilink, target: link.target, kind: link.kind, shown: link.shown ?? link.target,
                                          hasShownText: link.shown != nil, fragment: link.fragment, toDocument: link.toDocument,
                                          embed: link.embed, location: location, block: -1)
                    let hole = makeHole(mention)
                    // An embed shows its target; the text after `|` is its size or caption.
                    if let shown = link.shown, !link.embed { hole.append(document.makeText(shown)) }
                    if link.embed, !Mention.namesFile(link.target) { noteEmbeds.append((hole, mentions.count - 1)) }
                    text.insertBefore(hole)
                    cursor = link.end
                }
                if cursor < bytes.count {
                    text.setLiteral(String(decoding: bytes[cursor...], as: UTF8.self))
                } else {
                    text.remove()
                }
            case let .formattedWikilink(open, link, close, location):
                applyFormattedLabel(open: open, close: close, document: document) { shown in
                    makeHole(Mention(form: .wikilink, target: link.target, kind: link.kind, shown: shown, fragment: link.fragment,
                                     toDocument: link.toDocument, location: location, block: -1))
                }
            case let .typedLink(link, kind, target, fragment, location):
                let shown = Self.plainText(of: link)
                let hole = makeHole(Mention(form: .typedLink, target: target, kind: kind, shown: shown, fragment: fragment,
                                            toDocument: kind == nil, location: location, block: -1))
                link.insertBefore(hole)
                link.moveChildren(to: hole)
                link.remove()
            }
        }
        // A note, a section or an entity's card shown in place is a block of its own: in the
        // middle of a paragraph, the paragraph ends before it and goes on after it, as
        // Obsidian shows it. In a heading, a table, a callout's title or formatting, it is a link.
        for (hole, index) in noteEmbeds {
            guard let paragraph = hole.parent, paragraph.kind == .paragraph, !paragraph.isTableCell, !paragraph.isBareParagraph,
                  let rest = document.splitParagraph(after: hole) else {
                mentions[index].embed = false
                continue
            }
            rest.insertBefore(document.makeCustomBlock(onEnter: Marker.start(index), onExit: Marker.end(index)))
            hole.remove()
            for part in [paragraph, rest] {
                Self.trimBlankEdges(of: part)
                if part.firstChild == nil { part.remove() }
            }
        }
        for (index, heading) in headings.enumerated() {
            let marker = document.makeCustomInline(onEnter: Marker.heading(index), onExit: "")
            marker.tag = -(index + 1)
            heading.prepend(marker)
        }
        return mentions
    }

    /// Moves the label of `[[target|head `code` tail]]` into the hole `makeHole` gives for
    /// its plain text, and leaves the text before `[[` and after `]]` where they were.
    private func applyFormattedLabel(open: MarkdownNode, close: MarkdownNode, document: MarkdownDocument,
                                     makeHole: (String) -> MarkdownNode) {
        // The open text's own wikilinks were applied: the unclosed `[[` is its last.
        let bytes = open.withLiteralBytes { Array($0) }, tail = close.withLiteralBytes { Array($0) }
        guard let start = bytes.indices.dropLast().last(where: { bytes[$0] == 0x5B && bytes[$0 + 1] == 0x5B }),
              let pipe = bytes[start...].firstIndex(of: UInt8(ascii: "|")),
              let end = tail.indices.dropLast().first(where: { tail[$0] == 0x5D && tail[$0 + 1] == 0x5D }),
              let first = open.next else { return }
        // Spaces inside the brackets are not part of the label, as for a plain one.
        let head = String(String(decoding: bytes[(pipe + 1)...], as: UTF8.self).drop(while: \.isWhitespace))
        var last = String(decoding: tail[..<end], as: UTF8.self)
        while last.last?.isWhitespace == true { last.removeLast() }
        var middle: [MarkdownNode] = []
        var node: MarkdownNode? = first
        while let current = node, current != close {
            middle.append(current)
            node = current.next
        }
        let shown = (head + middle.map { $0.kind == .code || $0.kind == .text ? $0.literal ?? "" : Self.plainText(of: $0) }.joined() + last).trimmingSpaces
        let hole = makeHole(shown)
        first.insertBefore(hole)
        if !head.isEmpty { hole.append(document.makeText(head)) }
        for current in middle { hole.append(current) }
        if !last.isEmpty { hole.append(document.makeText(last)) }
        if start > 0 { open.setLiteral(String(decoding: bytes[..<start], as: UTF8.self)) } else { open.remove() }
        if end + 2 < tail.count { close.setLiteral(String(decoding: tail[(end + 2)...], as: UTF8.self)) } else { close.remove() }
    }

    /// Takes line breaks and spaces off both ends of a paragraph split around an embed.
    private static func trimBlankEdges(of paragraph: MarkdownNode) {
        for atStart in [true, false] {
            while let edge = atStart ? paragraph.firstChild : paragraph.lastChild {
                if edge.kind == .softBreak || edge.kind == .lineBreak {
                    edge.remove()
                    continue
                }
                guard edge.kind == .text, let literal = edge.literal else { break }
                let trimmed = atStart ? String(literal.drop(while: \.isWhitespace))
                    : String(literal.reversed().drop(while: \.isWhitespace).reversed())
                if trimmed.isEmpty {
                    edge.remove()
                    continue
                }
                if trimmed.utf8.count != literal.utf8.count { edge.setLiteral(trimmed) }
                break
            }
        }
    }

    static func plainText(of node: MarkdownNode) -> String {
        var text = ""
        var child = node.firstChild
        while let current = child {
            switch current.kind {
            case .text, .code: text += current.literal ?? ""
            case .softBreak, .lineBreak: text += " "
            default: text += plainText(of: current)
            }
            child = current.next
        }
        return text
    }

    // MARK: - Blocks, headings, words

    private func measure(_ document: MarkdownDocument, clean: Bool, into output: inout Output) {
        // The block's plain text as bytes: a `String` is made only for a block that needs
        // one (a heading, the lead, a footnote, a block with mentions), not per literal.
        var text: [UInt8] = []
        text.reserveCapacity(1024)
        var spans: [TextBlock.Span] = []
        var notes: [TextBlock.Note] = []
        var openStart = 0
        var blockLine = 0
        var currentAnchor: String?
        // Footnote ids are taken first: a heading "Fn 1" gets `fn-1-2`.
        var usedAnchors = document.footnotes.reservedIDs
        var nextSuffix: [String: Int] = [:]
        // The plain text of each footnote, gathered at the end of the walk, for the blocks
        // that cite it.
        var noteText: [Int: String] = [:]
        var currentNote: Int?
        // The whole body's plain text: each paragraph and heading on its line, and the text
        // outside them (table cells, code blocks) as it comes.
        var all: [UInt8] = []
        var inBlock = false
        /// Appends a line to the whole text; returns where it starts.
        @discardableResult
        func line(_ bytes: some Collection<UInt8>) -> Int {
            if !all.isEmpty, all.last != 0x0A { all.append(0x0A) }
            defer { all.append(contentsOf: bytes) }
            return all.count
        }
        // Where the text of each block, and of the lead, stands in the whole text: blocks
        // are slices of it, made once it is complete.
        var blockRanges: [Range<Int>] = []
        var leadRange: Range<Int>?
        document.walk { node, entering in
            let kind = node.kind
            if kind == .customBlock, let number = node.footnoteItem {
                currentNote = entering ? number : nil
                return
            }
            switch kind {
            case .paragraph, .heading:
                if entering {
                    text.removeAll(keepingCapacity: true)
                    spans = []
                    notes = []
                    blockLine = node.startLine
                    inBlock = true
                    return
                }
                inBlock = false
                let start = line(text)
                let range = start..<start + text.count
                let isLead = kind == .paragraph && output.lead == nil && currentNote == nil && !node.isBareParagraph
                guard currentNote != nil || kind == .heading || isLead || !spans.isEmpty else { return }
                // Headings and footnotes need their own string; blocks take theirs from the whole text.
                let text = currentNote != nil || kind == .heading ? String(decoding: text, as: UTF8.self) : ""
                if let number = currentNote {
                    noteText[number, default: ""] += (noteText[number]?.isEmpty == false ? " " : "") + text
                }
                var anchor = currentAnchor
                if kind == .heading {
                    // Slugs never hold `_`, so ids the theme spells with one cannot clash.
                    let slugged = Slug.make(text)
                    let base = slugged.isEmpty ? "section" : slugged
                    var n = nextSuffix[base, default: 1]
                    var slug = n == 1 ? base : "\(base)-\(n)"
                    while usedAnchors.contains(slug) {
                        n += 1
                        slug = "\(base)-\(n)"
                    }
                    nextSuffix[base] = n + 1
                    usedAnchors.insert(slug)
                    output.headings.append(Heading(level: node.headingLevel, text: text, anchor: slug,
                                                   block: spans.isEmpty ? nil : output.blocks.count))
                    currentAnchor = slug
                    anchor = slug
                }
                if isLead {
                    output.lead = TextBlock(text: "", spans: spans, line: blockLine, anchor: anchor)
                    leadRange = range
                }
                if !spans.isEmpty {
                    for span in spans { output.mentions[span.mention].block = output.blocks.count }
                    output.blocks.append(TextBlock(text: "", spans: spans, line: blockLine, anchor: anchor, notes: notes))
                    blockRanges.append(range)
                }
            case .text, .code:
                output.wordCount += node.withLiteralBytes { literal in
                    if !inBlock {
                        if let last = all.last, last != 0x20, last != 0x0A { all.append(0x20) }
                        all.append(contentsOf: literal)
                    }
                    if clean {
                        text.append(contentsOf: literal)
                    } else {
                        text.append(contentsOf: String(decoding: literal, as: UTF8.self).replacingForbiddenHTMLCodePoints.utf8)
                    }
                    return Self.countWords(literal)
                }
            case .codeBlock:
                output.wordCount += node.withLiteralBytes { literal in
                    line(literal)
                    return Self.countWords(literal)
                }
            case .softBreak, .lineBreak:
                text.append(0x20)
            case .customInline where entering && node.isTableCell:
                // Cells read as words apart, not run together.
                if let last = text.last, last != 0x20 { text.append(0x20) }
            case .customInline where entering && node.footnoteReference != nil:
                notes.append(TextBlock.Note(number: node.footnoteReference!, offset: text.count, text: ""))
            case .customInline where node.tag > 0:
                let index = node.tag - 1
                if entering {
                    openStart = text.count
                    let mention = output.mentions[index]
                    if !mention.hasShownText {
                        if !inBlock { all.append(contentsOf: mention.shown.utf8) }
                        text.append(contentsOf: (clean ? mention.shown : mention.shown.replacingForbiddenHTMLCodePoints).utf8)
                        output.wordCount += Self.countWords(mention.shown)
                    }
                } else {
                    spans.append(TextBlock.Span(mention: index, start: openStart, end: text.count))
                }
            default:
                break
            }
        }
        let whole = UTF8Check.string(all)
        output.text = whole ?? String(decoding: all, as: UTF8.self)
        func slice(_ range: Range<Int>) -> Substring {
            // Text that needed repair does not keep its offsets: the block gets its own.
            guard whole != nil else { return Substring(String(decoding: all[range], as: UTF8.self)) }
            let utf8 = output.text.utf8
            return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)])
        }
        for (index, range) in blockRanges.enumerated() { output.blocks[index].text = slice(range) }
        if let leadRange { output.lead?.text = slice(leadRange) }
        guard !noteText.isEmpty else { return }
        for index in output.blocks.indices where !output.blocks[index].notes.isEmpty {
            for k in output.blocks[index].notes.indices {
                output.blocks[index].notes[k].text = noteText[output.blocks[index].notes[k].number] ?? ""
            }
        }
    }

    static func countWords(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable(countWords) ?? Array(text.utf8).withUnsafeBufferPointer(countWords)
    }

    /// Words are runs of bytes other than space, tab, line feed and carriage return: each
    /// non-space byte after a space starts one. Eight bytes at a time where the only bytes
    /// up to 0x20 are spaces and line feeds (nearly every word of prose); a byte at a time,
    /// branch-free, for a word with a tab, a carriage return or a control byte, and the tail.
    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        // Bit n set: byte n is a space (0x09, 0x0A, 0x0D, 0x20).
        let spaces: UInt64 = 1 << 0x09 | 1 << 0x0A | 1 << 0x0D | 1 << 0x20
        var count = 0
        /// 1 when the byte before is a space (or there is none).
        var previousSpace: UInt64 = 1
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base), n = bytes.count
        var i = 0
        while i < n {
            var end = n
            if i + 8 <= n {
                let word = ByteWord.load(raw, i)
                let space = ByteWord.equal(word, 0x20) | ByteWord.equal(word, 0x0A)
                if ByteWord.below(word, 0x21) == space {
                    // A word starts at each non-space byte whose byte before is a space.
                    let before = space << 8 | previousSpace << 7
                    count &+= ByteWord.count(~space & ByteWord.high & before)
                    previousSpace = space >> 63
                    i += 8
                    continue
                }
                end = i + 8
            }
            while i < end {
                let byte = bytes[i]
                let space = (spaces >> UInt64(byte & 0x3F)) & 1 & (byte <= 0x20 ? 1 : 0)
                count &+= Int(truncatingIfNeeded: previousSpace & (space ^ 1))
                previousSpace = space
                i += 1
            }
        }
        return count
    }

    // MARK: - HTML with holes

    /// Splits rendered HTML at the markers. In safe mode content can never produce a raw
    /// `<`, so a marker cannot be forged; with raw HTML on, the writer is trusted anyway.
    /// `clean` says the body cannot hold a code point HTML forbids (`mayDecodeToForbiddenHTMLCodePoint`).
    static func segments(of html: UnsafeBufferPointer<UInt8>, headings: [Heading], clean: Bool) -> RenderedBody {
        var pieces: [RenderedBody.Piece] = []
        // The body's HTML; the piece being gathered is its tail from `pieceStart`.
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        var pieceStart = 0
        /// Text from content may hold code points HTML forbids; markers are found first.
        /// cmark's output is UTF-8 as its input was: no `String` (and no validation) is made.
        func flush() {
            guard out.count > pieceStart else { return }
            if !clean {
                let text = String(decoding: out[pieceStart...], as: UTF8.self).replacingForbiddenHTMLCodePoints
                out.removeSubrange(pieceStart...)
                out += text.utf8
            }
            pieces.append(.html(pieceStart..<out.count))
            pieceStart = out.count
        }
        guard let base = html.baseAddress else { return RenderedBody(html: [], pieces: []) }
        let n = html.count
        var chunkStart = 0
        var from = 1
        // Markers are `<`, 0x01, a letter, digits, `>`: found by their rare second byte.
        while from < n, let hit = memchr(base + from, Int32(Marker.byte), n - from) {
            let one = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = one + 1
            let i = one - 1
            guard html[i] == 0x3C, one + 1 < n else { continue }
            var close = one + 2
            while close < n, close - i <= 12, html[close] >= 0x30, html[close] <= 0x39 { close += 1 }
            guard close < n, html[close] == 0x3E, close - i >= 4, close - i <= 12 else { continue }
            var number = 0
            for k in (one + 2)..<close { number = number * 10 + Int(html[k] - 0x30) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: html[chunkStart..<i]))
            chunkStart = close + 1
            from = chunkStart + 1
            switch html[one + 1] {
            case UInt8(ascii: "m"):
                flush()
                pieces.append(.mentionStart(number))
            case UInt8(ascii: "e"):
                flush()
                pieces.append(.mentionEnd(number))
            case UInt8(ascii: "b"):
                // A paragraph rendered bare (a table row, a callout's title) loses its `<p>`…
                if out.count - pieceStart >= 3, out[(out.count - 3)...].elementsEqual("<p>".utf8) { out.removeLast(3) }
            case UInt8(ascii: "B"):
                // …and its `</p>`.
                if UnsafeBufferPointer(rebasing: html[chunkStart...]).starts(with: "</p>".utf8) {
                    chunkStart += 4
                    from = chunkStart + 1
                }
            case UInt8(ascii: "h") where number < headings.count:
                // `<h2>` was just written: give it the heading's id.
                if out.count > pieceStart, out.last == 0x3E, Self.holdsHeadingTag(out[pieceStart...]) {
                    out.removeLast()
                    out.append(contentsOf: " id=\"\(headings[number].anchor)\">".utf8)
                }
            default:
                break
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[min(chunkStart, n)..<n]))
        flush()
        return RenderedBody(html: out, pieces: pieces)
    }

    /// Whether `bytes` hold an `<h` (searched from the end, where the heading just opened).
    private static func holdsHeadingTag(_ bytes: ArraySlice<UInt8>) -> Bool {
        var i = bytes.endIndex - 2
        while i >= bytes.startIndex {
            if bytes[i] == 0x3C, bytes[i + 1] == 0x68 { return true }
            i -= 1
        }
        return false
    }
}

/// The markers custom inlines render as: `<` then 0x01, a letter and a number, `>`.
enum Marker {
    static let byte: UInt8 = 0x01
    static func start(_ index: Int) -> String { marker(UInt8(ascii: "m"), index) }
    static func end(_ index: Int) -> String { marker(UInt8(ascii: "e"), index) }
    static func heading(_ index: Int) -> String { marker(UInt8(ascii: "h"), index) }

    /// Written byte by byte: an interpolation went through `description` and three appends,
    /// for two markers a mention.
    private static func marker(_ letter: UInt8, _ index: Int) -> String {
        precondition(index >= 0)
        return String(unsafeUninitializedCapacity: 24) { buffer in
            buffer[0] = 0x3C
            buffer[1] = byte
            buffer[2] = letter
            var digits = 1, rest = index / 10
            while rest > 0 { digits += 1; rest /= 10 }
            var value = index
            for k in stride(from: 2 + digits, through: 3, by: -1) {
                buffer[k] = 0x30 + UInt8(value % 10)
                value /= 10
            }
            buffer[3 + digits] = 0x3E
            return 4 + digits
        }
    }
}
