import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GitHub and Obsidian syntax Dossier reads around cmark, applied to the tree cmark
/// built: each step finds its syntax where cmark left it (paragraphs of pipes, quotes that
/// open with `[!note]`, text that holds `~~` or `[^1]`), checks the raw source where
/// cmark's literals lost escapes, and rebuilds that part of the tree with positions kept.
struct GFMTransform {
    let document: MarkdownDocument
    let source: SourceLines
    let prepassDefinitions: [FootnotePrepass.Definition]
    let foldingCallouts: Bool
    var footnotes = FootnoteState()

    init(document: MarkdownDocument, source: SourceLines, definitions: [FootnotePrepass.Definition], foldingCallouts: Bool) {
        self.document = document
        self.source = source
        self.prepassDefinitions = definitions
        self.foldingCallouts = foldingCallouts
    }

    mutating func run() {
        // Tables need a `|`, callouts `[!`, task items `[ ]` or `[x]`, footnote definitions
        // their items: a body with none of them skips the walk.
        let bytes = source.bytes
        let pipe = bytes.contains(sequence: [0x7C])
        let callout = bytes.contains(sequence: "[!".utf8)
        let task = bytes.contains(sequence: "[ ]".utf8) || bytes.contains(sequence: "[x]".utf8) || bytes.contains(sequence: "[X]".utf8)
        if pipe || callout || task || !prepassDefinitions.isEmpty { applyBlockSyntax(pipe: pipe, callout: callout, task: task) }
        applyInlineSyntax()
        appendFootnotes()
        document.footnotes = footnotes.report
    }

    private mutating func applyBlockSyntax(pipe: Bool, callout: Bool, task: Bool) {
        let definitions = !prepassDefinitions.isEmpty
        var paragraphs: [MarkdownNode] = []
        var quotes: [MarkdownNode] = []
        var items: [MarkdownNode] = []
        document.forEachNode { node, type, entering in
            guard entering else { return }
            switch type {
            case CMARK_NODE_PARAGRAPH:
                if pipe, cmark_node_get_end_line(node) > cmark_node_get_start_line(node) { paragraphs.append(MarkdownNode(node, in: document)) }
            case CMARK_NODE_BLOCK_QUOTE: if callout { quotes.append(MarkdownNode(node, in: document)) }
            case CMARK_NODE_ITEM: if task || definitions { items.append(MarkdownNode(node, in: document)) }
            default: break
            }
        }
        // The definitions' items, the quotes padding their markers and duplicate definitions
        // are freed here: nothing below may touch them.
        let freed = definitions ? liftFootnoteDefinitions(items: items) : []
        for paragraph in paragraphs where !freed.contains(paragraph.pointer) && mayHoldTable(paragraph) { _ = makeTable(from: paragraph) }
        if callout { for quote in quotes where !freed.contains(quote.pointer) { makeCallout(from: quote) } }
        if task { for item in items where !freed.contains(item.pointer) { makeTaskItem(from: item) } }
    }

    /// A table needs a delimiter row, which holds a `-`; most paragraphs have none.
    private func mayHoldTable(_ paragraph: MarkdownNode) -> Bool {
        guard let first = source.line(paragraph.startLine + 1), let last = source.line(paragraph.endLine),
              first.lowerBound <= last.upperBound else { return false }
        return source.bytes[first.lowerBound..<last.upperBound].contains(0x2D)
    }

    /// The raw text of every line that may hold a link reference definition, so that text
    /// parsed on its own (a table cell) sees the document's definitions. Over-inclusion
    /// only adds paragraphs after the pieces, which are ignored.
    var referenceDefinitions: [UInt8] {
        if let cached = definitionCache.value { return cached }
        var text: [UInt8] = [0x0A]
        var inDefinition = false
        for range in source.lines {
            var i = range.lowerBound
            while i < range.upperBound, source.bytes[i] == 0x20 || source.bytes[i] == 0x3E { i += 1 }
            let blank = i >= range.upperBound
            if blank {
                if inDefinition { text.append(0x0A) }
                inDefinition = false
                continue
            }
            if source.bytes[i] == 0x5B, i + 1 < range.upperBound, source.bytes[i + 1] != 0x5E,
               source.bytes[i..<range.upperBound].contains(0x3A) {
                inDefinition = true
            }
            if inDefinition {
                text += source.bytes[i..<range.upperBound]
                text.append(0x0A)
            }
        }
        definitionCache.value = text
        return text
    }

    private let definitionCache = Cache()
    private final class Cache { var value: [UInt8]? }
}
