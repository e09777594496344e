import Foundation
@testable import Loading
import Model
import Testing
import TestSupport

/// Dossier's body HTML against the reference converters, on seeded random documents
/// (`MarkdownGenerator`): `cmark-gfm` with GitHub's extensions for the GFM layer, and the
/// `cmark` CLI, the same 0.30.2 as the library, for plain CommonMark. `make test` installs
/// both; where they are missing the tests are skipped and say so.
///
/// `DOSSIER_DIFF_COUNT` (default 2,000) and `DOSSIER_DIFF_SEED` (the first seed, default 0)
/// explore further; a failure names its seed, which regenerates the document.
/// `DOSSIER_DIFF_FILE` compares one Markdown file of yours instead (mentions not replaced),
/// to cut a failure down to a minimal input; `DOSSIER_DIFF_REPORT` names a file to list every
/// mismatch in (seed, category, where the two bodies part).
@Suite struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["DOSSIER_DIFF_COUNT"].flatMap(Int.init) ?? 2_000
    static let firstSeed = environment["DOSSIER_DIFF_SEED"].flatMap(UInt64.init) ?? 0
    static let specPath = environment["DOSSIER_COMMONMARK_SPEC"]

    @Test(.enabled(if: ReferenceConverter.gfm.isInstalled, "needs cmark-gfm on PATH (apt-get install cmark-gfm; `make test` installs it)"))
    func gfmBodiesMatchCmarkGFM() throws {
        try compare(features: .gfm, against: .gfm, normalise: NormalisedBody.init(html:))
    }

    @Test(.enabled(if: ReferenceConverter.commonMark.isInstalled, "needs cmark on PATH (apt-get install cmark; `make test` installs it)"))
    func commonMarkBodiesMatchCmark() throws {
        try compare(features: [], against: .commonMark, normalise: NormalisedBody.init(headingIDsRemovedFrom:))
    }

    /// Opt-in: every example of the CommonMark 0.30 spec through Dossier and `cmark` (and
    /// `cmark-gfm`, when installed, to tell GFM's own differences from bugs).
    @Test(.enabled(if: specPath != nil && ReferenceConverter.commonMark.isInstalled,
                   "opt-in: set DOSSIER_COMMONMARK_SPEC to the CommonMark 0.30 spec.txt (needs cmark on PATH)"))
    func commonMarkSpecExamples() throws {
        let examples = SpecExample.all(in: try String(contentsOfFile: Self.specPath!, encoding: .utf8))
        let cmark = try ReferenceConverter.commonMark.render(examples.map(\.markdown))
        let gfm = ReferenceConverter.gfm.isInstalled ? try ReferenceConverter.gfm.render(examples.map(\.markdown)) : nil
        var identical = 0, documented: [String: [Int]] = [:], failing: [Int] = []
        for (i, example) in examples.enumerated() {
            let parsed = parse(Self.frontMatter + example.markdown)
            if NormalisedBody.removingHeadingIDs(Self.body(of: parsed)) == cmark[i] {
                identical += 1
            } else if let reasons = SpecExample.documentedDifferences(parsed, markdown: example.markdown, cmark: cmark[i], gfm: gfm?[i]) {
                documented[reasons.joined(separator: " + "), default: []].append(example.number)
            } else {
                failing.append(example.number)
                if failing.count <= 5 {
                    Issue.record("example \(example.number):\n\(example.markdown)--- Dossier\n\(Self.body(of: parsed))--- cmark\n\(cmark[i])")
                }
            }
        }
        let reasons = documented.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value.map(String.init).joined(separator: " "))" }
        print("""
            CommonMark 0.30 spec, \(examples.count) examples: \(identical) identical, \(documented.values.joined().count) differ \
            only by documented differences, \(failing.count) fail: \(failing.map(String.init).joined(separator: " "))
            \(reasons.joined(separator: "\n"))
            """)
        #expect(examples.count == 652)
        #expect(failing.isEmpty, "spec examples that differ from cmark")
    }

    @Test func normaliserTakesEitherBackLinkForm() {
        let reference = """
            <li id="fn-1">
            <p>One. <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a> \
            <a href="#fnref-1-2" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩<sup class="footnote-ref">2</sup></a></p>
            </li>
            """
        let dossier = """
            <li id="fn-1">
            <p>One. <span class="footnote-backrefs">↩ <a href="#fnref-1">a</a> <a href="#fnref-1-2">b</a></span></p>
            </li>
            """
        #expect(NormalisedBody(html: reference) == NormalisedBody(html: dossier))
        #expect(NormalisedBody(html: dossier).backLinks == ["fn-1 ×2"])
        // After a block that is not a paragraph, cmark-gfm gives the back-link a line of its own.
        let alone = "<li id=\"fn-2\">\n<pre><code>x\n</code></pre>\n<a href=\"#fnref-2\" class=\"footnote-backref\">↩</a>\n</li>\n"
        #expect(NormalisedBody(html: alone) == NormalisedBody(html: "<li id=\"fn-2\">\n<pre><code>x\n</code></pre>\n</li>\n", backLinks: ["fn-2 ×1"]))
    }

    @Test func normaliserTakesHeadingIDsAndTableWraps() {
        let wrapped = "<h2 id=\"x\">X</h2>\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"><table>\n</table></div>\n<h3>Y</h3>\n"
        #expect(NormalisedBody(html: wrapped).html == "<h2>X</h2>\n<table>\n</table>\n<h3>Y</h3>\n")
        #expect(NormalisedBody(html: "<p>a id=\"b\"</p><div class=\"x\">").html == "<p>a id=\"b\"</p><div class=\"x\">")
    }

    // MARK: - Running the comparison

    /// A title in front matter, so the body keeps its first heading.
    static let frontMatter = "---\ntitle: Differential\n---\n"

    private typealias Mismatch = (name: String, markdown: String, ours: NormalisedBody, theirs: NormalisedBody)

    private func compare(features: MarkdownGenerator.Features, against converter: ReferenceConverter,
                         normalise: @Sendable (String) -> NormalisedBody) throws {
        let documents = try Self.documents(features: features)
        let expected = try converter.render(documents.map(\.reference))
        let bodies = Array(zip(documents.map(\.dossier), expected)).concurrentMap { markdown, reference in
            (ours: normalise(Self.body(of: parse(Self.frontMatter + markdown))), theirs: normalise(reference))
        }
        let mismatches: [Mismatch] = bodies.indices.filter { bodies[$0].ours != bodies[$0].theirs }.map { i in
            (documents[i].name, documents[i].dossier, bodies[i].ours, bodies[i].theirs)
        }
        try report(mismatches, of: documents.count, against: converter.name)
    }

    /// The generated documents, named by seed, or the one file `DOSSIER_DIFF_FILE` names.
    private static func documents(features: MarkdownGenerator.Features) throws -> [(name: String, dossier: String, reference: String)] {
        if let path = environment["DOSSIER_DIFF_FILE"] {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return [(path, text, text)]
        }
        return (0..<UInt64(count)).map { firstSeed + $0 }.concurrentMap { seed in
            var generator = MarkdownGenerator(seed: seed)
            let document = generator.document(features: features)
            return ("seed \(seed)", document.dossier, document.reference)
        }
    }

    /// The first few mismatches in full, then a count by category; every one in the file
    /// `DOSSIER_DIFF_REPORT` names.
    private func report(_ mismatches: [Mismatch], of count: Int, against converter: String) throws {
        let parts = mismatches.map { NormalisedBody.firstDifference($0.ours, $0.theirs) }
        let categories = mismatches.map { NormalisedBody.category(of: $0.ours, $0.theirs) }
        if let path = Self.environment["DOSSIER_DIFF_REPORT"] {
            let lines = mismatches.indices.map { "\(mismatches[$0].name)\t\(categories[$0])\n  D: \(parts[$0].ours)\n  R: \(parts[$0].theirs)\n" }
            try lines.joined().write(toFile: path, atomically: true, encoding: .utf8)
        }
        for (mismatch, part) in zip(mismatches, parts).prefix(3) {
            Issue.record("""
                \(mismatch.name): Dossier's body differs from \(converter)'s, first at
                  Dossier: \(part.ours)
                  \(converter): \(part.theirs)
                --- Markdown
                \(mismatch.markdown)--- Dossier (normalised)
                \(mismatch.ours.html)\(mismatch.ours.backLinks)
                --- \(converter) (normalised)
                \(mismatch.theirs.html)\(mismatch.theirs.backLinks)
                """)
        }
        guard !mismatches.isEmpty else { return }
        let counts = Dictionary(grouping: categories) { $0 }.map { "\($0.key) \($0.value.count)" }.sorted()
        Issue.record("""
            \(mismatches.count) of \(count) documents differ from \(converter)'s; by the construct where they first part: \
            \(counts.joined(separator: ", ")); \(mismatches.prefix(30).map(\.name).joined(separator: ", "))
            """)
    }

    /// The body's HTML as a page shows it: a bare `[[target]]` shows its target (the link step
    /// may put the entity's name instead); a mention with its own text already holds it.
    static func body(of parsed: ParsedFile) -> String {
        parsed.body.segments.map { segment in
            switch segment {
            case .html(let html): html
            case .mentionStart(let i): parsed.mentions[i].hasShownText ? "" : escapeHTML(parsed.mentions[i].shown)
            case .mentionEnd: ""
            }
        }.joined()
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
    }
}

