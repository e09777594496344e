import Loading
import Model
import Testing
import TestSupport

@Suite struct MentionExtractionTests {
    @Test func wikilinksCountFrontMatterLines() {
        let result = mentions("---\ntitle: T\n---\n\n⟨1⟩[[iran]] and ⟨2⟩[[Emomali Rahmon|the president]].\n", targets: ["iran", "Emomali Rahmon"])
        #expect(result.found == result.expected)
    }

    @Test func shownTextAndKindPrefix() throws {
        let parsed = parse("See [[event:ababil-2-factory|the opening]] and [[iran]].\n")
        let first = try #require(parsed.mentions.first)
        #expect(first.kind == .event)
        #expect(first.target == "ababil-2-factory")
        #expect(first.shown == "the opening")
        #expect(first.hasShownText)
        #expect(parsed.mentions[1].hasShownText == false)
    }

    @Test func typedLinksAnchorOnTheirBracket() throws {
        let result = mentions("Met ⟨1⟩[the Supreme Leader](actor:ali-khamenei) and ⟨2⟩[*the* talks](event:talks).\n",
                              targets: ["ali-khamenei", "talks"])
        #expect(result.found == result.expected)
        let parsed = parse("Met [the Supreme Leader](actor:ali-khamenei).\n")
        #expect(parsed.mentions.first?.form == .typedLink)
        #expect(parsed.mentions.first?.shown == "the Supreme Leader")
    }

    @Test func nothingInsideCodeOrRawHTML() {
        let text = """
        Inline `[[iran]]` code.

        ```
        [[iran]]
        ```

            [[iran]] indented code

        <div>
        [[iran]] in an HTML block
        </div>

        ⟨1⟩[[russia]] counts.
        """
        let result = mentions(text + "\n", targets: ["russia"])
        #expect(result.found == result.expected)
    }

    @Test func escapedOpenerIsNotAMention() {
        let result = mentions("Literal \\[[iran]] but ⟨1⟩[[iran]] is real.\n", targets: ["iran"])
        #expect(result.found == result.expected)
        #expect(parse("Only \\[[iran]] here.\n").mentions.isEmpty)
    }

    @Test func crlfLineEndings() {
        let result = mentions("---\r\ntitle: T\r\n---\r\n\r\nFirst line\r\nthen ⟨1⟩[[iran]] here\r\n\r\n- item ⟨2⟩[[russia]]\r\n",
                              targets: ["iran", "russia"])
        #expect(result.found == result.expected)
    }

    @Test func tabsListsAndQuotes() {
        let text = """
        -\t⟨1⟩[[iran]] after a tab
        - nested:
          - deep ⟨2⟩[[russia]]

        > quoted ⟨3⟩[[taliban]]
        lazy continuation ⟨4⟩[[kabul]]
        >
        > > double ⟨5⟩[[csto]]
        """
        let result = mentions(text + "\n", targets: ["iran", "russia", "taliban", "kabul", "csto"])
        #expect(result.found == result.expected)
    }

    @Test func cyrillicAndPersianColumnsCountBytes() {
        let text = "Президент ⟨1⟩[[Эмомали Рахмон]] и ⟨2⟩[[ایران|ایران]].\n"
        let result = mentions(text, targets: ["Эмомали Рахмон", "ایران"])
        #expect(result.found == result.expected)
    }

    @Test func multiLineParagraphsAndEmphasis() {
        let text = """
        A paragraph that runs
          over an indented continuation with ⟨1⟩[[iran]],
        *emphasis then ⟨2⟩[[russia]]* and **strong ⟨3⟩[[china]]**  
        after a hard break ⟨4⟩[[kabul]].
        """
        let result = mentions(text + "\n", targets: ["iran", "russia", "china", "kabul"])
        #expect(result.found == result.expected)
    }

    @Test func referenceDefinitionSwallowingAWikilinkIsReported() {
        let source = MarkedText("The ⟨1⟩[[CSTO]] summit.\n\n[csto]: https://example.org\n")
        let parsed = parse(source.text)
        #expect(parsed.mentions.isEmpty)
        let at = source.markers[1]!
        #expect(parsed.diagnostics.summaries.contains("wikilink-swallowed@\(at.line):\(at.column)"))
    }

