import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A handle on one node of a `MarkdownDocument`. It keeps its document alive, so a node can
/// never outlive the tree it points into.
package struct MarkdownNode: Hashable {
    let pointer: OpaquePointer
    let document: MarkdownDocument

    init(_ pointer: OpaquePointer, in document: MarkdownDocument) {
        self.pointer = pointer
        self.document = document
    }

    package static func == (a: Self, b: Self) -> Bool { a.pointer == b.pointer }
    package func hash(into hasher: inout Hasher) { hasher.combine(pointer) }

    package enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock
        case paragraph, heading, thematicBreak
        case text, softBreak, lineBreak, code, htmlInline, customInline
        case emphasis, strong, link, image
        case unknown
    }

    package var kind: Kind {
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: .document
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_LIST: .list
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_CODE_BLOCK: .codeBlock
        case CMARK_NODE_HTML_BLOCK: .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: .customBlock
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_HEADING: .heading
        case CMARK_NODE_THEMATIC_BREAK: .thematicBreak
        case CMARK_NODE_TEXT: .text
        case CMARK_NODE_SOFTBREAK: .softBreak
        case CMARK_NODE_LINEBREAK: .lineBreak
        case CMARK_NODE_CODE: .code
        case CMARK_NODE_HTML_INLINE: .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: .customInline
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK: .link
        case CMARK_NODE_IMAGE: .image
        default: .unknown
        }
    }

    /// Text of text, code, code block and HTML nodes (entity-decoded, escapes removed).
    package var literal: String? {
        cmark_node_get_literal(pointer).map { String(cString: $0) }
    }

    package func setLiteral(_ literal: String) { literal.withCString { cmark_node_set_literal(pointer, $0) } }

    /// Raw bytes of the literal, for byte-exact comparison with the source.
    package func withLiteralBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let c = cmark_node_get_literal(pointer) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let length = strlen(c)
        return c.withMemoryRebound(to: UInt8.self, capacity: length) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    package var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
    package func setURL(_ url: String) { url.withCString { cmark_node_set_url(pointer, $0) } }

    package var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }
    package func setHeadingLevel(_ level: Int) { cmark_node_set_heading_level(pointer, Int32(level)) }

    package var startLine: Int { document.position(of: pointer)?.startLine ?? Int(cmark_node_get_start_line(pointer)) }
    package var startColumn: Int { document.position(of: pointer)?.startColumn ?? Int(cmark_node_get_start_column(pointer)) }
    package var endLine: Int { document.position(of: pointer)?.endLine ?? Int(cmark_node_get_end_line(pointer)) }
    package var endColumn: Int { document.position(of: pointer)?.endColumn ?? Int(cmark_node_get_end_column(pointer)) }

    /// Where the node stands in the source, as cmark placed it or as the GFM layer did.
    var position: NodePosition { NodePosition(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn) }

    package var parent: MarkdownNode? { cmark_node_parent(pointer).map { MarkdownNode($0, in: document) } }
    package var firstChild: MarkdownNode? { cmark_node_first_child(pointer).map { MarkdownNode($0, in: document) } }
    package var next: MarkdownNode? { cmark_node_next(pointer).map { MarkdownNode($0, in: document) } }
    package var lastChild: MarkdownNode? { cmark_node_last_child(pointer).map { MarkdownNode($0, in: document) } }
    package var previous: MarkdownNode? { cmark_node_previous(pointer).map { MarkdownNode($0, in: document) } }

    /// A small integer the caller attaches to a node (0 when unset).
    package var tag: Int {
        get { Int(bitPattern: cmark_node_get_user_data(pointer)) }
        nonmutating set { cmark_node_set_user_data(pointer, UnsafeMutableRawPointer(bitPattern: newValue)) }
    }

    package func insertBefore(_ sibling: MarkdownNode) { cmark_node_insert_before(pointer, sibling.pointer) }
    func insertAfter(_ sibling: MarkdownNode) { cmark_node_insert_after(pointer, sibling.pointer) }
    /// Takes the node out of its tree without freeing it (it may be appended elsewhere).
    func unlink() { cmark_node_unlink(pointer) }
    /// Discards a node with its subtree (unlinking it if it is still in a tree, as
    /// `cmark_node_free` does): it is freed with its document, so copies of this handle stay
    /// safe to read (see `MarkdownDocument.discard`).
    func free() {
        cmark_node_unlink(pointer)
        document.discard(pointer)
    }

    /// The node's children, read before any of them moves.
    package var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child { result.append(node); child = node.next }
        return result
    }

    /// The text the custom node emits on entering and leaving.
    var onEnter: String { cmark_node_get_on_enter(pointer).map { String(cString: $0) } ?? "" }
    func setOnEnter(_ html: String) { html.withCString { cmark_node_set_on_enter(pointer, $0) } }
    func setOnExit(_ html: String) { html.withCString { cmark_node_set_on_exit(pointer, $0) } }

    /// The number of the footnote this node references (`[^1]`), if it is a reference.
    package var footnoteReference: Int? { document.isMarked(pointer) ? document.footnoteReferences[pointer] : nil }
    /// The number of the footnote this node holds, if it is one of the page's footnotes.
    package var footnoteItem: Int? { document.isMarked(pointer) ? document.footnoteItems[pointer] : nil }
    /// Whether this is the block that lists the footnotes at the end of the body.
    package var isFootnoteSection: Bool { document.footnoteSection == pointer }

    /// A table row or a callout's title: a paragraph that is not prose of its own.
    package var isBareParagraph: Bool { document.isMarked(pointer) && document.bareParagraphs.contains(pointer) }
    package var isTableCell: Bool { document.isMarked(pointer) && document.tableCells.contains(pointer) }

    /// Whether the list a list item belongs to is tight.
    var isTightList: Bool { cmark_node_get_list_tight(pointer) != 0 }
    package func append(_ child: MarkdownNode) { cmark_node_append_child(pointer, child.pointer) }
    package func prepend(_ child: MarkdownNode) { cmark_node_prepend_child(pointer, child.pointer) }

    /// Takes the node and its subtree out of the tree for good. Copies of this handle stay
    /// valid (the node is freed with the document), so no handle can point at freed memory.
    package func remove() {
        cmark_node_unlink(pointer)
        free()
    }

    /// Moves this node's children to the end of `other`.
    package func moveChildren(to other: MarkdownNode) {
        while let child = cmark_node_first_child(pointer) {
            cmark_node_unlink(child)
            cmark_node_append_child(other.pointer, child)
        }
    }
}
