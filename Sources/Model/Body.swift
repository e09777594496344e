/// A document body rendered to HTML once, at parse time, with holes where mentions go:
/// the link step decides what each mention points at, and the page renderer fills the holes.
public struct RenderedBody: Hashable, Sendable {
    public enum Segment: Hashable, Sendable {
        case html(String)
        case mentionStart(Int)
        case mentionEnd(Int)
    }

    public var segments: [Segment]

    public init(segments: [Segment]) { self.segments = segments }
}

/// The plain text of a paragraph, heading or list item, with where each mention sits in it.
/// It is the context a mention is quoted in on entity pages, and the unit of co-occurrence.
public struct TextBlock: Hashable, Sendable {
    public struct Span: Hashable, Sendable {
        public var mention: Int
        /// UTF-8 offsets into `text`.
        public var start: Int
        public var end: Int

        public init(mention: Int, start: Int, end: Int) {
            self.mention = mention
            self.start = start
            self.end = end
        }
    }

    /// A footnote the block cites: its number on the page, where its reference stands in
    /// `text` (a UTF-8 offset), and the note's plain text. A quoted passage keeps them.
    public struct Note: Hashable, Sendable {
        public var number: Int
        public var offset: Int
        public var text: String

        public init(number: Int, offset: Int, text: String) {
            self.number = number
            self.offset = offset
            self.text = text
        }
    }

    public var text: String
    public var spans: [Span]
    public var line: Int
    /// The id of the nearest heading above, for links straight to the passage.
    public var anchor: String?
    public var notes: [Note]

    public init(text: String, spans: [Span], line: Int, anchor: String?, notes: [Note] = []) {
        self.text = text
        self.spans = spans
        self.line = line
        self.anchor = anchor
        self.notes = notes
    }
}

/// A heading of a document, for its table of contents.
public struct Heading: Hashable, Sendable {
    public var level: Int
    /// Plain text; a bare `[[target]]` in it reads as its target (see `block`).
    public var text: String
    public var anchor: String
    /// The heading's entry in `ParsedFile.blocks` when it holds mentions, so pages can show
    /// entity names in place of bare targets.
    public var block: Int?

    public init(level: Int, text: String, anchor: String, block: Int? = nil) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.block = block
    }
}
