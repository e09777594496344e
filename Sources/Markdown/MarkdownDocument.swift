import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed CommonMark document. Owns the cmark tree; the nodes it hands out keep it alive. This file and `MarkdownNode.swift` are the only places
/// that touch cmark.
package final class MarkdownDocument {
    let root: OpaquePointer

    /// CommonMark as cmark reads it, or with the GitHub and Obsidian syntax Dossier adds
    /// around cmark (`GFMTransform`): tables, footnotes, strikethrough, extended autolinks,
    /// task lists, callouts and highlights.
    package enum Flavor: Sendable, Equatable {
        case commonMark
        /// `foldingCallouts: false` renders `> [!x]-` callouts open, for pages read on paper.
        case gfm(foldingCallouts: Bool)

        package static let gfm = Flavor.gfm(foldingCallouts: true)
    }

    /// Positions of nodes cmark did not place: cells and other text parsed on their own,
    /// and text split by the GFM layer. Keyed by node; read through `MarkdownNode`.
    var positions: [OpaquePointer: NodePosition] = [:]
    /// Set when some paragraph is rendered without its `<p>` (table rows, callout titles).
    var hasBareParagraphs = false
    /// What the GFM layer found about footnotes, for the caller's diagnostics.
    package internal(set) var footnotes = FootnoteReport()
    /// The footnote reference nodes, the section that lists the notes, and its items by
    /// number: a single-file page numbers them with its other notes.
    var footnoteReferences: [OpaquePointer: Int] = [:]
    var footnoteSection: OpaquePointer?
    var footnoteItems: [OpaquePointer: Int] = [:]
    var footnoteBackLinks: [OpaquePointer] = []
    /// Paragraphs rendered without `<p>` (table rows, callout titles), and table cells.
    var bareParagraphs: Set<OpaquePointer> = []
    var tableCells: Set<OpaquePointer> = []

    /// Parses UTF-8 bytes. Positions are 1-based lines and 1-based UTF-8 byte columns.
    ///
    /// No options are passed: `CMARK_OPT_SMART` would rewrite quotes in literals and
    /// `CMARK_OPT_VALIDATE_UTF8` would rewrite bytes; callers validate UTF-8 themselves.
    package init(parsing bytes: UnsafeBufferPointer<UInt8>) {
        root = Self.parse(bytes)
    }

    package convenience init(parsing string: String, flavor: Flavor = .commonMark) {
        self.init(parsing: Array(string.utf8), flavor: flavor)
    }

    package init(parsing bytes: [UInt8], flavor: Flavor) {
        guard case .gfm(let folding) = flavor else {
            root = bytes.withUnsafeBufferPointer { Self.parse($0) }
            return
        }
        let source = SourceLines(bytes)
        let prepass = FootnotePrepass(bytes, lines: source)
        root = prepass.bytes.withUnsafeBufferPointer { Self.parse($0) }
        var transform = GFMTransform(document: self, source: source, definitions: prepass.definitions, foldingCallouts: folding)
        transform.run()
    }

    /// Parses text on its own, for the GFM layer (table cells, the lines around a table).
    init(parsingPiece bytes: [UInt8]) {
        root = bytes.withUnsafeBufferPointer { Self.parse($0) }
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            cmark_parse_document($0, bytes.count, CMARK_OPT_DEFAULT)
        }
    }

    /// Nodes taken out of the tree. They are freed with the document, not when removed: a
    /// `MarkdownNode` is a handle that can be copied, and a copy still pointing at a removed
    /// node must not point at freed memory; nor may a new node take a removed one's address
    /// (and its facts) while the document lives.
    private var detached = Set<OpaquePointer>()

    /// Takes `node` (already out of the tree) out of use: its facts are forgotten and it is
    /// freed with the document.
    func discard(_ node: OpaquePointer) {
        forget(node)
        detached.insert(node)
    }

    deinit {
        // A discarded node put back into a tree (its own or another discarded one) is freed
        // with that tree.
        for node in detached where cmark_node_parent(node) == nil { cmark_node_free(node) }
        cmark_node_free(root)
    }

    package var rootNode: MarkdownNode { MarkdownNode(root, in: self) }

    /// Visits every node in document order; `entering` is false on the way out of a container.
    package func walk(_ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        Self.iterate(root) { node, entering in visit(MarkdownNode(node, in: self), entering) }
    }

    /// cmark's iterator over `subtree`, every node in document order, entering and leaving.
    private static func iterate(_ subtree: OpaquePointer, _ visit: (OpaquePointer, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(subtree) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }

    /// Visits every node in document order as cmark's pointer and type, for the GFM passes
    /// over whole trees: no `MarkdownNode` is made for the nodes they skip.
    func forEachNode(_ visit: (OpaquePointer, cmark_node_type, _ entering: Bool) -> Void) {
        Self.iterate(root) { node, entering in visit(node, cmark_node_get_type(node), entering) }
    }

    /// A new inline node emitted verbatim as `onEnter`, its children, then `onExit`.
    /// cmark prints custom inlines even in safe mode, so callers escape what they put here.
    package func makeCustomInline(onEnter: String, onExit: String) -> MarkdownNode {
        makeCustom(CMARK_NODE_CUSTOM_INLINE, onEnter: onEnter, onExit: onExit)
    }

    // Strings reach cmark through `withCString`, which hands over a native string's own
    // bytes: passing a `String` as a `char *` argument copies it into a new array each call.
    package func makeText(_ literal: String) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        literal.withCString { cmark_node_set_literal(node, $0) }
        return fresh(node)
    }

    /// A new block emitted verbatim as `onEnter`, its child blocks, then `onExit`, each on
    /// a line of its own.
    package func makeCustomBlock(onEnter: String, onExit: String) -> MarkdownNode {
        makeCustom(CMARK_NODE_CUSTOM_BLOCK, onEnter: onEnter, onExit: onExit)
    }

    private func makeCustom(_ type: cmark_node_type, onEnter: String, onExit: String) -> MarkdownNode {
        let node = cmark_node_new(type)!
        onEnter.withCString { cmark_node_set_on_enter(node, $0) }
        onExit.withCString { cmark_node_set_on_exit(node, $0) }
        return fresh(node)
    }

    /// An empty list of the same type, delimiter, start and tightness as `list`.
    func makeList(like list: MarkdownNode) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_LIST)!
        cmark_node_set_list_type(node, cmark_node_get_list_type(list.pointer))
        cmark_node_set_list_delim(node, cmark_node_get_list_delim(list.pointer))
        cmark_node_set_list_start(node, cmark_node_get_list_start(list.pointer))
        cmark_node_set_list_tight(node, cmark_node_get_list_tight(list.pointer))
        return fresh(node)
    }

    func setTight(_ list: MarkdownNode, _ tight: Bool) { cmark_node_set_list_tight(list.pointer, tight ? 1 : 0) }

    func makeParagraph() -> MarkdownNode {
        fresh(cmark_node_new(CMARK_NODE_PARAGRAPH)!)
    }

    /// Ends `inline`'s paragraph after it: the inlines that follow move to a new paragraph
    /// right after it, placed where the old one was, so a block can stand between the two.
    package func splitParagraph(after inline: MarkdownNode) -> MarkdownNode? {
        guard let paragraph = inline.parent, paragraph.kind == .paragraph else { return nil }
        let rest = makeParagraph()
        // Appending unlinks each node from where it was.
        while let next = inline.next { rest.append(next) }
        paragraph.insertAfter(rest)
        place(rest.pointer, paragraph.position)
        return rest
    }

    func makeLink(url: String) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_LINK)!
        url.withCString { cmark_node_set_url(node, $0) }
        return fresh(node)
    }

    /// When a subtree is discarded: the layer's facts about its nodes go with them, so nothing
    /// later reaches a discarded node through them (a footnote reference inside an image's
    /// text or an unused definition, say).
    func forget(_ subtree: OpaquePointer) {
        guard knowsAnyNode else { return }
        Self.iterate(subtree) { node, entering in
            if entering, isMarked(node) || footnoteSection == node { dropFacts(about: node) }
        }
    }

    /// A node just made cannot sit where a node the layer knows of did: no such node is freed
    /// while the document lives (`discard` defers freeing; a failed piece forgets its nodes).
    /// Checked in debug builds; release builds skip the lookups, one per fact, per node.
    private func fresh(_ node: OpaquePointer) -> MarkdownNode {
        assert(!knowsAnyNode || !knowsOf(node), "a new node took the address of a node with facts")
        return MarkdownNode(node, in: self)
    }

    private func knowsOf(_ node: OpaquePointer) -> Bool {
        positions[node] != nil || bareParagraphs.contains(node) || tableCells.contains(node) || footnoteReferences[node] != nil
            || footnoteItems[node] != nil || footnoteBackLinks.contains(node) || footnoteSection == node
    }

    private var knowsAnyNode: Bool {
        !positions.isEmpty || !bareParagraphs.isEmpty || !tableCells.isEmpty || !footnoteReferences.isEmpty
            || !footnoteItems.isEmpty || !footnoteBackLinks.isEmpty || footnoteSection != nil
    }

    private func dropFacts(about node: OpaquePointer) {
        positions.removeValue(forKey: node)
        bareParagraphs.remove(node)
        tableCells.remove(node)
        footnoteReferences.removeValue(forKey: node)
        footnoteItems.removeValue(forKey: node)
        footnoteBackLinks.removeAll { $0 == node }
        if footnoteSection == node { footnoteSection = nil }
    }

    /// Marks a paragraph to be rendered without `<p>`…`</p>`: its content is block markup
    /// (a table row) or sits in a wrapper of its own (a callout's title).
    func makeBare(_ paragraph: MarkdownNode) {
        paragraph.prepend(makeCustomInline(onEnter: BareParagraph.open, onExit: ""))
        paragraph.append(makeCustomInline(onEnter: BareParagraph.close, onExit: ""))
        hasBareParagraphs = true
        bareParagraphs.insert(paragraph.pointer)
        mark(paragraph.pointer)
    }

    /// Renders HTML. Raw HTML is replaced by a comment unless `allowRawHTML` is set, and
    /// cmark drops `javascript:`/`vbscript:`/`file:`/`data:` link targets in safe mode.
    package func renderHTML(allowRawHTML: Bool) -> String {
        withRenderedHTML(allowRawHTML: allowRawHTML) { html in
            hasBareParagraphs ? BareParagraph.strip(html) : String(decoding: html, as: UTF8.self)
        }
    }

    /// cmark's HTML as bytes, for a caller that scans it anyway: paragraphs rendered without
    /// `<p>` keep their markers (`BareParagraph`) for that caller to take out.
    package func withRenderedHTML<R>(allowRawHTML: Bool, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(root, options) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        defer { free(html) }
        let length = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Nodes the GFM layer made or placed carry a mark in cmark's user data, so that the
    /// lookups below cost one C call for every other node. (The caller's own tags,
    /// `MarkdownNode.tag`, are small integers on nodes of its own.)
    private static let gfmMark = Int.min

    func mark(_ node: OpaquePointer) { cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: Self.gfmMark)) }
    func isMarked(_ node: OpaquePointer) -> Bool { Int(bitPattern: cmark_node_get_user_data(node)) == Self.gfmMark }

    func place(_ node: OpaquePointer, _ position: NodePosition) {
        positions[node] = position
        mark(node)
    }

    func position(of node: OpaquePointer) -> NodePosition? {
        isMarked(node) ? positions[node] : nil
    }
}
