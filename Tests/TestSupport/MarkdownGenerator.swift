/// Random Markdown documents for differential tests: Dossier's body HTML against the reference
/// converters (`cmark`, `cmark-gfm`). A seed names a document for ever, so a failure can be
/// replayed from its number alone.
///
/// Each document comes in two spellings. `dossier` holds mentions (`[[Iran]]`,
/// `[[iran|the republic]]`); `reference` has each replaced by the text Dossier shows for it, so
/// the reference converter sees the same document minus Dossier's own syntax. Mentions always
/// stand between spaces, outside code, link text and destinations, so the replacement never
/// changes what the syntax around them means.
///
/// With `features` empty no GFM syntax is written at all (no tables, strikethrough, bare URLs
/// or e-mail addresses, `[^…]`, task markers): those documents must render the same with or
/// without Dossier's GFM layer. Headings are levels 2–6 only, since a body with a level-1 heading has
/// all its headings demoted (the page's title is its one `h1`).
package struct MarkdownGenerator: Sendable {
    package struct Features: OptionSet, Sendable {
        package let rawValue: Int
        package init(rawValue: Int) { self.rawValue = rawValue }
        package static let tables = Features(rawValue: 1 << 0)
        package static let strikethrough = Features(rawValue: 1 << 1)
        package static let autolinks = Features(rawValue: 1 << 2)
        package static let taskLists = Features(rawValue: 1 << 3)
        package static let footnotes = Features(rawValue: 1 << 4)
        package static let gfm: Features = [.tables, .strikethrough, .autolinks, .taskLists, .footnotes]
    }

    private var random: SplitMix64
    private var features: Features = []
    /// Mentions are written as `\u{1}index\u{2}` while a document is built and spelled out at
    /// the end: container prefixes then apply to both spellings alike.
    private var mentions: [(dossier: String, reference: String)] = []
    private var referenceLabels: [String] = []
    private var footnoteLabels: [String] = []
    /// The kind of the block just written.
    private var previous = Kind.other
    /// cmark-gfm 0.29 finds task markers only on lines that start with the list marker, so
    /// never inside a block quote (GitHub's site does show those): none are written there.
    private var quoteDepth = 0

    package init(seed: UInt64) { random = SplitMix64(seed: seed) }

    package mutating func document(features: Features) -> (dossier: String, reference: String) {
        self.features = features
        mentions = []
        referenceLabels = []
        footnoteLabels = []
        quoteDepth = 0
        previous = .other
        var parts = (0..<int(2...9)).map { _ in block(depth: 0) }
        if !referenceLabels.isEmpty || chance(0.1) {
            // Definitions are document-wide: anywhere between top-level blocks, or at the end.
            let at = chance(0.5) ? parts.count : int(0...parts.count)
            parts.insert(referenceDefinitions(), at: at)
        }
        if features.contains(.footnotes), !footnoteLabels.isEmpty { parts.append(footnoteDefinitions()) }
        return spelled(parts.joined(separator: "\n\n") + "\n")
    }

    // MARK: - Blocks

    private enum Kind { case list, table, other }

    private mutating func block(depth: Int) -> String {
        let (text, kind) = anyBlock(depth: depth)
        previous = kind
        return text
    }

    private mutating func anyBlock(depth: Int) -> (String, Kind) {
        switch int(0...99) {
        case 0..<30: return (paragraph(), .other)
        case 30..<38: return (heading(), .other)
        case 38..<52: return (list(depth: depth, ordered: false), .list)
        case 52..<60: return (list(depth: depth, ordered: true), .list)
        case 60..<66 where depth < 3: return (blockQuote(depth: depth), .other)
        case 66..<73: return (fencedCode(), .other)
        // Right after a list it would continue the list's last item.
        case 73..<77 where previous != .list: return (indented(codeLines(), by: "    "), .other)
        case 77..<80: return (pick(["***", "---", "___", "* * *", "- - -", "_____"]), .other)
        case 80..<81: return ("<div class=\"note\">\n*raw* block\n</div>", .other)
        case 81..<95 where features.contains(.tables): return (table(), .table)
        default: return (paragraph(), .other)
        }
    }

    private mutating func paragraph(singleLine: Bool = false) -> String {
        var text = ""
        for i in 0..<int(3...24) {
            if i > 0 {
                text += singleLine ? " " : chance(0.12) ? "\n" : chance(0.03) ? pick(["  \n", "\\\n"]) : " "
            }
            text += token(.paragraph)
        }
        return text
    }

    private mutating func heading() -> String {
        let marks = String(repeating: "#", count: int(2...6))
        let text = (0..<int(1...6)).map { _ in token(.heading) }.joined(separator: " ")
        return marks + " " + text + (chance(0.2) ? " " + marks : "")
    }

    private mutating func blockQuote(depth: Int) -> String {
        quoteDepth += 1
        let inner = (0..<int(1...3)).map { _ in block(depth: depth + 1) }.joined(separator: "\n\n")
        quoteDepth -= 1
        return inner.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")
    }

    /// Tight lists hold one paragraph per item (and maybe a nested list); loose ones separate
    /// items by blank lines and may hold any blocks.
    /// `interrupting`: the list follows a paragraph line directly, where an ordered list must start at 1.
    private mutating func list(depth: Int, ordered: Bool, interrupting: Bool = false) -> String {
        let loose = chance(0.4)
        let tasks = features.contains(.taskLists) && quoteDepth == 0 && chance(0.35)
        let bullet = pick(["-", "*", "+"])
        let delimiter = pick([".", ")"])
        var number = interrupting ? 1 : pick([1, 1, 1, 0, 3, 9])
        var items: [String] = []
        for _ in 0..<int(1...4) {
            let marker = ordered ? "\(number)\(delimiter) " : bullet + " "
            number += 1
            var first = paragraph()
            if tasks, chance(0.8) { first = pick(["[ ] ", "[x] ", "[X] "]) + first }
            var blocks = [first]
            if depth < 3, chance(0.25) {
                blocks.append(list(depth: depth + 1, ordered: chance(0.3), interrupting: !loose))
            } else if loose, chance(0.4) {
                blocks.append(block(depth: depth + 1))
                // cmark-gfm 0.29 makes the lists around an item that ends with a table loose.
                if previous == .table { blocks.append(paragraph()) }
            }
            let body = blocks.joined(separator: loose ? "\n\n" : "\n")
            items.append(marker + indented(body, by: String(repeating: " ", count: marker.count), skippingFirst: true))
        }
        return items.joined(separator: loose ? "\n\n" : "\n")
    }

    private mutating func fencedCode() -> String {
        let fence = String(repeating: pick(["`", "~"]), count: int(3...4))
        let info = pick(["", "", "swift", "text", "python extra words"])
        return fence + info + "\n" + codeLines() + "\n" + fence
    }

    /// Lines that would mean something outside code: inside it they must stay as written.
    private mutating func codeLines() -> String {
        let lines = ["let x = [[Iran]] // not a mention", "*not emphasis* and <b>raw</b> & co", "| a | b |",
                     "~~not struck~~ www.example.com", "[^1] is no footnote", "  indented\tand tabbed", "[[iran|label]]"]
        return (0..<int(1...4)).map { _ in pick(lines) }.joined(separator: "\n")
    }

    private func indented(_ text: String, by prefix: String, skippingFirst: Bool = false) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { i, line in line.isEmpty || (skippingFirst && i == 0) ? String(line) : prefix + line }
            .joined(separator: "\n")
    }

    // MARK: - GFM tables

    private mutating func table() -> String {
        let columns = int(1...4)
        // One column needs its pipes, or the delimiter row is a setext underline.
        let pipes = columns == 1 || chance(0.7)
        func row(_ cells: [String]) -> String {
            let inner = cells.joined(separator: pick([" | ", "|", " |"]))
            return pipes ? "| " + inner + " |" : inner
        }
        var lines: [String] = []
        if chance(0.2) { lines.append(paragraph(singleLine: true)) }
        lines.append(row((0..<columns).map { _ in cell() }))
        // Now and then a delimiter row of the wrong width: then there is no table.
        let delimiters = chance(0.05) ? columns + 1 : columns
        // Without pipes a row starting `- ` would be a list item.
        lines.append(row((0..<delimiters).map { i in pick(["---", ":---", ":---:", "---:", pipes || i > 0 ? "-" : "--", ":-:", "--------"]) }))
        for _ in 0..<int(0...4) {
            let width = max(1, columns + pick([0, 0, 0, -1, 1]))
            lines.append(row((0..<width).map { _ in cell() }))
        }
        return lines.joined(separator: "\n")
    }

    private mutating func cell() -> String {
        if chance(0.08) { return "" }
        return (0..<int(1...3)).map { _ in chance(0.1) ? "\\|" : token(.cell) }.joined(separator: " ")
    }

    // MARK: - Inlines

    private enum Context { case paragraph, heading, cell, linkText, footnote }

    private mutating func token(_ context: Context) -> String {
        let gfm = features
        let inLink = context == .linkText
        switch int(0...99) {
        case 0..<50: return word()
        case 50..<56 where !inLink: return mention(bareOnly: context == .cell)
        case 56..<60: return "*" + words(1...3) + "*"
        case 60..<62: return "_" + words(1...2) + "_"
        case 62..<65:
            let marks = pick(["**", "__"])
            return marks + words(1...2) + (chance(0.4) ? " *" + word() + "*" : "") + marks
        case 65..<68: return code(inCell: context == .cell)
        case 68..<71 where !inLink: return "[" + linkText() + "](" + destination() + title() + ")"
        case 71..<74 where !inLink: return referenceLink()
        case 74..<76 where !inLink: return "![" + linkText() + "](" + pick(["/img/map.png", "https://example.org/a.svg"]) + title() + ")"
        case 76..<78 where !inLink: return pick(["<https://example.com/x?y=1>", "<someone@example.org>", "<mailto:a@b.example>"])
        case 78..<81: return pick(["\\*", "\\_", "\\[", "\\]", "\\#", "\\`", "\\\\", "\\<", "\\&", "\\!", "\\~", "\\|"])
        case 81..<84: return pick(["&amp;", "&copy;", "&#35;", "&#x41;", "&nbsp;", "&ouml;", "&quot;", "&bogus;", "&"])
        // Never a tag alone on a line: there CommonMark 0.29 (cmark-gfm) ends a lazy paragraph, 0.30 does not.
        case 84..<85: return pick(["<kbd>Ctrl</kbd>", "<span class=\"x\">x</span>"])
        case 85..<89 where gfm.contains(.strikethrough): return chance(0.6) ? "~~" + words(1...3) + "~~" : "~" + word() + "~"
        case 89..<93 where gfm.contains(.autolinks) && !inLink: return bareURL()
        case 93..<97 where gfm.contains(.footnotes) && !inLink && context != .footnote: return word() + footnoteReference()
        default: return word()
        }
    }

    private mutating func word() -> String {
        let words = ["analysis", "border", "trade", "the", "of", "and", "water", "energy", "summit", "report", "talks",
                     "drone", "factory", "pipeline", "visit", "treaty", "security", "region", "Dushanbe", "Tehran",
                     "Душанбе", "تهران", "naïve"]
        return pick(words) + (chance(0.1) ? pick([",", ".", ";", ":", "!", "?"]) : "")
    }

    private mutating func words(_ count: ClosedRange<Int>) -> String {
        (0..<int(count)).map { _ in pick(["border", "trade", "water", "energy", "Душанбе", "talks", "visit"]) }.joined(separator: " ")
    }

    private mutating func mention(bareOnly: Bool) -> String {
        let bare = [("Iran", "Iran"), ("Tajikistan", "Tajikistan"), ("Emomali Rahmon", "Emomali Rahmon"), ("Душанбе", "Душанбе")]
        let labelled = [("iran|the republic", "the republic"), ("event:ababil-2-factory|the opening", "the opening"),
                        ("emomali-rahmon|the Tajik president", "the Tajik president")]
        let (inner, shown) = bareOnly || chance(0.5) ? pick(bare) : pick(labelled)
        mentions.append((dossier: "[[\(inner)]]", reference: shown))
        return "\u{1}\(mentions.count - 1)\u{2}"
    }

    private mutating func code(inCell: Bool) -> String {
        if inCell, chance(0.3) { return "`a \\| b`" }
        return pick(["`code`", "`[[Iran]]`", "`` a ` b ``", "`*x*`", "` spaced `", "`www.example.com`"])
    }

    private mutating func linkText() -> String {
        (0..<int(1...3)).map { _ in token(.linkText) }.joined(separator: " ")
    }

    /// Absolute destinations only: Dossier rewrites relative ones for the page's folder.
    private mutating func destination() -> String {
        pick(["https://example.com/a", "/docs/page", "#section", "https://example.org/x?y=1&z=2", "<https://example.org/a b>",
              "mailto:someone@example.org", "/path/with%20space"])
    }

    private mutating func title() -> String {
        pick(["", "", " \"A title\"", " 'single'", " (parens)"])
    }

    private mutating func referenceLink() -> String {
        let labels = ["ref", "docs", "The Source", "wiki"]
        if chance(0.1) { return "[" + word() + "][nowhere]" }
        let label = pick(labels)
        if !referenceLabels.contains(label) { referenceLabels.append(label) }
        switch int(0...3) {
        case 0: return "[" + linkText() + "][" + label + "]"
        case 1: return "[" + label + "][]"
        case 2: return "[" + label.uppercased() + "]"
        default: return "![" + word() + "][" + label + "]"
        }
    }

    private mutating func referenceDefinitions() -> String {
        referenceLabels.map { "[\($0)]: " + destination() + title() }.joined(separator: "\n")
    }

    private mutating func bareURL() -> String {
        let url = pick(["www.example.com", "www.example.com/path", "https://example.org/a?b=c", "http://example.net/x_(y)",
                        "someone@example.org", "first.last+tag@example.co.uk", "https://example.org/path/?q=a&b=1"])
        // Always followed by a space: cmark-gfm matches addresses in the raw text and takes
        // whatever touches them (`url\` before a line break, `url|_x_`), a documented difference.
        switch int(0...5) {
        case 0: return "(" + url + "). "
        case 1: return url + pick([".", ",", ").", "?", "!", ":", ";"]) + " "
        default: return url + " "
        }
    }

    // MARK: - Footnotes

    /// Reuses a label now and then, so a note is referenced twice; a few are never defined.
    private mutating func footnoteReference() -> String {
        if chance(0.05) { return "[^missing]" }
        if !footnoteLabels.isEmpty, chance(0.3) { return "[^" + pick(footnoteLabels) + "]" }
        let label = pick(["1", "2", "3", "note", "a-b", "Long_label", "7"])
        if !footnoteLabels.contains(label) { footnoteLabels.append(label) }
        return "[^" + label + "]"
    }

    /// In shuffled order, so numbering by first reference is tested, plus one never referenced.
    private mutating func footnoteDefinitions() -> String {
        var labels = footnoteLabels
        if chance(0.1) { labels.append("unused") }
        for i in labels.indices.reversed() { labels.swapAt(i, int(0...i)) }
        return labels.map { label in
            var text = "[^\(label)]: " + footnoteParagraph()
            for _ in 0..<(chance(0.3) ? int(1...2) : 0) { text += "\n\n" + indented(footnoteParagraph(), by: "    ") }
            return text
        }.joined(separator: chance(0.5) ? "\n\n" : "\n")
    }

    private mutating func footnoteParagraph() -> String {
        (0..<int(2...10)).map { _ in token(.footnote) }.joined(separator: chance(0.2) ? "\n" : " ")
    }

    // MARK: - Spelling and randomness

    private func spelled(_ text: String) -> (dossier: String, reference: String) {
        var dossier = "", reference = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "\u{1}") {
            let close = rest[open...].firstIndex(of: "\u{2}")!
            let mention = mentions[Int(rest[rest.index(after: open)..<close])!]
            dossier += rest[..<open] + mention.dossier[...]
            reference += rest[..<open] + mention.reference[...]
            rest = rest[rest.index(after: close)...]
        }
        return (dossier + rest, reference + rest)
    }

    private mutating func int(_ range: ClosedRange<Int>) -> Int {
        // Not `Int.random(in:using:)`: its algorithm may change between toolchains.
        range.lowerBound + Int(random.next() % UInt64(range.count))
    }

    private mutating func chance(_ p: Double) -> Bool { Double(random.next() >> 11) / Double(1 << 53) < p }

    private mutating func pick<T>(_ choices: [T]) -> T { choices[int(0...(choices.count - 1))] }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and the same sequence on every
/// platform and toolchain, unlike `SystemRandomNumberGenerator`.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
