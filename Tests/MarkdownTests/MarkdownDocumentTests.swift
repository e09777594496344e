import Markdown
import Testing

@Suite struct MarkdownDocumentTests {
    @Test func reportsBlockPositionsAndKinds() {
        let document = MarkdownDocument(parsing: "# Title\n\nSome *text* here.\n")
        var seen: [String] = []
        document.walk { node, entering in
            guard entering else { return }
            seen.append("\(node.kind)@\(node.startLine):\(node.startColumn)")
        }
        #expect(seen.prefix(4) == ["document@1:1", "heading@1:1", "text@1:3", "paragraph@3:1"])
    }

    /// A removed node stays readable through every copy of its handle until the document
    /// goes: it used to be freed at once, and a copy kept elsewhere then read freed memory
    /// (reused here by the nodes of many other documents).
    @Test func copiesOfARemovedNodeStayValid() {
        let document = MarkdownDocument(parsing: "First paragraph.\n\nSecond paragraph, removed.\n\nThird.\n")
        var texts: [MarkdownNode] = []
        document.walk { node, entering in if entering, node.kind == .text { texts.append(node) } }
        let kept = texts[1]
        let paragraph = kept.parent!
        paragraph.remove()
        var others: [MarkdownDocument] = []
        for i in 0..<2000 { others.append(MarkdownDocument(parsing: "Other document \(i) with *some* text.\n")) }
        #expect(kept.literal == "Second paragraph, removed.")
        #expect(kept.kind == .text && kept.parent == paragraph && paragraph.parent == nil)
        #expect(document.renderHTML(allowRawHTML: false) == "<p>First paragraph.</p>\n<p>Third.</p>\n")
        // Removing it again changes nothing (and does not free it twice).
        paragraph.remove()
        #expect(others.count == 2000)
    }

    @Test func customInlinesRenderVerbatimInSafeMode() {
        let document = MarkdownDocument(parsing: "Hello <b>x</b> world\n")
        var text: MarkdownNode?
        document.walk { node, entering in if entering, node.kind == .text, text == nil { text = node } }
        let hole = document.makeCustomInline(onEnter: "<a href=\"#\">", onExit: "</a>")
        hole.append(document.makeText("<&>"))
        text!.insertBefore(hole)
        let html = document.renderHTML(allowRawHTML: false)
        #expect(html.hasPrefix("<p><a href=\"#\">&lt;&amp;&gt;</a>Hello <!-- raw HTML omitted -->x<!-- raw HTML omitted --> world</p>"))
    }

    @Test func safeModeDropsScriptURLs() {
        let html = MarkdownDocument(parsing: "[x](javascript:alert(1))\n").renderHTML(allowRawHTML: false)
        #expect(!html.contains("javascript"))
    }

    @Test func emptyInputIsAnEmptyDocument() {
        #expect(MarkdownDocument(parsing: "").renderHTML(allowRawHTML: false) == "")
    }

    @Test func aNodeKeepsItsDocumentAlive() {
        let root = MarkdownDocument(parsing: "Some *text*.\n").rootNode
        #expect(root.firstChild?.kind == .paragraph)
        #expect(root.firstChild?.firstChild?.literal == "Some ")
    }
}