// MARK: - Normalisation

/// What remains of a body's HTML once the differences Dossier documents are taken out; two
/// bodies agree when these are equal. Only these are removed, on either side:
///
/// - the `id="…"` of `<h1>`…`<h6>`: Dossier gives every heading an anchor;
/// - the `<div … class="table-wrap" …>` Dossier wraps each table in: its open tag right before
///   `<table>` and the `</div>` right after `</table>`, whatever the div's other attributes;
/// - footnote back-links, which differ by design: cmark-gfm writes one
///   `<a class="footnote-backref">↩<sup>2</sup></a>` per reference, Dossier one `↩` link, or
///   `↩ a b` in a `<span class="footnote-backrefs">`. Each element goes with the space before
///   it, or with its whole line where it stands alone; how many references each footnote links
///   back to is kept in `backLinks`, to be compared instead;
/// - column alignment: Dossier writes `style="text-align: …"`, cmark-gfm the obsolete `align`;
/// - in a loose list, Dossier puts a task item's checkbox inside its first paragraph.
///
/// README's table of differences lists the same; the generator also steers clear of the
/// inputs README names as read differently (an address touching the syntax after it).
struct NormalisedBody: Equatable {
    var html: String
    /// `fn-1 ×2`: footnote `fn-1` links back to two references.
    var backLinks: [String] = []

