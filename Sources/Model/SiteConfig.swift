/// Settings from `dossier.yml`; every key is optional.
public struct SiteConfig: Hashable, Sendable {
    public enum Autolink: String, Sendable, CaseIterable { case off, first, all }

    public var title = "Dossier"
    public var baseURL = ""
    public var language = "en"
    /// `ltr` or `rtl`.
    public var direction = "ltr"
    public var description = ""
    public var autolink = Autolink.off
    /// Pass raw HTML in Markdown through (cmark's unsafe mode). Off by default.
    public var unsafeHTML = false
    /// Documents listed per entity page before it paginates.
    public var paginate = 50
    /// Markdown files larger than this many bytes are diagnosed, not parsed.
    public var maxFileSize = 4 * 1024 * 1024
    /// Build documents marked `draft: true`.
    public var drafts = false
    /// Link to folders (`actors/iran/`) rather than files (`actors/iran/index.html`).
    /// Off by default so the generated site can be browsed straight from disk.
    public var prettyURLs = false

    public init() {}
}
