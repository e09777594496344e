import CCmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inline syntax cmark leaves as text: footnote references, `~~strikethrough~~`,
/// `==highlight==` and extended autolinks.
extension GFMTransform {
    /// What a text literal may hold, found in one pass over its bytes: most text holds
    /// none of it and costs nothing more.
    struct Triggers: OptionSet {
        let rawValue: UInt8
        static let footnote = Triggers(rawValue: 1)    // `[^`
        static let delimiter = Triggers(rawValue: 2)   // `~`, `==`
        static let autolink = Triggers(rawValue: 4)    // `://`, `@`, `www.`

        /// For each byte, the triggers that may start with it.
        private static let startTable: [UInt8] = (0..<256).map { byte in
            switch byte {
            case 0x5B: footnote.rawValue
            case 0x7E, 0x3D: delimiter.rawValue
            case 0x3A, 0x40, 0x77: autolink.rawValue
            default: 0
            }
        }

        /// Which triggers the bytes hold, looking only for those in `wanted`: eight bytes at a
        /// time tested at once for every byte a trigger may start with, then, in a word
        /// holding one, a table lookup per byte and a closer look where a trigger may start.
        /// (A byte at a time, the scans of sources and of text nodes cost a fifth of cmark's
        /// own parse.)
        static func scan(_ b: UnsafeBufferPointer<UInt8>, wanted: Triggers = [.footnote, .delimiter, .autolink]) -> Triggers {
            var found: Triggers = []
            let n = b.count
            guard let base = b.baseAddress else { return found }
            let raw = UnsafeRawPointer(base)
            let mask = wanted.rawValue
            /// Whether a trigger starts at `i`; adds it to `found`.
            func look(_ i: Int) {
                switch b[i] {
                case 0x5B: if i + 1 < n, b[i + 1] == 0x5E { found.insert(.footnote) }
                case 0x7E: found.insert(.delimiter)
                case 0x3D: if i + 1 < n, b[i + 1] == 0x3D { found.insert(.delimiter) }
                case 0x3A: if i + 2 < n, b[i + 1] == 0x2F, b[i + 2] == 0x2F { found.insert(.autolink) }
                case 0x40: found.insert(.autolink)
                default: if i + 3 < n, b[i + 1] == 0x77, b[i + 2] == 0x77, b[i + 3] == 0x2E { found.insert(.autolink) }
                }
            }
            /// The high bit of each zero byte of `x` (and of no byte before the first zero).
            func zeroBytes(_ x: UInt64) -> UInt64 { (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 }
            return startTable.withUnsafeBufferPointer { table in
                var i = 0
                while i < n {
                    var end = n
                    if i + 8 <= n {
                        // The six bytes `startTable` marks, as constants: read from a list,
                        // they cost more than the byte-by-byte scan saved.
                        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        let holds = zeroBytes(w ^ 0x5B5B_5B5B_5B5B_5B5B) | zeroBytes(w ^ 0x7E7E_7E7E_7E7E_7E7E)
                            | zeroBytes(w ^ 0x3D3D_3D3D_3D3D_3D3D) | zeroBytes(w ^ 0x3A3A_3A3A_3A3A_3A3A)
                            | zeroBytes(w ^ 0x4040_4040_4040_4040) | zeroBytes(w ^ 0x7777_7777_7777_7777)
                        if holds == 0 {
                            i += 8
                            continue
                        }
                        end = i + 8
                    }
                    while i < end {
                        if table[Int(b[i])] & mask & ~found.rawValue != 0 {
                            look(i)
                            if found == wanted { return found }
                        }
                        i += 1
                    }
                }
                return found
            }
        }
    }

