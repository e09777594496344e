/// The shape nearly all front matter has, read without libyaml: one mapping of plain keys to
/// one-line scalars (plain, or quoted without escapes), flow lists of them (`[a, b]`) and
/// block lists of them (`- a`). Anything else, or anything this reader is unsure of, answers
/// nil and goes to Yams, which also reports every error; so this reader never has to.
///
/// Why: Yams costs about 40 µs for three lines (a parser, its events, a tag object per node),
/// 3.6% of a cold build at 10,000 articles. The nodes made here are the ones Yams makes for the
/// same text, places and styles included (`SimpleYAMLTests` compares them).
enum SimpleYAML {
    static func parse(_ yaml: String) -> YAMLNode? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            Self.hasSpecialCharacters(bytes) ? nil : Reader(bytes: bytes).document()
        }
    }

    /// Tabs, carriage returns and other control characters, the line breaks YAML 1.1 knows
    /// beyond `\n` (U+0085, U+2028, U+2029), byte-order marks and non-characters: libyaml
    /// gives each a meaning or an error of its own.
    private static func hasSpecialCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte < 0x20 && byte != 0x0A || byte == 0x7F { return true }
            if byte >= 0xC2 && i + 2 <= bytes.count {
                let next = bytes[i + 1]
                if byte == 0xC2 && next < 0xA0 { return true }
                if i + 2 < bytes.count {
                    let third = bytes[i + 2]
                    if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return true }
                    if byte == 0xEF && next == 0xBB && third == 0xBF { return true }
                    if byte == 0xEF && next == 0xBF && third >= 0xBE { return true }
                }
            }
            i += 1
        }
        return false
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>

        /// The whole text as one mapping; nil outside the subset.
        func document() -> YAMLNode? {
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var keys: Set<String> = []
            var firstPlace: YAMLNode.Place?
            var lines = Lines(bytes: bytes)
            // A key whose value is empty so far: block list items may follow.
            var open: OpenKey?

            func close() -> Bool {
                guard let pending = open else { return true }
                open = nil
                if pending.items.isEmpty {
                    // `key:` alone is an empty plain scalar; libyaml places it where the
                    // next token starts, which this reader does not track.
                    return false
                }
                pairs.append((pending.key, .sequence(pending.items, at: pending.itemsPlace)))
                return true
            }

            while let line = lines.next() {
                let indent = line.indent(in: bytes)
                if indent == line.end { continue }                        // blank
                if bytes[indent] == UInt8(ascii: "#") { continue }         // comment line
                if indent > line.start || bytes[indent] == UInt8(ascii: "-") {
                    // A block list item of the open key.
                    guard var pending = open,
                          bytes[indent] == UInt8(ascii: "-"), indent + 1 < line.end, bytes[indent + 1] == UInt8(ascii: " "),
                          pending.indent == nil || pending.indent == indent - line.start,
                          let item = scalar(from: indent + 2, to: line.end, line: line) else { return nil }
                    if pending.items.isEmpty { pending.itemsPlace = place(of: indent, line: line) }
                    pending.indent = indent - line.start
                    pending.items.append(item)
                    open = pending
                    continue
                }
                guard close() else { return nil }
                // `key:` then a value.
                var i = line.start
                while i < line.end, Self.isKeyByte(bytes[i]) { i += 1 }
                guard i > line.start, i < line.end, bytes[i] == UInt8(ascii: ":") else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.start..<i]), as: UTF8.self)
                guard keys.insert(key).inserted else { return nil }      // Yams reports duplicates
                let keyPlace = place(of: line.start, line: line)
                if firstPlace == nil { firstPlace = keyPlace }
                let keyNode = YAMLNode.scalar(.init(string: key, style: .plain, place: keyPlace))
                i += 1
                guard i == line.end || bytes[i] == UInt8(ascii: " ") else { return nil }
                while i < line.end, bytes[i] == UInt8(ascii: " ") { i += 1 }
                if i == line.end {
                    open = OpenKey(key: keyNode)
                    continue
                }
                let value: YAMLNode?
                if bytes[i] == UInt8(ascii: "[") {
                    value = flowList(from: i, line: line)
                } else {
                    value = scalar(from: i, to: line.end, line: line)
                }
                guard let value else { return nil }
                pairs.append((keyNode, value))
            }
            guard close(), let firstPlace else { return nil }
            return .mapping(pairs, at: firstPlace)
        }

        /// `[a, "b", c]` on one line; nothing may follow it.
        private func flowList(from start: Int, line: Line) -> YAMLNode? {
            var end = line.end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            guard bytes[end - 1] == UInt8(ascii: "]") else { return nil }
            let listPlace = place(of: start, line: line)
            var items: [YAMLNode] = []
            var i = start + 1
            while i < end - 1, bytes[i] == UInt8(ascii: " ") { i += 1 }
            if i == end - 1 { return .sequence([], at: listPlace) }
            var itemStart = i
            var quote: UInt8?
            while i < end - 1 {
                let byte = bytes[i]
                if let q = quote {
                    if byte == q { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ",") {
                    guard let item = flowItem(itemStart, i, line: line) else { return nil }
                    items.append(item)
                    i += 1
                    while i < end - 1, bytes[i] == UInt8(ascii: " ") { i += 1 }
                    itemStart = i
                    continue
                }
                i += 1
            }
            guard quote == nil, let last = flowItem(itemStart, end - 1, line: line) else { return nil }
            items.append(last)
            return .sequence(items, at: listPlace)
        }

        private func flowItem(_ start: Int, _ end: Int, line: Line) -> YAMLNode? {
            // Inside a flow list these end a plain scalar or open a nested collection.
            for i in start..<end {
                switch bytes[i] {
                case UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): return nil
                default: continue
                }
            }
            return scalar(from: start, to: end, line: line)
        }

        /// A plain or quoted scalar filling `start..<end` (trailing spaces allowed).
        private func scalar(from start: Int, to end: Int, line: Line) -> YAMLNode? {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            guard end > start else { return nil }
            let first = bytes[start]
            let at = place(of: start, line: line)
            if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
                // No escapes and no doubled quotes: the text between the quotes is the value.
                guard end - start >= 2, bytes[end - 1] == first else { return nil }
                for i in (start + 1)..<(end - 1) where bytes[i] == first || bytes[i] == UInt8(ascii: "\\") {
                    return nil
                }
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(end - 1)]), as: UTF8.self)
                return .scalar(.init(string: text, style: first == UInt8(ascii: "\"") ? .doubleQuoted : .singleQuoted, place: at))
            }
            guard !Self.indicators.contains(first) else { return nil }
            var previous = first
            for i in (start + 1)..<end {
                let byte = bytes[i]
                // `a: b` would be a mapping, `a #b` a comment.
                if byte == UInt8(ascii: " ") && previous == UInt8(ascii: ":") { return nil }
                if byte == UInt8(ascii: "#") && previous == UInt8(ascii: " ") { return nil }
                previous = byte
            }
            guard previous != UInt8(ascii: ":") else { return nil }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return .scalar(.init(string: text, style: .plain, place: at))
        }

        /// Line and column (1-based, the column in Unicode scalars, as libyaml counts).
        private func place(of offset: Int, line: Line) -> YAMLNode.Place {
            var column = 1
            for i in line.start..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            return YAMLNode.Place(line: line.number, column: column)
        }

        /// First bytes that make a plain scalar something else, or that this reader leaves
        /// to Yams: indicators, and space or control bytes that trimming would have removed.
        private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@` ".utf8)

        private static func isKeyByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
    }

    private struct OpenKey {
        var key: YAMLNode
        var items: [YAMLNode] = []
        var itemsPlace = YAMLNode.Place(line: 1, column: 1)
        /// Spaces before each item's `-`, once the first is read.
        var indent: Int?
    }

    private struct Line {
        var start: Int, end: Int, number: Int

        /// Offset of the first byte that is not a space.
        func indent(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var i = start
            while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            return i
        }
    }

    /// Lines split at `\n`, numbered from 1.
    private struct Lines {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0, number = 0

        mutating func next() -> Line? {
            guard offset < bytes.count else { return nil }
            let start = offset
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            offset = end + 1
            number += 1
            return Line(start: start, end: end, number: number)
        }
    }
}