    init(html: String) {
        let html = Self.movingLooseCheckboxes(Self.alignmentAsAttributes(Self.removingTableWraps(Self.removingHeadingIDs(html))))
        (self.html, backLinks) = Self.removingBackLinks(html)
    }

    /// Dossier aligns cells with `style="text-align: x"` (`align` is obsolete HTML).
    static func alignmentAsAttributes(_ html: String) -> String {
        guard html.contains("style=\"text-align: ") else { return html }
        return html.replacing("style=\"text-align: left\"", with: "align=\"left\"")
            .replacing("style=\"text-align: center\"", with: "align=\"center\"")
            .replacing("style=\"text-align: right\"", with: "align=\"right\"")
    }

    /// In a loose list Dossier puts a task item's checkbox inside its first paragraph;
    /// cmark-gfm writes it before the paragraph.
    static func movingLooseCheckboxes(_ html: String) -> String {
        guard html.contains("<li>\n<p><input type=\"checkbox\"") else { return html }
        var out = html
        for box in ["<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" />"] {
            out = out.replacing("<li>\n<p>" + box + " ", with: "<li>" + box + " \n<p>")
        }
        return out
    }

    /// Plain CommonMark: the heading ids are the only difference.
    init(headingIDsRemovedFrom html: String) {
        self.html = Self.removingHeadingIDs(html)
    }

    init(html: String, backLinks: [String]) {
        self.html = html
        self.backLinks = backLinks
    }

    // Scanned by hand: with Swift's `Regex`, normalising cost as much as parsing.

    static func removingHeadingIDs(_ html: String) -> String {
        var kept = "", cursor = html.startIndex
        while let id = html.range(of: " id=\"", range: cursor..<html.endIndex) {
            let tag = html[cursor..<id.lowerBound].suffix(3)
            guard tag.count == 3, tag.hasPrefix("<h"), ("1"..."6").contains(tag.last!),
                  let close = html.range(of: "\">", range: id.upperBound..<html.endIndex) else {
                kept += html[cursor..<id.upperBound]
                cursor = id.upperBound
                continue
            }
            kept += html[cursor..<id.lowerBound]
            cursor = html.index(after: close.lowerBound)
        }
        return kept + html[cursor...]
    }

