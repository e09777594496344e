import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed CommonMark document. Owns the cmark tree; the nodes it hands out keep it alive. This file and `MarkdownNode.swift` are the only places
/// that touch cmark.
public final class MarkdownDocument {
    let root: OpaquePointer

    /// Parses UTF-8 bytes. Positions are 1-based lines and 1-based UTF-8 byte columns.
    ///
    /// No options are passed: `CMARK_OPT_SMART` would rewrite quotes in literals and
    /// `CMARK_OPT_VALIDATE_UTF8` would rewrite bytes; callers validate UTF-8 themselves.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) {
        root = Self.parse(bytes)
    }

    public init(parsing string: String) {
        var string = string
        root = string.withUTF8 { Self.parse($0) }
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> OpaquePointer {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }
        return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            cmark_parse_document($0, bytes.count, CMARK_OPT_DEFAULT)
        }
    }

    deinit { cmark_node_free(root) }

    public var rootNode: MarkdownNode { MarkdownNode(root, in: self) }

    /// Visits every node in document order; `entering` is false on the way out of a container.
    public func walk(_ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            visit(MarkdownNode(node, in: self), event == CMARK_EVENT_ENTER)
        }
    }

    /// A new inline node emitted verbatim as `onEnter`, its children, then `onExit`.
    /// cmark prints custom inlines even in safe mode, so callers escape what they put here.
    public func makeCustomInline(onEnter: String, onExit: String) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_CUSTOM_INLINE)!
        cmark_node_set_on_enter(node, onEnter)
        cmark_node_set_on_exit(node, onExit)
        return MarkdownNode(node, in: self)
    }

    public func makeText(_ literal: String) -> MarkdownNode {
        let node = cmark_node_new(CMARK_NODE_TEXT)!
        cmark_node_set_literal(node, literal)
        return MarkdownNode(node, in: self)
    }

    /// Renders HTML. Raw HTML is replaced by a comment unless `allowRawHTML` is set, and
    /// cmark drops `javascript:`/`vbscript:`/`file:`/`data:` link targets in safe mode.
    public func renderHTML(allowRawHTML: Bool) -> String {
        let options = allowRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let html = cmark_render_html(root, options) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }
}