    mutating func applyInlineSyntax() {
        // Most bodies hold no trigger at all: then no text node can; text nodes are only
        // searched for what the body holds.
        let wanted = source.bytes.withUnsafeBufferPointer { Triggers.scan($0) }
        guard !wanted.isEmpty else { return }
        var texts: [MarkdownNode] = []
        var containers: [(node: MarkdownNode, triggers: Triggers)] = []
        var index: [OpaquePointer: Int] = [:]
        var linkDepth = 0
        document.forEachNode { node, type, entering in
            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                linkDepth += entering ? 1 : -1
            case CMARK_NODE_TEXT:
                guard let literal = cmark_node_get_literal(node) else { return }
                var found = literal.withMemoryRebound(to: UInt8.self, capacity: 1) {
                    Triggers.scan(UnsafeBufferPointer(start: $0, count: strlen(literal)), wanted: wanted)
                }
                // Nothing in a link's text becomes a reference or a link.
                if linkDepth > 0 { found.remove(.footnote); found.remove(.autolink) }
                guard !found.isEmpty, let parent = cmark_node_parent(node) else { return }
                if found.contains(.footnote) { texts.append(MarkdownNode(node, in: document)) }
                found.remove(.footnote)
                guard !found.isEmpty else { return }
                if let at = index[parent] {
                    containers[at].triggers.formUnion(found)
                } else {
                    index[parent] = containers.count
                    containers.append((MarkdownNode(parent, in: document), found))
                }
            default:
                break
            }
        }
        // Numbered in reading order, before anything else splits the text.
        for text in texts { applyFootnoteReferences(in: text) }
        for (container, triggers) in containers {
            var made: [MarkdownNode] = []
            if triggers.contains(.delimiter) { made = pairDelimiters(in: container) }
            if triggers.contains(.autolink) {
                linkAutolinks(in: container)
                for wrapper in made { linkAutolinks(in: wrapper) }
            }
        }
    }

    // MARK: - Delimiters

    private struct Run {
        var node: MarkdownNode
        var range: Range<Int>
        var byte: UInt8
        var canOpen: Bool
        var canClose: Bool
    }

