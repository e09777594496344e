import Foundation
import Model

/// Finds `[[target]]`, `[[target|shown]]` and `[[kind:target|shown]]` in a text literal.
/// Pure text work: positions and Markdown structure are the extractor's business.
enum MentionScanner {
    struct Wikilink: Equatable {
        /// UTF-8 offsets of `[[` and one past `]]` in the literal.
        var start: Int
        var end: Int
        var target: String
        var kind: EntityKind?
        /// `doc:` prefix: the target is a document.
        var toDocument = false
        /// After `#`: a heading (`[[x#Heading]]`, `[[#Heading]]`).
        var fragment: String?
        /// `![[…]]`: the target is shown in place (an image, a note); `start` is still at `[[`.
        var embed = false
        var shown: String?
        /// Text between the brackets, as written.
        var inner: String
        var problem: Problem?
        /// `#tag` in the text (Obsidian's inline tag): names a theme; `start` is at `#`.
        var tag = false
    }

    enum Problem: Equatable {
        case empty, emptyTarget, extraPipe
    }

    private static let opener: [UInt8] = [0x5B, 0x5B]

    /// Wikilinks in the literal, and the offset of a trailing `[[` that never closes.
    static func scan(_ literal: String) -> (links: [Wikilink], unclosed: Int?) {
        var literal = literal
        return literal.withUTF8(scan)
    }

    /// The same, on the literal's bytes: each `[[` found by `firstOffset`, read in place (a
    /// copy of the bytes and a bounds check per byte were most of a mention's cost here).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (links: [Wikilink], unclosed: Int?) {
        var links: [Wikilink] = []
        var unclosed: Int?
        guard let base = bytes.baseAddress else { return (links, unclosed) }
        let count = bytes.count
        var i = 0
        while let opener = Self.opener.withUnsafeBufferPointer({ bytes.firstOffset(of: $0, in: i..<count) }) {
            i = opener
            // Innermost opener: `[[[x]]` links `x` from the last `[[`.
            var open = i
            while open + 2 < count, base[open + 2] == 0x5B { open += 1 }
            var j = open + 2
            while j < count, base[j] != 0x5D, base[j] != 0x5B { j += 1 }
            guard j + 1 < count, base[j] == 0x5D, base[j + 1] == 0x5D else {
                if j >= count { unclosed = open }
                i = max(j, open + 2)
                continue
            }
            let inner = String(decoding: UnsafeBufferPointer(start: base + open + 2, count: j - open - 2), as: UTF8.self)
            var link = parse(inner, start: open, end: j + 2)
            link.embed = open > 0 && base[open - 1] == UInt8(ascii: "!")
            links.append(link)
            i = j + 2
        }
        return (links, unclosed)
    }

    /// Obsidian's inline tags in the literal: `#` at its start (when `atStart` says what
    /// comes before is a space or a line start) or after whitespace, then letters, digits,
    /// `_`, `-` and `/`, with a letter among them (`#1` is a number, `C#` and `a#b` are words).
    static func tags(_ literal: String, atStart: Bool) -> [Wikilink] {
        var tags: [Wikilink] = []
        let scalars = Array(literal.unicodeScalars)
        var offset = 0, i = 0
        var previousIsSpace = atStart
        while i < scalars.count {
            let scalar = scalars[i]
            if scalar == "#", previousIsSpace {
                var j = i + 1, length = 1
                var hasLetter = false
                while j < scalars.count, isTagScalar(scalars[j]) {
                    if scalars[j].properties.isAlphabetic { hasLetter = true }
                    length += scalars[j].utf8.count
                    j += 1
                }
                // A trailing `/` ends the sentence, not the tag.
                while j > i + 1, scalars[j - 1] == "/" { j -= 1; length -= 1 }
                // A tag names something: `#1`, `#2024` and `#--` are not tags.
                if j > i + 1, hasLetter {
                    let name = String(String.UnicodeScalarView(scalars[(i + 1)..<j]))
                    var tag = Wikilink(start: offset, end: offset + length, target: name, kind: .theme, shown: "#" + name,
                                       inner: "#" + name, problem: nil)
                    tag.tag = true
                    tags.append(tag)
                    offset += length
                    i = j
                    previousIsSpace = false
                    continue
                }
            }
            previousIsSpace = scalar.properties.isWhitespace
            offset += scalar.utf8.count
            i += 1
        }
        return tags
    }

    static func isTagScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "_" || scalar == "-" || scalar == "/"
        }
        return scalar.isLetterNumberOrMark
    }

    static func parse(_ inner: String, start: Int, end: Int) -> Wikilink {
        var link = Wikilink(start: start, end: end, target: "", kind: nil, shown: nil, inner: inner, problem: nil)
        // Byte searches: `|` and `:` are ASCII, and Character-wise splitting is slow.
        let pipe = inner.firstIndex(ofASCII: UInt8(ascii: "|"))
        var target = String(inner[..<(pipe ?? inner.endIndex)]).trimmingSpaces
        if let pipe {
            let shown = String(inner[inner.utf8.index(after: pipe)...]).trimmingSpaces
            link.shown = shown.isEmpty ? nil : shown
            if shown.utf8.contains(UInt8(ascii: "|")) { link.problem = .extraPipe }
        }
        if let colon = target.firstIndex(ofASCII: UInt8(ascii: ":")) {
            let prefix = target[..<colon].lowercased()
            if let kind = EntityKind(rawValue: prefix) {
                link.kind = kind
            } else if prefix == "doc" {
                link.toDocument = true
            }
            if link.kind != nil || link.toDocument {
                target = String(target[target.utf8.index(after: colon)...]).trimmingSpaces
            }
        }
        if let hash = target.firstIndex(ofASCII: UInt8(ascii: "#")) {
            let fragment = String(target[target.utf8.index(after: hash)...]).trimmingSpaces
            link.fragment = fragment.isEmpty ? nil : fragment
            target = String(target[..<hash]).trimmingSpaces
        }
        link.target = target
        if inner.trimmingSpaces.isEmpty {
            link.problem = .empty
        } else if target.isEmpty && link.fragment == nil {
            link.problem = .emptyTarget
        }
        return link
    }

    /// The kind and id of a typed link destination (`actor:iran`; `doc:articles/x` has no
    /// kind), or nil for other links.
    static func typedDestination(_ url: String) -> (kind: EntityKind?, target: String)? {
        // A kind's name is short: a colon further in is no typed link (nor a walk over a long URL).
        guard let colon = url.utf8.prefix(16).firstIndex(of: 0x3A) else { return nil }
        let prefix = String(url[..<colon])
        let kind = EntityKind(rawValue: prefix)
        guard kind != nil || prefix == "doc" else { return nil }
        let target = String(url[url.utf8.index(after: colon)...])
        return (kind, target.utf8.contains(0x25) ? target.removingPercentEncoding ?? target : target)
    }
}