    static func removingTableWraps(_ html: String) -> String {
        guard html.contains("table-wrap") else { return html }
        var kept = "", cursor = html.startIndex
        while let open = html.range(of: "<div", range: cursor..<html.endIndex),
              let close = html.range(of: ">", range: open.upperBound..<html.endIndex) {
            let end = html[close.upperBound...].hasPrefix("\n<table>") ? html.index(after: close.upperBound) : close.upperBound
            guard html[open.lowerBound..<close.upperBound].contains("table-wrap"), html[end...].hasPrefix("<table>") else {
                kept += html[cursor..<close.upperBound]
                cursor = close.upperBound
                continue
            }
            kept += html[cursor..<open.lowerBound]
            cursor = end
        }
        return (kept + html[cursor...]).replacing("</table>\n</div>", with: "</table>").replacing("</table></div>", with: "</table>")
    }

    static func removingBackLinks(_ html: String) -> (String, [String]) {
        var kept = "", counts: [(footnote: String, links: Int)] = []
        var cursor = html.startIndex
        while let mark = html.range(of: "footnote-backref", range: cursor..<html.endIndex),
              let open = html[cursor..<mark.lowerBound].lastIndex(of: "<") {
            let closing = html[open...].hasPrefix("<span") ? "</span>" : "</a>"
            guard let close = html.range(of: closing, range: mark.upperBound..<html.endIndex) else { break }
            var start = open, end = close.upperBound
            if start > cursor, html[html.index(before: start)] == " " {
                start = html.index(before: start)
            } else if start == html.startIndex || html[html.index(before: start)] == "\n", html[end...].hasPrefix("\n") {
                end = html.index(after: end)
            }
            let links = html[open..<close.upperBound].ranges(of: "href=\"#fnref").count
            let footnote = html[..<open].range(of: "<li id=\"", options: .backwards)
                .map { html[$0.upperBound...].prefix { $0 != "\"" } }.map(String.init) ?? "?"
            if counts.last?.footnote == footnote { counts[counts.count - 1].links += links } else { counts.append((footnote, links)) }
            kept += html[cursor..<start]
            cursor = end
        }
        kept += html[cursor...]
        return (kept, counts.map { "\($0.footnote) ×\($0.links)" })
    }

    /// Where two bodies part: from the tag before their first differing character to the end
    /// of that line (or their back-link counts, if the HTML agrees).
    static func firstDifference(_ ours: NormalisedBody, _ theirs: NormalisedBody) -> (ours: String, theirs: String) {
        if ours.html == theirs.html { return ("\(ours.backLinks)", "\(theirs.backLinks)") }
        let common = zip(ours.html, theirs.html).prefix { $0 == $1 }.count
        func excerpt(_ html: String) -> String {
            let at = html.index(html.startIndex, offsetBy: common)
            let start = html[..<at].lastIndex { $0 == "<" || $0 == "\n" } ?? html.startIndex
            let rest = html[start...].drop { $0 == "\n" }
            return String(rest.prefix { $0 != "\n" })
        }
        return (excerpt(ours.html), excerpt(theirs.html))
    }

    /// The construct where two bodies first part, to sort mismatches by cause.
    static func category(of ours: NormalisedBody, _ theirs: NormalisedBody) -> String {
        if ours.html == theirs.html { return "footnote back-link count" }
        let (a, b) = firstDifference(ours, theirs)
        let near = a.prefix(60) + " " + b.prefix(60)
        if near.contains("checkbox") { return "task lists" }
        if a == "<li>" || b == "<li>" { return "list tightness" }
        if [a, b].contains(where: { $0.hasPrefix("<t") || $0.hasPrefix("</t") }) { return "tables" }
        let markers: [(String, String)] = [
            ("\">www.", "autolinks"), ("\">http", "autolinks"), ("@example", "autolinks"), ("footnote", "footnotes"),
            ("<t", "tables"), ("<del>", "strikethrough"),
        ]
        return markers.first { near.contains($0.0) }?.1 ?? "other"
    }
}

extension Array where Element: Sendable {
    /// `map` on all cores, in order: parsing thousands of documents is most of these tests' time.
    func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        nonisolated(unsafe) let output = results
        withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            DispatchQueue.concurrentPerform(iterations: count) { output[$0] = transform(input[$0]) }
        }
        return results.map { $0! }
    }
}
