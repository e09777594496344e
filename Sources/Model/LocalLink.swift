/// A Markdown link or image written to a file of the site (`[x](other.md#part)`,
/// `![map](images/map.png)`), as written, for the link step to check that it arrives.
package struct LocalLink: Hashable, Sendable {
    /// The destination as written (percent-encoded as cmark keeps it).
    package var url: String
    package var isImage: Bool
    package var location: SourceLocation
    /// The address the page was given for it at parse time (`../map.png`).
    package var rewritten: String

    package init(url: String, isImage: Bool, location: SourceLocation, rewritten: String? = nil) {
        self.url = url
        self.isImage = isImage
        self.location = location
        self.rewritten = rewritten ?? url
    }
}
