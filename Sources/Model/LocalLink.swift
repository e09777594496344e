/// A Markdown link or image written to a file of the site (`[x](other.md#part)`,
/// `![map](images/map.png)`), as written, for the link step to check that it arrives.
package struct LocalLink: Hashable, Sendable {
    /// The destination as written (percent-encoded as cmark keeps it).
    package var url: String
    package var isImage: Bool
    package var location: SourceLocation

    package init(url: String, isImage: Bool, location: SourceLocation) {
        self.url = url
        self.isImage = isImage
        self.location = location
    }
}
