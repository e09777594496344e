/// What a file is in the site: a document in a section, or the description of an entity.
package enum FileRole: Hashable, Sendable {
    /// `section` is the first folder under `Content/` (`articles`, `briefings`, or "" at the
    /// top); `urlPath` is the page's folder, e.g. `articles/tajik-iran`.
    case document(section: String, urlPath: String)
    case entity(EntityKey)
}

/// One content file after the parse stage: typed front matter, the body rendered with holes
/// for mentions, the mentions with their positions, and the problems found.
///
/// A value type whose fields live in one shared, copy-on-write box: a site holds tens of
/// thousands of these and every stage passes them around, and copying ten fields meant ten
/// reference counts per copy (a fifth of a `serve` rebuild's time at 10,000 articles went to
/// retaining and releasing them). Two copies of the same parse compare equal without looking
/// at their contents.
package struct ParsedFile: Hashable, Sendable {
    private final class Storage: @unchecked Sendable {
        var path: String
        var role: FileRole
        var frontMatter: FrontMatter?
        var body: RenderedBody
        var mentions: [Mention]
        var blocks: [TextBlock]
        var headings: [Heading]
        var blockIDs: [String] = []
        var localLinks: [LocalLink] = []
        var wordCount: Int
        var text = ""
        var lead: TextBlock?
        var diagnostics: [Diagnostic]

        init(path: String, role: FileRole, frontMatter: FrontMatter?, body: RenderedBody, mentions: [Mention],
             blocks: [TextBlock], headings: [Heading], wordCount: Int, lead: TextBlock?, diagnostics: [Diagnostic]) {
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

        func copy() -> Storage {
            let copy = Storage(path: path, role: role, frontMatter: frontMatter, body: body, mentions: mentions, blocks: blocks,
                               headings: headings, wordCount: wordCount, lead: lead, diagnostics: diagnostics)
            copy.blockIDs = blockIDs
            copy.localLinks = localLinks
            copy.text = text
            return copy
        }
    }

    // Mutated only through `unique()`, so sharing it keeps value semantics.
    private var storage: Storage

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    /// Site-relative path, e.g. `Content/articles/x.md`.
    package var path: String {
        get { storage.path }
        set { unique(); storage.path = newValue }
    }
    package var role: FileRole {
        get { storage.role }
        set { unique(); storage.role = newValue }
    }
    /// A document's page folder; nil for an entity's description. Read in place: `role`
    /// returns a copy, retaining its strings.
    package var documentURLPath: String? {
        if case .document(_, let urlPath) = storage.role { return urlPath }
        return nil
    }
    /// Nil when the front matter could not be read; the file then produces no page.
    package var frontMatter: FrontMatter? {
        get { storage.frontMatter }
        set { unique(); storage.frontMatter = newValue }
    }
    package var body: RenderedBody {
        get { storage.body }
        set { unique(); storage.body = newValue }
    }
    package var mentions: [Mention] {
        get { storage.mentions }
        set { unique(); storage.mentions = newValue }
    }
    package var blocks: [TextBlock] {
        get { storage.blocks }
        set { unique(); storage.blocks = newValue }
    }
    /// The blocks and the mentions, read in place: no copy of either list, nor of a block.
    package func withBlocks<Result>(_ body: (UnsafeBufferPointer<TextBlock>, UnsafeBufferPointer<Mention>) -> Result) -> Result {
        storage.blocks.withUnsafeBufferPointer { blocks in storage.mentions.withUnsafeBufferPointer { body(blocks, $0) } }
    }
    package var headings: [Heading] {
        get { storage.headings }
        set { unique(); storage.headings = newValue }
    }
    /// Obsidian block ids (`^id` ending a paragraph): anchors `#^id` links reach.
    package var blockIDs: [String] {
        get { storage.blockIDs }
        set { unique(); storage.blockIDs = newValue }
    }
    /// Links and images to files of the site, as written, for the link step to check.
    package var localLinks: [LocalLink] {
        get { storage.localLinks }
        set { unique(); storage.localLinks = newValue }
    }
    package var wordCount: Int {
        get { storage.wordCount }
        set { unique(); storage.wordCount = newValue }
    }
    /// The body's plain text, a line per paragraph, heading, table or code block: what
    /// full-text search indexes and quotes.
    package var text: String {
        get { storage.text }
        set { unique(); storage.text = newValue }
    }
    /// The first paragraph, for summaries and meta descriptions.
    package var lead: TextBlock? {
        get { storage.lead }
        set { unique(); storage.lead = newValue }
    }
    package var diagnostics: [Diagnostic] {
        get { storage.diagnostics }
        set { unique(); storage.diagnostics = newValue }
    }

    package init(
        path: String, role: FileRole, frontMatter: FrontMatter?, body: RenderedBody = .init(segments: []),
        mentions: [Mention] = [], blocks: [TextBlock] = [], headings: [Heading] = [], wordCount: Int = 0,
        lead: TextBlock? = nil, diagnostics: [Diagnostic] = []
    ) {
        storage = Storage(path: path, role: role, frontMatter: frontMatter, body: body, mentions: mentions, blocks: blocks,
                          headings: headings, wordCount: wordCount, lead: lead, diagnostics: diagnostics)
    }

    package static func == (lhs: ParsedFile, rhs: ParsedFile) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.path == rhs.path
            && lhs.role == rhs.role
            && lhs.frontMatter == rhs.frontMatter
            && lhs.body == rhs.body
            && lhs.mentions == rhs.mentions
            && lhs.blocks == rhs.blocks
            && lhs.headings == rhs.headings
            && lhs.blockIDs == rhs.blockIDs
            && lhs.localLinks == rhs.localLinks
            && lhs.wordCount == rhs.wordCount
            && lhs.text == rhs.text
            && lhs.lead == rhs.lead
            && lhs.diagnostics == rhs.diagnostics
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(role)
        hasher.combine(frontMatter)
        hasher.combine(body)
        hasher.combine(mentions)
        hasher.combine(blocks)
        hasher.combine(headings)
        hasher.combine(blockIDs)
        hasher.combine(localLinks)
        hasher.combine(wordCount)
        hasher.combine(lead)
        hasher.combine(diagnostics)
    }
}
