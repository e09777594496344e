/// The classes of input that make Markdown parsers slow (cmark's own pathological tests,
/// its CVEs, and Dossier's layers: wikilinks, footnotes, tables), each written at about
/// `size` bytes. `Benchmarks/pathological.py` writes the same classes for timing.
package enum PathologicalMarkdown {
    package static func cases(size: Int) -> [(name: String, text: String)] {
        func repeated(_ unit: String, _ count: Int? = nil) -> String {
            String(repeating: unit, count: count ?? max(1, size / unit.utf8.count))
        }
        let depth = min(size / 50, 20_000)
        return [
            ("nested strong and emphasis", repeated("*a **a ", depth) + "b" + repeated(" a** a*", depth)),
            ("emphasis closers without openers", repeated("a_ ")),
            ("emphasis openers without closers", repeated("_a ")),
            ("asterisk openers", repeated("*a ")),
            ("mismatched openers and closers", repeated("*a_ ")),
            ("openers and closers multiple of 3", repeated("a***", size / 8) + repeated("a*", size / 4)),
            ("link closers without openers", repeated("a]")),
            ("link openers without closers", repeated("[a")),
            ("link openers and emphasis closers", repeated("[ a_")),
            ("nested brackets", repeated("[", size / 2) + "a" + repeated("]", size / 2)),
            ("unclosed inline links", repeated("[a](b")),
            ("unclosed pointy links", repeated("[a](<b")),
            ("images open around links", repeated("![[]()")),
            ("images open around links, spaced", repeated("![ [](x)")),
            ("nested block quotes", repeated("> ", size / 2) + "a"),
            ("deeply nested lists", (0..<min(size / 1000, 1000)).map { String(repeating: "  ", count: $0) + "* a\n" }.joined()),
            ("backtick runs", (1..<min(1400, size / 700 + 2)).map { "e" + String(repeating: "`", count: $0) }.joined()),
            ("many reference definitions", (0..<(size / 10)).map { "[\($0)]: u\n" }.joined()),
            ("less-than runs", repeated("<")),
            ("entity runs", repeated("&#")),
            ("unclosed wikilinks", repeated("[[a ")),
            ("wikilinks", repeated("[[iran]] ")),
            ("footnote references", repeated("[^a]") + "\n\n[^a]: x\n"),
            ("table of pipes", "| a |\n| - |\n" + repeated("|") + "\n"),
            ("strikethrough runs", repeated("~~a ")),
            ("comment openers", repeated("%%a")),
        ]
    }
}
