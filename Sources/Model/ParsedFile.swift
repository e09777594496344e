/// What a file is in the site: a document in a section, or the description of an entity.
public enum FileRole: Hashable, Sendable {
    /// `section` is the first folder under `Content/` (`articles`, `briefings`, or "" at the
    /// top); `urlPath` is the page's folder, e.g. `articles/tajik-iran`.
    case document(section: String, urlPath: String)
    case entity(EntityKey)
}

/// One content file after the parse stage: typed front matter, the body rendered with holes
/// for mentions, the mentions with their positions, and the problems found.
public struct ParsedFile: Hashable, Sendable {
    /// Site-relative path, e.g. `Content/articles/x.md`.
    public var path: String
    public var role: FileRole
    /// Nil when the front matter could not be read; the file then produces no page.
    public var frontMatter: FrontMatter?
    public var body: RenderedBody
    public var mentions: [Mention]
    public var blocks: [TextBlock]
    public var headings: [Heading]
    public var wordCount: Int
    /// The first paragraph, for summaries and meta descriptions.
    public var lead: TextBlock?
    public var diagnostics: [Diagnostic]

    public init(
        path: String, role: FileRole, frontMatter: FrontMatter?, body: RenderedBody = .init(segments: []),
        mentions: [Mention] = [], blocks: [TextBlock] = [], headings: [Heading] = [], wordCount: Int = 0,
        lead: TextBlock? = nil, diagnostics: [Diagnostic] = []
    ) {
        self.path = path
        self.role = role
        self.frontMatter = frontMatter
        self.body = body
        self.mentions = mentions
        self.blocks = blocks
        self.headings = headings
        self.wordCount = wordCount
        self.lead = lead
        self.diagnostics = diagnostics
    }
}