    /// Pairs `~`/`~~` and `==` runs among a container's children as GFM pairs emphasis:
    /// same character and length, left-flanking opens, right-flanking closes, innermost
    /// first. Returns the wrappers it made.
    private mutating func pairDelimiters(in container: MarkdownNode) -> [MarkdownNode] {
        var runs: [Run] = []
        var origin: [OpaquePointer: TextOrigins] = [:]
        for node in container.children where node.kind == .text {
            guard let literal = node.literal else { continue }
            let bytes = Array(literal.utf8)
            guard bytes.contains(where: { $0 == 0x7E || $0 == 0x3D }) else { continue }
            let map = origins(of: node)
            if let map { origin[node.pointer] = map }
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                guard byte == 0x7E || byte == 0x3D, map?.escaped[i] != true else { i += 1; continue }
                var j = i
                while j < bytes.count, bytes[j] == byte, map?.escaped[j] != true { j += 1 }
                let length = j - i
                if (byte == 0x7E && length <= 2) || (byte == 0x3D && length == 2) {
                    let before = Self.scalar(before: i, in: bytes) ?? Self.edgeScalar(before: node, in: container)
                    let after = Self.scalar(at: j, in: bytes) ?? Self.edgeScalar(after: node, in: container)
                    let left = !after.isWhitespace && (!after.isPunctuation || before.isWhitespace || before.isPunctuation)
                    let right = !before.isWhitespace && (!before.isPunctuation || after.isWhitespace || after.isPunctuation)
                    runs.append(Run(node: node, range: i..<j, byte: byte, canOpen: left, canClose: right))
                }
                i = j
            }
        }
        guard runs.count >= 2 else { return [] }
        // Match closers to the nearest opener of the same kind, discarding what lies between.
        var pairs: [(Int, Int)] = []
        var stack: [Int] = []
        for (index, run) in runs.enumerated() {
            if run.canClose, let found = stack.lastIndex(where: {
                runs[$0].byte == run.byte && runs[$0].range.count == run.range.count
            }) {
                pairs.append((stack[found], index))
                stack.removeSubrange(found...)
                continue
            }
            if run.canOpen { stack.append(index) }
        }
        guard !pairs.isEmpty else { return [] }
        // Cut text so that each paired run is a node of its own.
        var runNodes: [Int: MarkdownNode] = [:]
        let paired = Set(pairs.flatMap { [$0.0, $0.1] })
        var byNode: [OpaquePointer: [Int]] = [:]
        for index in paired.sorted() { byNode[runs[index].node.pointer, default: []].append(index) }
        for (_, indexes) in byNode {
            let node = runs[indexes[0]].node
            let bytes = Array((node.literal ?? "").utf8)
            let map = origin[node.pointer]
            var cursor = 0
            for index in indexes {
                let range = runs[index].range
                if range.lowerBound > cursor { node.insertBefore(splitText(node, bytes, cursor..<range.lowerBound, origins: map)) }
                let piece = splitText(node, bytes, range, origins: map)
                node.insertBefore(piece)
                runNodes[index] = piece
                cursor = range.upperBound
            }
            if cursor < bytes.count { node.insertBefore(splitText(node, bytes, cursor..<bytes.count, origins: map)) }
            node.remove()
        }
        var made: [MarkdownNode] = []
        for (open, close) in pairs {
            guard let opener = runNodes[open], let closer = runNodes[close] else { continue }
            let strike = runs[open].byte == 0x7E
            let wrapper = document.makeCustomInline(onEnter: strike ? "<del>" : "<mark>", onExit: strike ? "</del>" : "</mark>")
            opener.insertBefore(wrapper)
            var sibling = opener.next
            while let node = sibling, node != closer {
                sibling = node.next
                node.unlink()
                wrapper.append(node)
            }
            document.place(wrapper.pointer, NodePosition(startLine: opener.startLine, startColumn: opener.startColumn,
                                                               endLine: closer.endLine, endColumn: closer.endColumn))
            opener.remove()
            closer.remove()
            made.append(wrapper)
        }
        return made
    }

    private static func scalar(before offset: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard offset > 0 else { return nil }
        var start = offset - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start..<offset], as: UTF8.self).unicodeScalars.first
    }

    private static func scalar(at offset: Int, in bytes: [UInt8]) -> Unicode.Scalar? {
        guard offset < bytes.count else { return nil }
        return String(decoding: bytes[offset..<min(bytes.count, offset + 4)], as: UTF8.self).unicodeScalars.first
    }

    /// What the source holds just before a child: its sibling's last character, a newline
    /// for a line break, punctuation for other inlines, whitespace at a block's start.
    private static func edgeScalar(before node: MarkdownNode, in container: MarkdownNode) -> Unicode.Scalar {
        guard let previous = node.previous else { return isBlock(container) ? " " : "*" }
        return neighbour(previous, last: true)
    }

    private static func edgeScalar(after node: MarkdownNode, in container: MarkdownNode) -> Unicode.Scalar {
        guard let next = node.next else { return isBlock(container) ? " " : "*" }
        return neighbour(next, last: false)
    }

    private static func isBlock(_ node: MarkdownNode) -> Bool {
        node.kind == .paragraph || node.kind == .heading || node.kind == .customInline
    }

    private static func neighbour(_ node: MarkdownNode, last: Bool) -> Unicode.Scalar {
        switch node.kind {
        case .text:
            let scalars = (node.literal ?? "").unicodeScalars
            return (last ? scalars.last : scalars.first) ?? " "
        case .softBreak, .lineBreak: return "\n"
        case .code: return "`"
        case .htmlInline: return last ? ">" : "<"
        default: return last ? "]" : "["
        }
    }
}

extension Unicode.Scalar {
    /// CommonMark's Unicode whitespace.
    var isWhitespace: Bool {
        value == 0x09 || value == 0x0A || value == 0x0C || value == 0x0D || properties.generalCategory == .spaceSeparator
    }

    /// CommonMark's punctuation as cmark 0.30 reads it: ASCII punctuation and Unicode P*.
    var isPunctuation: Bool {
        if value < 0x80 { return UInt8(value).isASCIIPunctuation }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}
