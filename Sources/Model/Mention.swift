/// A mention as written in a file, before linking: what it points at and where it is.
package struct Mention: Hashable, Sendable {
    /// `tag` is Obsidian's inline `#tag`, which names a theme.
    package enum Form: String, Sendable, Hashable { case wikilink, typedLink = "link", tag }

    package var form: Form
    /// The target as written, without a kind prefix: an id, a name or an alias.
    package var target: String
    /// The kind named by a prefix (`[[event:x]]`) or a typed link (`actor:x`); nil otherwise.
    package var kind: EntityKind?
    /// The text shown to readers: the text after `|`, the typed link's text, or, for a bare
    /// `[[target]]`, the target as written (pages show the entity's name instead).
    package var shown: String
    /// False for a bare `[[target]]`, whose shown text is decided by the link step.
    package var hasShownText: Bool
    /// The part after `#` (`[[note#Heading text]]`, `[[#Heading]]`), as written; nil without `#`.
    package var fragment: String?
    /// `doc:` restricts the target to documents (`[[doc:articles/x]]`, `[x](doc:articles/x)`).
    package var toDocument: Bool
    /// `![[target]]`: shown in place (an image, audio, video, a PDF, a note, an entity's card).
    package var embed: Bool
    package var location: SourceLocation
    /// Index of the enclosing text block in `ParsedFile.blocks`.
    package var block: Int

    package init(
        form: Form, target: String, kind: EntityKind?, shown: String, hasShownText: Bool = true,
        fragment: String? = nil, toDocument: Bool = false, embed: Bool = false, location: SourceLocation, block: Int
    ) {
        self.form = form
        self.target = target
        self.kind = kind
        self.shown = shown
        self.hasShownText = hasShownText
        self.fragment = fragment
        self.toDocument = toDocument
        self.embed = embed
        self.location = location
        self.block = block
    }
}

extension Mention {
    /// Whether a wikilink target names a file other than a note (`map.png`, `Report.pdf`):
    /// it ends in an extension of a few letters or digits that is not Markdown's.
    package static func namesFile(_ target: String) -> Bool {
        // On bytes when the dot and what follows it are ASCII (a character apiece); comparing
        // characters from the end cost thousands of instructions a target.
        var bytes = target
        let ascii: Bool? = bytes.withUTF8 { bytes in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")) else { return false }
            let ext = bytes[(dot + 1)...]
            guard dot == 0 || bytes[dot - 1] < 0x80, !ext.contains(where: { $0 >= 0x80 }) else { return nil }
            guard (1...5).contains(ext.count), ext.allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A || $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            return !(ext.count == 2 && ext.first! | 0x20 == UInt8(ascii: "m") && ext.last! | 0x20 == UInt8(ascii: "d"))
        }
        return ascii ?? namesFileByCharacters(target)
    }

    /// `namesFile` counting characters, for any target.
    package static func namesFileByCharacters(_ target: String) -> Bool {
        guard let dot = target.lastIndex(of: "."), !target[dot...].contains("/") else { return false }
        let ext = target[target.index(after: dot)...].lowercased()
        return (1...5).contains(ext.count) && ext.allSatisfy { $0.isLetter || $0.isNumber } && ext != "md" && ext != "markdown"
    }
}

/// A reference to an entity from front matter (`actors: [iran]`), resolved by the link step.
package struct Reference: Hashable, Sendable {
    package var text: String
    package var location: SourceLocation

    package init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
    }
}
