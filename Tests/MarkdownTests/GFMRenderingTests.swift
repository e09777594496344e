import Markdown
import Testing

/// The GFM layer's HTML, case by case. Each expected string was checked against
/// `cmark-gfm -e table -e strikethrough -e autolink -e tasklist -e footnotes` and differs from
/// it only where README documents it (the table wrapper, alignment as a style, back-links).
@Suite struct GFMRenderingTests {
    func html(_ markdown: String) -> String {
        MarkdownDocument(parsing: markdown, flavor: .gfm).renderHTML(allowRawHTML: false)
    }

    static let wrap = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>\n"

    @Test func tableWithAlignmentInlineMarkupAndEscapedPipes() {
        let rendered = html("| a | b |\n| :- | -: |\n| *x* `c\\|d` | e \\| f |\n")
        #expect(rendered == Self.wrap + """
        <thead>
        <tr>
        <th style="text-align: left">a</th>
        <th style="text-align: right">b</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td style="text-align: left"><em>x</em> <code>c|d</code></td>
        <td style="text-align: right">e | f</td>
        </tr>
        </tbody>
        </table></div>

        """)
    }

    @Test func tableInterruptsAParagraphAndTakesLazyLinesAsRows() {
        let rendered = html("para\n| a |\n| - |\n| b | extra |\nlazy\n\nafter\n")
        #expect(rendered == "<p>para</p>\n" + Self.wrap + """
        <thead>
        <tr>
        <th>a</th>
        </tr>
        </thead>
        <tbody>
        <tr>
        <td>b</td>
        </tr>
        <tr>
        <td>lazy</td>
        </tr>
        </tbody>
        </table></div>
        <p>after</p>

        """)
    }

    @Test func headerAndDelimiterMustAgreeOnTheirCells() {
        #expect(html("| a | b |\n| - |\n") == "<p>| a | b |\n| - |</p>\n")
        #expect(html("a\n---\n") == "<h2>a</h2>\n")
    }

    @Test func tableWithoutBodyRowsAndInsideAQuote() {
        let rendered = html("> | a |\n> | - |\nlazy\n")
        #expect(rendered == "<blockquote>\n" + Self.wrap + "<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table></div>\n</blockquote>\n<p>lazy</p>\n")
    }

    @Test func cellsSeeTheDocumentsLinkDefinitions() {
        let rendered = html("| [x] |\n| - |\n\n[x]: https://example.org\n")
        #expect(rendered.contains("<th><a href=\"https://example.org\">x</a></th>"))
    }

    @Test func footnotesAreNumberedByFirstReference() {
        let rendered = html("One[^b] two[^a] three[^b].\n\n[^a]: First.\n\n    Second paragraph.\n[^b]: Bee.\n[^unused]: Never cited.\n")
        #expect(rendered == """
        <p>One<sup class="footnote-ref"><a href="#fn-b" id="fnref-b" data-footnote-ref>1</a></sup> two<sup class="footnote-ref"><a href="#fn-a" id="fnref-a" data-footnote-ref>2</a></sup> three<sup class="footnote-ref"><a href="#fn-b" id="fnref-b-2" data-footnote-ref>1</a></sup>.</p>
        <section class="footnotes" data-footnotes>
        <ol>
        <li id="fn-b">
        <p>Bee. <span class="footnote-backrefs">↩ <a href="#fnref-b" class="footnote-backref" data-footnote-backref aria-label="Back to reference 1a">a</a> <a href="#fnref-b-2" class="footnote-backref" data-footnote-backref aria-label="Back to reference 1b">b</a></span></p>
        </li>
        <li id="fn-a">
        <p>First.</p>
        <p>Second paragraph. <a href="#fnref-a" class="footnote-backref" data-footnote-backref aria-label="Back to reference 2">↩</a></p>
        </li>
        </ol>
        </section>

        """)
        let document = MarkdownDocument(parsing: "x[^a] [^nope]\n\n[^a]: y\n[^a]: again\n[^z]: z\n", flavor: .gfm)
        #expect(document.footnotes.undefined.map(\.label) == ["nope"])
        #expect(document.footnotes.unused.map(\.label) == ["z"])
        #expect(document.footnotes.duplicates.map { "\($0.line):\($0.column)" } == ["4:1"])
    }

    @Test func aDuplicateDefinitionsBlocksAreGoneBeforeTablesAreSought() {
        // The second `[^a]` is dropped with its blocks; a table-like paragraph in it was once
        // still on the list of paragraphs to read as tables (found by the fuzzer).
        let rendered = html("x[^a]\n\n[^a]: kept\n[^a]: dropped\n\n    | t | u |\n    | - | - |\n    | 1 | 2 |\n")
        #expect(rendered.contains("<li id=\"fn-a\">\n<p>kept"))
        #expect(!rendered.contains("dropped") && !rendered.contains("<table>"))
    }

    @Test func aFootnoteDefinitionIsNeverALinkDefinition() {
        // cmark alone reads `[^1]: Smith` as a link reference definition.
        let rendered = html("Claim[^1].\n\n[^1]: Smith\n")
        #expect(rendered.contains("<li id=\"fn-1\">\n<p>Smith <a href=\"#fnref-1\""))
        #expect(html("`[^1]`\n\n```\n[^1]: in code\n```\n").contains("[^1]: in code"))
    }

    @Test func footnoteDefinitionsDoNotDisturbTheWritersLists() {
        let rendered = html("1. one\n2. two\n\nText[^n].\n\n[^n]: note\n")
        #expect(rendered.hasPrefix("<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n"))
    }

    @Test func strikethroughHighlightAndEscapes() {
        #expect(html("~~a~~ ~b~ ~~~c~~~ x~~y~~z ~~ d ~~ \\~~e~~ ==f== ~~*g*~~\n")
            == "<p><del>a</del> <del>b</del> ~~~c~~~ x<del>y</del>z ~~ d ~~ ~~e~~ <mark>f</mark> <del><em>g</em></del></p>\n")
    }

    @Test func extendedAutolinks() {
        #expect(html("www.example.com, https://a.example/b?c=d). mail: me@example.org. `www.no.example` www\\.x.com\n")
            == "<p><a href=\"http://www.example.com\">www.example.com</a>, <a href=\"https://a.example/b?c=d\">https://a.example/b?c=d</a>). mail: <a href=\"mailto:me@example.org\">me@example.org</a>. <code>www.no.example</code> www.x.com</p>\n")
        #expect(html("http://example.net/x_(y) (http://example.net/z)\n")
            == "<p><a href=\"http://example.net/x_(y)\">http://example.net/x_(y)</a> (<a href=\"http://example.net/z\">http://example.net/z</a>)</p>\n")
        #expect(html("[www.example.com](https://other.example)\n") == "<p><a href=\"https://other.example\">www.example.com</a></p>\n")
    }

    @Test func taskLists() {
        #expect(html("- [ ] todo\n- [x] done\n- [ ]\n- [y] no\n")
            == "<ul>\n<li><input type=\"checkbox\" disabled=\"\" /> todo</li>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n<li>[ ]</li>\n<li>[y] no</li>\n</ul>\n")
    }

    @Test func calloutsAndAlerts() {
        #expect(html("> [!note] My *title*\n> Body.\n")
            == "<div class=\"callout callout-note\" data-callout=\"note\">\n<p class=\"callout-title\">My <em>title</em></p>\n<div class=\"callout-content\">\n<p>Body.</p>\n</div>\n</div>\n")
        #expect(html("> [!WARNING]\n> Careful.\n").contains("<div class=\"callout callout-warning\" data-callout=\"warning\">\n<p class=\"callout-title\">Warning</p>"))
        #expect(html("> [!faq]- Folded\n> Hidden.\n").hasPrefix("<details class=\"callout callout-question\" data-callout=\"question\">\n<summary class=\"callout-title\">Folded</summary>"))
        #expect(html("> [!tip]+ Open\n> Shown.\n").hasPrefix("<details class=\"callout callout-tip\" data-callout=\"tip\" open>"))
        // Not callouts: escaped, or not a type.
        #expect(html("> \\[!note] x\n").hasPrefix("<blockquote>"))
        #expect(html("> [!no te] x\n").hasPrefix("<blockquote>"))
        // A type's text is never markup.
        #expect(!html("> [!x\"onclick] y\n").contains("onclick\""))
    }

    @Test func commentsAreBlankedInPlace() throws {
        let source = Array("a %%secret%% b\n%%\nhidden [[x]]\n%% c `%%code%%`\n".utf8)
        let blanked = try #require(MarkdownComments.blanked(source))
        let text = String(decoding: blanked.bytes, as: UTF8.self)
        #expect(text == "a            b\n  \n            \n   c `%%code%%`\n")
        #expect(blanked.unclosed == nil)
        #expect(MarkdownComments.blanked(Array("x %% never closed\nmore\n".utf8))?.unclosed == 2)
        #expect(MarkdownComments.blanked(Array("no comments here, 50% sure\n".utf8)) == nil)
    }
}
