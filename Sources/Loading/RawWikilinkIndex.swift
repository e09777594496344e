import Markdown

/// The `[[…]]` spans of a block's raw lines, keyed by their text as written and as cmark
/// decodes it, so each mention finds its occurrence with one lookup instead of a rescan
/// (rescanning made inputs with many unmatched candidates quadratic).
struct RawWikilinkIndex {
    struct Candidate {
        let line: Int
        /// Offset of the first `[`, of the innermost `[[`, and one past `]]`, in the file.
        let start: Int
        let open: Int
        let end: Int
        /// Written `\[[…]]`.
        let escaped: Bool
    }

    private var byText: [String: [Candidate]] = [:]

    init(_ source: SourceText, lines: ClosedRange<Int>) {
        let bytes = source.bytes
        for line in lines {
            let range = source.lines[line - 1]
            var i = range.lowerBound
            while i + 1 < range.upperBound {
                guard bytes[i] == 0x5B, bytes[i + 1] == 0x5B else { i += 1; continue }
                var open = i
                while open + 2 < range.upperBound, bytes[open + 2] == 0x5B { open += 1 }
                var close = open + 2
                while close + 1 < range.upperBound, !(bytes[close] == 0x5D && bytes[close + 1] == 0x5D) { close += 1 }
                guard close + 1 < range.upperBound else { break }
                let raw = bytes[(open + 2)..<close]
                let candidate = Candidate(line: line, start: i, open: open, end: close + 2,
                                          escaped: Self.isEscaped(bytes, i, lineStart: range.lowerBound))
                let text = String(decoding: raw, as: UTF8.self)
                byText[text, default: []].append(candidate)
                if let decoded = Self.decoded(raw), decoded != text { byText[decoded, default: []].append(candidate) }
                i = open + 2
            }
        }
    }

    /// The first occurrence reading as `text` that starts at or after `offset`.
    func first(_ text: String, from offset: Int) -> Candidate? {
        guard let list = byText[text] else { return nil }
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].start < offset { low = mid + 1 } else { high = mid }
        }
        return low < list.count ? list[low] : nil
    }

    static func isEscaped(_ bytes: [UInt8], _ offset: Int, lineStart: Int) -> Bool {
        var count = 0
        var i = offset - 1
        while i >= lineStart, bytes[i] == 0x5C {
            count += 1
            i -= 1
        }
        return count % 2 == 1
    }

    /// Raw text as cmark reads it (`AT&amp;T` → `AT&T`, `a\|b` → `a|b`); nil when there is
    /// nothing to decode.
    static func decoded(_ raw: ArraySlice<UInt8>) -> String? {
        guard raw.contains(0x26) || raw.contains(0x5C) else { return nil }
        return BodyParser.plainText(of: MarkdownDocument(parsing: String(decoding: raw, as: UTF8.self)).rootNode)
    }
}