    @Test func typedLinkWithASpaceIsReported() {
        let source = MarkedText("Met ⟨1⟩[x](actor:Emomali Rahmon) today.\n")
        let parsed = parse(source.text)
        #expect(parsed.mentions.isEmpty)
        let at = source.markers[1]!
        #expect(parsed.diagnostics.summaries == ["typed-link-invalid@\(at.line):\(at.column)"])
        // A wikilink before it on a line cmark mispositions (lazy continuation) still anchors.
        let lazy = MarkedText("> quote\nlazy \\* ⟨1⟩[[iran]] then ⟨2⟩[x](actor:A B)\n")
        let result = parse(lazy.text)
        #expect(result.mentions.map { "\($0.location.line):\($0.location.column)" } == ["\(lazy.markers[1]!.line):\(lazy.markers[1]!.column)"])
        #expect(result.diagnostics.summaries == ["typed-link-invalid@\(lazy.markers[2]!.line):\(lazy.markers[2]!.column)"])
    }

    /// Obsidian reads Markdown in the label after `|`: `[[Functions#hasTag|`hasTag`]]`.
    @Test func aFormattedLabelIsALink() throws {
        let source = MarkedText("Use ⟨1⟩[[Functions#hasTag|`hasTag`]] or ⟨2⟩[[iran|*the* `IRI` state]], then ⟨3⟩[[iran]].\n")
        let parsed = parse(source.text)
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.mentions.map(\.target) == ["Functions", "iran", "iran"])
        #expect(parsed.mentions.map(\.fragment) == ["hasTag", nil, nil])
        #expect(parsed.mentions.map(\.shown) == ["hasTag", "the IRI state", "iran"])
        #expect(parsed.mentions.map(\.hasShownText) == [true, true, false])
        #expect(parsed.mentions.map { "\($0.location.line):\($0.location.column)" }
            == (1...3).map { "\(source.markers[$0]!.line):\(source.markers[$0]!.column)" })
        #expect(parsed.body.segments == [
            .html("<p>Use "), .mentionStart(0), .html("<code>hasTag</code>"), .mentionEnd(0),
            .html(" or "), .mentionStart(1), .html("<em>the</em> <code>IRI</code> state"), .mentionEnd(1),
            .html(", then "), .mentionStart(2), .mentionEnd(2), .html(".</p>\n"),
        ])
        // Where cmark's positions do not match the source (an escape before), the raw search anchors.
        let escaped = MarkedText("\\* ⟨1⟩[[a|`b`]] c ⟨2⟩[[d]]\n")
        let result = parse(escaped.text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.mentions.map { "\($0.target)@\($0.location.line):\($0.location.column)" }
            == ["a@\(escaped.markers[1]!.line):\(escaped.markers[1]!.column)", "d@\(escaped.markers[2]!.line):\(escaped.markers[2]!.column)"])
        // The target stays plain; an embed's label is a size.
        #expect(parse("A [[`x`|y]] b\n").diagnostics.summaries == ["wikilink-formatting@1:3"])
        #expect(parse("A ![[x.png|`y`]] b\n").diagnostics.summaries == ["wikilink-formatting@1:4"])
        #expect(parse("A [[|`y`]] b\n").diagnostics.summaries == ["empty-wikilink@1:3"])
    }

    /// Obsidian's inline tags name themes; a `#` inside a word, before digits alone, escaped,
    /// in code or in a link's text is text.
    @Test func inlineTagsAreThemeMentions() throws {
        let source = MarkedText("⟨1⟩#energy, ⟨2⟩#Nested/Sub-topic_1/ and ⟨3⟩#Éire; not C# or a#b, #1, \\#x, &#35;y, `#z`, [#w](https://x.org).\n"
            + "*⟨4⟩#em* [[iran#Part]] ⟨5⟩[[iran]]#no ⟨6⟩#yes [[open #not\n")
        let parsed = parse(source.text)
        #expect(parsed.mentions.map(\.target) == ["energy", "Nested/Sub-topic_1", "Éire", "em", "iran", "iran", "yes"])
        let tags = parsed.mentions.filter { $0.form == .tag }
        #expect(tags.allSatisfy { $0.kind == .theme && $0.hasShownText && $0.shown == "#" + $0.target })
        #expect(tags.map { "\($0.location.line):\($0.location.column)" }
            == [1, 2, 3, 4, 6].map { "\(source.markers[$0]!.line):\(source.markers[$0]!.column)" })
        let html = parsed.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(html.contains("C# or a#b, #1, #x, #y, <code>#z</code>"))
        // A line cmark positions differently from the source (after an escape) anchors by the raw text.
        let shifted = MarkedText("\\* x ⟨1⟩#energy\n")
        #expect(parse(shifted.text).mentions.map { "\($0.location.line):\($0.location.column)" }
            == ["\(shifted.markers[1]!.line):\(shifted.markers[1]!.column)"])
    }

    /// What review found: a `#` inside a formatted label is part of the label (a tag there
    /// nested a mention in a mention); `#--` names nothing; an escaped `#tag` is consumed by
    /// the text it gave; a tag ends where the scanner ends it, before `’` too.
    @Test func tagEdgeCases() {
        for text in ["[[northland|*#foo* label]]\n", "[[northland|`a` #tag `b`]]\n", "[[northland|**a #t**]]\n"] {
            let parsed = parse(text)
            #expect(parsed.mentions.map(\.form) == [.wikilink], "\(text)")
            #expect(parsed.diagnostics.isEmpty, "\(text)")
        }
        #expect(parse("Call #-- now and #_ too, #2024 and #/.\n").mentions.isEmpty)
        #expect(parse("> [!note] #titled callout\n> #body\n").mentions.map(\.target) == ["titled", "body"])
        let escaped = MarkedText("\\#foo escaped\nand `x` then ⟨1⟩#foo real\n")
        let result = parse(escaped.text)
        #expect(result.mentions.map { "\($0.target)@\($0.location.line):\($0.location.column)" }
            == ["foo@\(escaped.markers[1]!.line):\(escaped.markers[1]!.column)"])
        let curly = MarkedText("fish &amp; chips ⟨1⟩#bar’s and — ⟨2⟩#baz… fine\n")
        let tags = parse(curly.text).mentions
        #expect(tags.map(\.target) == ["bar", "baz"])
        #expect(tags.map { "\($0.location.line):\($0.location.column)" } == [1, 2].map { "\(curly.markers[$0]!.line):\(curly.markers[$0]!.column)" })
    }

    @Test func brokenWikilinksAreReported() {
        #expect(parse("A [[*x*]] b\n").diagnostics.summaries == ["wikilink-formatting@1:3"])
        #expect(parse("\\*[[actor:x|y]] [[*iran*]]\n").diagnostics.summaries == ["wikilink-formatting@1:17"])
        #expect(parse("A [[Emomali\nRahmon]] b\n").diagnostics.summaries == ["wikilink-multiline@1:3"])
        #expect(parse("A [[]] b\n").diagnostics.summaries == ["empty-wikilink@1:3"])
        #expect(parse("A [[|x]] b\n").diagnostics.summaries == ["empty-wikilink@1:3"])
        #expect(parse("A [[a|b|c]] b\n").diagnostics.summaries == ["wikilink-syntax@1:3"])
        #expect(parse("A [[open b\n").diagnostics.summaries == ["wikilink-unterminated@1:3"])
    }

    /// A wikilink without a target is a placeholder (Obsidian's templates hold `[[]]`): a
    /// warning, with the text shown as written and no mention made of it.
    @Test func wikilinkWithoutTargetStaysText() {
        for source in ["A [[]] b\n", "A [[ ]] b\n", "A [[|x]] b\n"] {
            let parsed = parse(source)
            #expect(parsed.diagnostics.map(\.severity) == [.warning], "\(source)")
            #expect(parsed.mentions.isEmpty, "\(source)")
            let html = parsed.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
            #expect(html.contains(String(source.dropLast())), "\(html)")
        }
    }

    @Test func wordSuffixStaysOutside() throws {
        let parsed = parse("[[Iran]]ian policy\n")
        #expect(parsed.mentions.map(\.shown) == ["Iran"])
        #expect(parsed.blocks.first?.text == "Iranian policy")
    }

    /// Blocks and the lead are slices of the file's whole text, not copies of it: the same
    /// bytes, held once (`TextBlock.text`).
    @Test func blocksAreSlicesOfTheWholeText() throws {
        let parsed = parse("""
            # Heading with [[iran]]

            Lead paragraph, café [[tajikistan]] and more.

            - an item naming [[russia]] in Тегеран

            A reference &#1; to [[iran]][^1] after a control.

            [^1]: A note about [[china]].
            """)
        let texts = parsed.blocks.map(\.text)
        #expect(texts == ["Heading with iran", "Lead paragraph, café tajikistan and more.", "an item naming russia in Тегеран",
                          "A reference \u{FFFD} to iran after a control.", "A note about china."])
        #expect(parsed.lead?.text == "Lead paragraph, café tajikistan and more.")
        for block in parsed.blocks + [try #require(parsed.lead)] {
            #expect(block.text.base == parsed.text, "\(block.text) is not a slice of the text")
        }
        // Each block's text is the line of the whole text it stands on.
        #expect(Set(parsed.text.split(separator: "\n")).isSuperset(of: texts))
    }

    @Test func blocksQuoteTheParagraphAroundEachMention() throws {
        let parsed = parse("## Heading\n\nFirst [[iran|Iran]] then [[russia|Russia]].\n\n- item [[china]]\n")
        #expect(parsed.blocks.count == 2)
        let block = parsed.blocks[0]
        #expect(block.text == "First Iran then Russia.")
        #expect(block.anchor == "heading")
        let span = block.spans[1]
        #expect(Array(block.text.utf8)[span.start..<span.end].elementsEqual("Russia".utf8))
        #expect(parsed.mentions.map(\.block) == [0, 0, 1])
    }

    @Test func headingIdsStayUnique() {
        let parsed = parse("---\ntitle: T\n---\n# A\n\n# A\n\n# A-2\n\n# A\n\n# Main\n")
        #expect(parsed.headings.map(\.anchor) == ["a", "a-2", "a-2-2", "a-3", "main"])
        #expect(Set(parsed.headings.map(\.anchor)).count == 5)
    }

    @Test func bodyHasHolesForMentionsAndIdsOnHeadings() {
        let parsed = parse("## Über uns\n\nSee [[iran|Iran]].\n\n## Über uns\n")
        #expect(parsed.headings.map(\.anchor) == ["über-uns", "über-uns-2"])
        #expect(parsed.body.segments == [
            .html("<h2 id=\"über-uns\">Über uns</h2>\n<p>See "),
            .mentionStart(0), .html("Iran"), .mentionEnd(0),
            .html(".</p>\n<h2 id=\"über-uns-2\">Über uns</h2>\n"),
        ])
    }

    @Test func relativeLinksPointFromThePage() {
        let parsed = parse("[b](b.md#part) [c](<../actors/Iran Map.md>) ![m](img/map.png) [x](https://x.org/a.md) [t](#top) [m](mailto:a@b.c)\n")
        let html = parsed.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(html.contains("href=\"../b/index.html#part\""))
        #expect(html.contains("href=\"../../actors/iran-map/index.html\""))
        #expect(html.contains("src=\"../img/map.png\""))
        #expect(html.contains("href=\"https://x.org/a.md\""))
        #expect(html.contains("href=\"#top\""))
        #expect(html.contains("href=\"mailto:a@b.c\""))
    }

    @Test func rawHTMLIsOmittedAndScriptLinksRemoved() {
        let parsed = parse("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>bold</b>\n")
        let html = parsed.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript"))
        #expect(parsed.diagnostics.summaries == ["unsafe-url@3:1"])
        let unsafe = parse("[x](javascript:alert(1)) <b>bold</b>\n", rawHTML: true)
        let unsafeHTML = unsafe.body.segments.map { if case .html(let h) = $0 { h } else { "" } }.joined()
        #expect(unsafeHTML.contains("<b>bold</b>"))
        #expect(!unsafeHTML.contains("javascript"))
    }

    /// Destinations a browser would run or load as a document, however they are written;
    /// images may be PNG, GIF, JPEG or WebP data.
    @Test(arguments: [
        ("[x](javascript:alert(1))", true), ("[x](JaVaScRiPt:alert(1))", true), ("[x](<java\tscript:x>)", true),
        ("[x](<\u{2003}javascript:x>)", true), ("[x](vbscript:x)", true), ("[x](FILE:///etc/passwd)", true),
        ("[x](data:text/html,x)", true), ("[x](data:image/png;base64,AA)", true), ("![x](data:image/png;base64,AA)", false),
        ("![x](data:image/svg+xml,x)", true), ("[x](https://example.org/javascript:)", false), ("[x](jävascript:x)", false),
        ("[x](mailto:a@example.org)", false), ("[x](#javascript)", false),
    ])
    func scriptAndDataURLsAreRemoved(link: String, removed: Bool) {
        let parsed = parse(link + "\n")
        #expect(parsed.diagnostics.contains { $0.code == .unsafeURL } == removed, "\(link)")
    }

    @Test func escapedBackslashBeforeAMention() {
        let result = mentions("A \\\\⟨1⟩[[iran]] here, \\\\\\[[not]] there.\n", targets: ["iran"])
        #expect(result.found == result.expected)
    }

    @Test func entitiesAndEscapesInsideAWikilink() throws {
        let result = mentions("Lazy *x* \\* ⟨1⟩[[AT&amp;T]] and ⟨2⟩[[att\\|the firm]] and ⟨3⟩[[Caf&eacute;]].\n",
                              targets: ["AT&T", "att", "Café"])
        #expect(result.found == result.expected)
        #expect(parse("[[att\\|the firm]]\n").mentions.first?.shown == "the firm")
    }

    @Test func copiesInsideCodeSpansAreStepped() {
        let escapedCopy = mentions("Code `\\[[iran]]` \\* then ⟨1⟩[[iran]].\n", targets: ["iran"])
        #expect(escapedCopy.found == escapedCopy.expected)
        let plainCopy = mentions("`[[iran]]` \\* and ⟨1⟩[[iran]]\n", targets: ["iran"])
        #expect(plainCopy.found == plainCopy.expected)
        let split = mentions("a `code\n[[e]]` and ⟨1⟩[[e]]\n", targets: ["e"])
        #expect(split.found == split.expected)
    }

    @Test func loneCarriageReturnsEndLines() {
        let parsed = parse("---\rtitle: T\r---\rFirst\rsecond [[iran]]\r\rpara [[russia]]\r")
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.mentions.map { "\($0.target)@\($0.location.line):\($0.location.column)" } == ["iran@5:8", "russia@7:6"])
        guard case .document(let meta)? = parsed.frontMatter else { Issue.record("no front matter"); return }
        #expect(meta.title == "T")
    }

    @Test func entityBracketsAreReportedNotMisplaced() {
        let parsed = parse("&#91;&#91;iran]] \\* and then [[iran]] here.\n")
        #expect(parsed.diagnostics.map(\.code.rawValue) == ["mention-unanchored"])
    }

    @Test func multiLineTypedLinkAnchorsOnItsBracket() {
        let result = mentions("Lazy \\* text *⟨1⟩[multi\nline](actor:a)*\n", targets: ["a"])
        #expect(result.found == result.expected)
    }

    @Test func everyBrokenTypedLinkIsReported() {
        let source = MarkedText("See [a](b c) and ⟨1⟩[x](actor:Emomali Rahmon)\n")
        let at = source.markers[1]!
        #expect(parse(source.text).diagnostics.summaries == ["typed-link-invalid@\(at.line):\(at.column)"])
    }

    @Test func typedLinksAnchorOnTheirOwnBracket() {
        let cases: [(String, [String])] = [
            ("A ⟨1⟩[x](actor:iran\n) b ⟨2⟩[y](actor:iran)\n", ["iran", "iran"]),
            ("> q\n⟨1⟩[z](<actor:other>) w\n", ["other"]),
            ("> a\n⟨1⟩[x](<actor:iran>) b ⟨2⟩[y](actor:iran)\n", ["iran", "iran"]),
            ("- a\n\tb ⟨1⟩[x](<actor:iran>)\n", ["iran"]),
            // A reference-style typed link has no `](` of its own to find.
            ("A ⟨1⟩[ref][r1] and ⟨2⟩[**bold**](actor:iran).\n\n[r1]: actor:iran\n", ["iran", "iran"]),
            // Code inside a typed link's text must not move the search past the next link.
            ("⟨1⟩[`code`](actor:iran)  ⟨2⟩[\\[x\\]](actor:iran)\n⟨3⟩[Ир](actor:россия)  ⟨4⟩[`code`](actor:iran) &#91;⟨5⟩[[ IRAN ]] \\]\n",
             ["iran", "iran", "россия", "iran", "IRAN"]),
            ("⟨1⟩[[Emomali Rahmon]]  ⟨2⟩[[emomali-rahmon|the Tajik president]] ⟨3⟩[multi\nline text](actor:tajikistan) <b>x</b> ⟨4⟩[[Россия]]\n",
             ["Emomali Rahmon", "emomali-rahmon", "tajikistan", "Россия"]),
        ]
        for (text, targets) in cases {
            let result = mentions(text, targets: targets)
            #expect(result.found == result.expected, "\(text)")
        }
    }

    @Test func manyUnmatchedCandidatesStayLinear() {
        // Each of these reads as a wikilink to cmark but is not one in the source; searching
        // the block again for each made this input quadratic (minutes at 40,000 copies).
        let parsed = parse(String(repeating: "&#91;&#91;iran]] ", count: 10_000) + "\n")
        #expect(parsed.mentions.isEmpty)
        #expect(parsed.diagnostics.count == 10_000)
    }
}
