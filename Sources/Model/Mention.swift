/// A mention as written in a file, before linking: what it points at and where it is.
public struct Mention: Hashable, Sendable {
    public enum Form: String, Sendable, Hashable { case wikilink, typedLink = "link" }

    public var form: Form
    /// The target as written, without a kind prefix: an id, a name or an alias.
    public var target: String
    /// The kind named by a prefix (`[[event:x]]`) or a typed link (`actor:x`); nil otherwise.
    public var kind: EntityKind?
    /// The text shown to readers: the text after `|`, the typed link's text, or, for a bare
    /// `[[target]]`, the target as written (pages show the entity's name instead).
    public var shown: String
    /// False for a bare `[[target]]`, whose shown text is decided by the link step.
    public var hasShownText: Bool
    public var location: SourceLocation
    /// Index of the enclosing text block in `ParsedFile.blocks`.
    public var block: Int

    public init(
        form: Form, target: String, kind: EntityKind?, shown: String, hasShownText: Bool = true,
        location: SourceLocation, block: Int
    ) {
        self.form = form
        self.target = target
        self.kind = kind
        self.shown = shown
        self.hasShownText = hasShownText
        self.location = location
        self.block = block
    }
}

/// A reference to an entity from front matter (`actors: [iran]`), resolved by the link step.
public struct Reference: Hashable, Sendable {
    public var text: String
    public var location: SourceLocation

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}
