import Foundation
@testable import Loading
import Model

/// An example of the CommonMark spec (`spec.txt`): Markdown, a `.` line, the HTML, between
/// fences of 32 backticks; `→` stands for a tab.
struct SpecExample {
    var number: Int
    var markdown: String

    static let fence = String(repeating: "`", count: 32)

    static func all(in spec: String) -> [SpecExample] {
        var examples: [SpecExample] = []
        var markdown: [Substring]?
        var inOutput = false
        for line in spec.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == fence + " example" {
                markdown = []
                inOutput = false
            } else if line == fence, let lines = markdown {
                examples.append(SpecExample(number: examples.count + 1,
                                            markdown: lines.map { $0 + "\n" }.joined().replacing("→", with: "\t")))
                markdown = nil
            } else if line == ".", markdown != nil, !inOutput {
                inOutput = true
            } else if !inOutput, markdown != nil {
                markdown!.append(line)
            }
        }
        return examples
    }

    /// The documented differences that account for Dossier's body not equalling `cmark`'s, or
    /// nil if they do not: mentions (compared as their source), headings demoted when the body
    /// has a level-1 heading (the page's title is its one `h1`), relative links rewritten for
    /// the page's folder, and GFM, when `cmark-gfm`'s output (`gfm`) is the one that agrees.
    static func documentedDifferences(_ parsed: ParsedFile, markdown: String, cmark: String, gfm: String?) -> [String]? {
        let ours = NormalisedBody(html: bodyWithSourceMentions(parsed, markdown: markdown))
        for (reference, name) in [(cmark, nil), (gfm, "GFM")] {
            guard let reference else { continue }
            var expected = reference, reasons = parsed.mentions.isEmpty ? [] : ["mentions"]
            if reference.contains("<h1") {
                expected = expected.replacing(#/<(\/?)h([1-6])/#) { "<\($0.1)h\(min(6, Int($0.2)! + 1))" }
                reasons.append("demoted headings")
            }
            let rewritten = expected.replacing(#/(href|src)="([^"]*)"/#) { match in
                let url = String(match.2).replacing("&amp;", with: "&")
                let rewritten = RelativeLink.rewrite(url, prettyURLs: false) ?? url
                return "\(match.1)=\"\(rewritten.replacing("&", with: "&amp;"))\""
            }
            if rewritten != expected { reasons.append("relative links") }
            if let name { reasons.append(name) }
            if ours == NormalisedBody(html: rewritten) { return reasons }
        }
        return nil
    }

    /// The body with each mention as cmark renders its source: a wikilink as its text, a typed
    /// link as a link.
    private static func bodyWithSourceMentions(_ parsed: ParsedFile, markdown: String) -> String {
        let lines = (DifferentialTests.frontMatter + markdown).split(separator: "\n", omittingEmptySubsequences: false)
        var html = "", skipping = false
        for segment in parsed.body.segments {
            switch segment {
            case .html(let text) where !skipping: html += text
            case .html: break
            case .mentionStart(let i):
                let mention = parsed.mentions[i]
                switch mention.form {
                case .wikilink:
                    let line = lines[mention.location.line - 1].utf8.dropFirst(mention.location.column - 1)
                    let source = String(decoding: line, as: UTF8.self)
                    let end = source.range(of: "]]").map(\.upperBound) ?? source.endIndex
                    html += DifferentialTests.escapeHTML(String(source[..<end]))
                    skipping = true
                case .tag:
                    html += DifferentialTests.escapeHTML("#" + mention.target)
                    skipping = true
                case .typedLink:
                    html += "<a href=\"\(mention.kind?.rawValue ?? ""):\(DifferentialTests.escapeHTML(mention.target))\">"
                }
            case .mentionEnd(let i):
                if parsed.mentions[i].form == .typedLink { html += "</a>" }
                skipping = false
            }
        }
        return html
    }
}
