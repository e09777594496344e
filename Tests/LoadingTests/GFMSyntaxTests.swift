import Loading
import Model
import Testing
import TestSupport

/// Mentions and diagnostics inside the syntax Dossier adds around cmark, at their exact
/// places in the file.
@Suite struct GFMSyntaxTests {
    @Test func mentionsInTableCellsKeepTheirColumns() {
        let text = """
        ---
        title: T
        ---
        Lead.

        | Actor | Note \\| more |
        | --- | --- |
        | ⟨1⟩[[iran]] | after \\| an escape ⟨2⟩[[russia]] |
        | `x\\|y` ⟨3⟩[[china\\|China]] | ⟨4⟩[Kabul](actor:kabul) |
        """
        let result = mentions(text + "\n", targets: ["iran", "russia", "china", "kabul"])
        #expect(result.found == result.expected)
    }

    @Test func aPaddedCodeSpanDoesNotHideTheMentionAfterIt() {
        // `` `` a ` b `` `` ends with a space before its backticks; the search for its end
        // once ran on to a later code span and skipped the mention between.
        let text = "| a | b | c |\n| - | - | - |\n| `` a ` b ``|\\| ⟨1⟩[[iran]]| `x b` |\n\nText `` a ` b `` then ⟨2⟩[[russia]] and `y b`.\n"
        let result = mentions(text, targets: ["iran", "russia"])
        #expect(result.found == result.expected)
    }

    @Test func tableRowsAreThePassages() throws {
        let parsed = parse("| a | b |\n| - | - |\n| [[iran]] met | [[russia]] |\n| [[china]] | x |\n")
        #expect(parsed.blocks.map(\.text) == ["iran met russia", "china x"])
        #expect(parsed.mentions.map(\.block) == [0, 0, 1])
        #expect(!parse("| a |\n| - |\n| b |\n").diagnostics.summaries.contains { $0.hasPrefix("empty-body") })
    }

    @Test func aWikilinkSplitByACellPipeSaysHowToEscapeIt() {
        let parsed = parse("| x |\n| - |\n| [[iran|Iran]] |\n")
        #expect(parsed.diagnostics.contains { $0.code == .wikilinkUnterminated && $0.message.contains("\\|") })
    }

    @Test func mentionsInFootnotesAndCalloutsKeepTheirColumns() {
        let text = """
        Claim ⟨1⟩[[iran]].[^1]

        > [!note] About ⟨2⟩[[russia]]
        > Body with ⟨3⟩[[china]].

        [^1]: Source on ⟨4⟩[[kabul]].

            A second paragraph on ⟨5⟩[[taliban]].
        """
        let result = mentions(text + "\n", targets: ["iran", "russia", "china", "kabul", "taliban"])
        #expect(result.found == result.expected)
    }

    @Test func passagesKeepTheirFootnotes() throws {
        let parsed = parse("First [[iran]] claim.[^a] Second.[^b]\n\n[^a]: Source A, [[russia|Moscow]].\n[^b]: Source B.\n")
        let block = try #require(parsed.blocks.first)
        #expect(block.notes.map(\.number) == [1, 2])
        #expect(block.notes.map(\.text) == ["Source A, Moscow.", "Source B."])
        let text = Array(block.text.utf8)
        #expect(String(decoding: text[..<block.notes[0].offset], as: UTF8.self) == "First iran claim.")
        // The lead is the first paragraph of prose, never a footnote.
        #expect(parsed.lead?.text == "First iran claim. Second.")
    }

    @Test func footnoteDiagnosticsAtTheirPlace() {
        let source = MarkedText("Text ⟨1⟩[^sourc] and[^source].\n\n[^source]: S.\n⟨2⟩[^spare]: never used\n⟨3⟩[^source]: again\n")
        let parsed = parse(source.text)
        let at = { (n: Int) in "\(source.markers[n]!.line):\(source.markers[n]!.column)" }
        #expect(parsed.diagnostics.summaries.sorted() == [
            "footnote-duplicate@\(at(3))", "footnote-undefined@\(at(1))", "footnote-unused@\(at(2))",
        ])
        #expect(parsed.diagnostics.first { $0.code == .footnoteUndefined }?.message.contains("did you mean '[^source]'") == true)
    }

    @Test func headingIdsNeverTakeAFootnotesID() {
        let parsed = parse("## Fn 1\n\nText[^1].\n\n[^1]: Note.\n")
        #expect(parsed.headings.map(\.anchor) == ["fn-1-2"])
    }

    @Test func commentsReachNothing() {
        let parsed = parse("Visible [[iran]]. %%hidden [[russia]] secretword%%\n\n%%\nA whole [[china]] block.\n%%\n")
        #expect(parsed.mentions.map(\.target) == ["iran"])
        let html = parsed.body.segments.compactMap { if case .html(let h) = $0 { h } else { nil } }.joined()
        #expect(!html.contains("secretword") && !html.contains("block"))
        #expect(parse("Text %% open\n").diagnostics.summaries == ["comment-unclosed@1:6"])
    }

    // MARK: - False errors found by running the CommonMark spec through Dossier

    @Test func bracketedLinksAreNotSwallowedWikilinks() {
        #expect(parse("See [[1](https://example.org)] for details.\n").diagnostics.isEmpty)
        #expect(parse("[[Smith 2020][smith]]\n\n[smith]: /s\n").diagnostics.isEmpty)
        #expect(parse("\\[[*foo* bar]]\n\n[*foo* bar]: /url\n").diagnostics.isEmpty)
        // Still reported when it is one.
        #expect(parse("The [[CSTO]] summit.\n\n[csto]: /x\n").diagnostics.summaries == ["wikilink-swallowed@1:5"])
    }

    @Test func bracketsThatNeverMeantAWikilinkAreQuiet() {
        #expect(parse("[[bar [foo]\n\n[foo]: /url\n").diagnostics.isEmpty)
        #expect(parse("\\[\\[x\\]\\]\n").diagnostics.isEmpty)
        #expect(parse("A [[*x*]] b\n").diagnostics.summaries == ["wikilink-formatting@1:3"])
    }

    @Test func aBodyOfOnlyATableImageOrCodeIsNotEmpty() {
        for body in ["| a |\n| - |\n| b |\n", "![](map.png)\n", "```\ncode\n```\n"] {
            let summaries = parse("---\ntitle: T\n---\n" + body).diagnostics.summaries
            #expect(!summaries.contains { $0.hasPrefix("empty-body") }, "\(body)")
        }
        #expect(parse("---\ntitle: T\n---\n\n").diagnostics.summaries.contains("empty-body@1:1"))
        // A heading that became the title leaves nothing behind.
        #expect(parse("# Only a title\n").diagnostics.summaries.contains("empty-body@1:1"))
    }
}
