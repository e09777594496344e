/// What the link step learnt about a mention beyond the entity it names: a link to a
/// document, a `#fragment` of the target page, or a bare `[[target]]` that shows its text as
/// written. Kept only for the mentions that have one (`Site.links`): most mentions are
/// plain entity mentions and need none.
package struct MentionLink: Hashable, Sendable {
    package enum Page: Hashable, Sendable {
        /// A document's page, by file index.
        case document(Int)
        /// An entity's page, by entity index (the mention also resolves to it).
        case entity(Int)
        /// A file copied with the site (`![[map.png]]`): its path from the site root,
        /// percent-encoded for a URL.
        case attachment(String)
    }

    package var page: Page
    /// The id on the target page the link reaches (a heading), when it reaches one.
    package var anchor: String?
    /// A bare `[[target]]` whose text is the target's alias, or its name or title in other
    /// letters: it is shown as written rather than replaced by the name.
    package var showsWritten: Bool

    package init(page: Page, anchor: String? = nil, showsWritten: Bool = false) {
        self.page = page
        self.anchor = anchor
        self.showsWritten = showsWritten
    }

    package var document: Int? {
        if case .document(let file) = page { return file }
        return nil
    }
}
