/// A document body rendered to HTML once, at parse time, with holes where mentions go:
/// the link step decides what each mention points at, and the page renderer fills the holes.
///
/// The HTML between the holes is one buffer, not a `String` per piece: a body of 25
/// mentions was 50 strings, each allocated and validated at parse time, validated again
/// when the cache was read, and a heap object of its own for the page renderer to reach.
package struct RenderedBody: Hashable, Sendable {
    /// The body as pieces in order: HTML (a range of `html`), or a mention's hole opening
    /// or closing.
    package enum Piece: Hashable, Sendable {
        case html(Range<Int>)
        case mentionStart(Int)
        case mentionEnd(Int)
    }

    /// The same pieces with their HTML as text: what tests and the rare reader of a body's
    /// text compare.
    package enum Segment: Hashable, Sendable {
        case html(String)
        case mentionStart(Int)
        case mentionEnd(Int)
    }

    /// The UTF-8 HTML of every piece, end to end.
    package private(set) var html: [UInt8]
    package private(set) var pieces: [Piece]

    /// `pieces`' ranges lie within `html`, in order (the cache's reader checks a decoded body).
    package init(html: [UInt8], pieces: [Piece]) {
        self.html = html
        self.pieces = pieces
    }

    package init(segments: [Segment]) {
        var html: [UInt8] = []
        pieces = segments.map { segment in
            switch segment {
            case .html(let text):
                let start = html.count
                html += text.utf8
                return .html(start..<html.count)
            case .mentionStart(let i): return .mentionStart(i)
            case .mentionEnd(let i): return .mentionEnd(i)
            }
        }
        self.html = html
    }

    package var segments: [Segment] {
        pieces.map { piece in
            switch piece {
            case .html(let range): .html(String(decoding: html[range], as: UTF8.self))
            case .mentionStart(let i): .mentionStart(i)
            case .mentionEnd(let i): .mentionEnd(i)
            }
        }
    }

    /// Whether a piece of the body's HTML holds `needle` (markup, such as `<img`).
    package func htmlContains(_ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        return pieces.contains { piece in
            guard case .html(let range) = piece, range.count >= needle.count else { return false }
            return (range.lowerBound...(range.upperBound - needle.count)).contains { html[$0..<($0 + needle.count)].elementsEqual(needle) }
        }
    }
}

/// The plain text of a paragraph, heading or list item, with where each mention sits in it.
/// It is the context a mention is quoted in on entity pages, and the unit of co-occurrence.
package struct TextBlock: Hashable, Sendable {
    package struct Span: Hashable, Sendable {
        package var mention: Int
        /// UTF-8 offsets into `text`.
        package var start: Int
        package var end: Int

        package init(mention: Int, start: Int, end: Int) {
            self.mention = mention
            self.start = start
            self.end = end
        }
    }

    /// A footnote the block cites: its number on the page, where its reference stands in
    /// `text` (a UTF-8 offset), and the note's plain text. A quoted passage keeps them.
    package struct Note: Hashable, Sendable {
        package var number: Int
        package var offset: Int
        package var text: String

        package init(number: Int, offset: Int, text: String) {
            self.number = number
            self.offset = offset
            self.text = text
        }
    }

    /// A slice of the file's plain text (`ParsedFile.text`), sharing its storage: blocks are
    /// most of a body, and holding their text twice was a tenth of a build's memory.
    package var text: Substring
    package var spans: [Span]
    package var line: Int
    /// The id of the nearest heading above, for links straight to the passage.
    package var anchor: String?
    package var notes: [Note]

    package init(text: Substring, spans: [Span], line: Int, anchor: String?, notes: [Note] = []) {
        self.text = text
        self.spans = spans
        self.line = line
        self.anchor = anchor
        self.notes = notes
    }
}

/// A heading of a document, for its table of contents.
package struct Heading: Hashable, Sendable {
    package var level: Int
    /// Plain text; a bare `[[target]]` in it reads as its target (see `block`).
    package var text: String
    package var anchor: String
    /// The heading's entry in `ParsedFile.blocks` when it holds mentions, so pages can show
    /// entity names in place of bare targets.
    package var block: Int?

    package init(level: Int, text: String, anchor: String, block: Int? = nil) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.block = block
    }
}
