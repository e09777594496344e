/// Settings from `dossier.yml`; every key is optional.
package struct SiteConfig: Hashable, Sendable {
    package enum Autolink: String, Sendable, CaseIterable { case off, first, all }

    package var title = "Dossier"
    package var baseURL = ""
    package var language = "en"
    /// `ltr` or `rtl`.
    package var direction = "ltr"
    package var description = ""
    package var autolink = Autolink.off
    /// Pass raw HTML in Markdown through (cmark's unsafe mode). Off by default.
    package var unsafeHTML = false
    /// Documents listed per entity page before it paginates.
    package var paginate = 50
    /// Markdown files larger than this many bytes are diagnosed, not parsed.
    package var maxFileSize = 4 * 1024 * 1024
    /// Build documents marked `draft: true`.
    package var drafts = false
    /// Link to folders (`actors/iran/`) rather than files (`actors/iran/index.html`).
    /// Off by default so the generated site can be browsed straight from disk.
    package var prettyURLs = false

    package init() {}
}
