#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where each byte of a text node's literal was written: cmark unescapes `\~` and decodes
/// entities, so the literal alone cannot tell a delimiter from an escaped character.
struct TextOrigins {
    /// 1-based line of the node; the column of each literal byte (one past the end last).
    var line: Int
    var columns: PerByte<Int>
    /// Bytes that came from a backslash escape or an entity.
    var escaped: PerByte<Bool>
}

/// A value per literal byte, listed, or following from the first byte's (most text is
/// written as cmark reads it: columns one after another, nothing escaped). A run costs
/// nothing per byte, where a list was most of the cost of finding footnote references and
/// addresses in a text.
struct PerByte<Value: PerByteValue>: RandomAccessCollection {
    /// The first byte's value, from which the others follow when there is no list. (Not
    /// `first`, which a collection answers with its first element.)
    let initial: Value
    let list: [Value]?
    let count: Int
    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(i: Int) -> Value {
        precondition(i >= 0 && i < count, "byte offset out of range")
        return list?[i] ?? Value.following(initial, by: i)
    }
}

/// What a run of byte values holds at an offset from its first.
protocol PerByteValue {
    static func following(_ first: Self, by offset: Int) -> Self
}

extension Int: PerByteValue {
    static func following(_ first: Int, by offset: Int) -> Int { first + offset }
}

extension Bool: PerByteValue {
    static func following(_ first: Bool, by offset: Int) -> Bool { first }
}

extension GFMTransform {
    /// Maps a text node's literal onto its source line; nil when cmark's position does not
    /// lead to the literal (its inline positions are off on some lazy and indented lines).
    func origins(of text: MarkdownNode) -> TextOrigins? {
        guard let literal = text.literal, let lineRange = source.line(text.startLine),
              let start = source.offset(line: text.startLine, column: text.startColumn) else { return nil }
        let bytes = Array(literal.utf8)
        let raw = source.bytes
        let base = lineRange.lowerBound - 1
        // Most text is written as cmark reads it: the columns follow from the start.
        if start + bytes.count <= lineRange.upperBound, Self.equal(raw, from: start, bytes),
           !bytes.contains(0x5C), !bytes.contains(0x26), start == lineRange.lowerBound || raw[start - 1] != 0x5C {
            return TextOrigins(line: text.startLine, columns: .init(initial: start - base, list: nil, count: bytes.count + 1),
                               escaped: .init(initial: false, list: nil, count: bytes.count))
        }
        var columns: [Int] = []
        var escaped: [Bool] = []
        columns.reserveCapacity(bytes.count + 1)
        escaped.reserveCapacity(bytes.count)
        var i = 0, j = start
        while i < bytes.count {
            guard j < lineRange.upperBound else { return nil }
            if raw[j] == bytes[i] && !(raw[j] == 0x5C && j + 1 < lineRange.upperBound && raw[j + 1].isASCIIPunctuation) && raw[j] != 0x26 {
                columns.append(j - base); escaped.append(false); i += 1; j += 1
            } else if raw[j] == 0x5C, j + 1 < lineRange.upperBound, raw[j + 1].isASCIIPunctuation, raw[j + 1] == bytes[i] {
                columns.append(j - base); escaped.append(true); i += 1; j += 2
            } else if raw[j] == 0x26, let semicolon = raw[j..<min(lineRange.upperBound, j + 40)].firstIndex(of: 0x3B),
                      let decoded = Self.entityLength(raw[(j + 1)..<semicolon], literal: bytes, at: i) {
                for _ in 0..<decoded { columns.append(j - base); escaped.append(true) }
                i += decoded
                j = semicolon + 1
            } else if raw[j] == bytes[i] {
                columns.append(j - base); escaped.append(false); i += 1; j += 1
            } else {
                return nil
            }
        }
        columns.append(j - base)
        return TextOrigins(line: text.startLine, columns: .init(initial: 0, list: columns, count: columns.count),
                           escaped: .init(initial: false, list: escaped, count: escaped.count))
    }

    /// Whether `raw` holds `bytes` at `start` (which it has room for): one `memcmp`, where
    /// a slice's `elementsEqual` compared byte by byte through the generic path.
    private static func equal(_ raw: [UInt8], from start: Int, _ bytes: [UInt8]) -> Bool {
        raw.withUnsafeBytes { raw in
            bytes.withUnsafeBytes { bytes in bytes.isEmpty || memcmp(raw.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 }
        }
    }

    /// How many literal bytes an entity `&name;` decoded to, for the common forms; nil for
    /// anything this cannot tell (the caller then gives up on the node).
    private static func entityLength(_ name: ArraySlice<UInt8>, literal: [UInt8], at i: Int) -> Int? {
        guard let first = name.first else { return nil }
        var scalar: UInt32?
        if first == 0x23 {
            let digits = name.dropFirst()
            if let x = digits.first, x == 0x78 || x == 0x58 {
                scalar = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
            } else {
                scalar = UInt32(String(decoding: digits, as: UTF8.self), radix: 10)
            }
            if scalar == 0 { scalar = 0xFFFD }
        } else {
            switch String(decoding: name, as: UTF8.self) {
            case "amp": scalar = 0x26
            case "lt": scalar = 0x3C
            case "gt": scalar = 0x3E
            case "quot": scalar = 0x22
            case "nbsp": scalar = 0xA0
            default:
                // A named entity decodes to one or two scalars; take what the literal holds
                // if it is not the raw text itself.
                guard i < literal.count, literal[i] != 0x26 else { return nil }
                let width = literal[i] < 0x80 ? 1 : literal[i] < 0xE0 ? 2 : literal[i] < 0xF0 ? 3 : 4
                return min(width, literal.count - i)
            }
        }
        guard let value = scalar, let unicode = UnicodeScalar(value) else { return nil }
        let width = UTF8.width(unicode)
        return i + width <= literal.count ? width : nil
    }

    /// A new text node holding part of `text`'s literal, placed where that part was written.
    func splitText(_ text: MarkdownNode, _ bytes: [UInt8], _ range: Range<Int>, origins: TextOrigins? = nil) -> MarkdownNode {
        let node = document.makeText(String(decoding: bytes[range], as: UTF8.self))
        let map = origins ?? self.origins(of: text)
        if let map, range.upperBound < map.columns.count {
            document.place(node.pointer, NodePosition(startLine: map.line, startColumn: map.columns[range.lowerBound],
                                                            endLine: map.line, endColumn: max(1, map.columns[range.upperBound] - 1)))
        } else {
            document.place(node.pointer, text.position)
        }
        return node
    }
}
