/// Inline syntax cmark leaves as text: footnote references, `~~strikethrough~~`,
/// `==highlight==` and extended autolinks.
extension GFMTransform {
    mutating func applyInlineSyntax() {
        var texts: [MarkdownNode] = []
        var containers: [MarkdownNode] = []
        var linkDepth = 0
        document.walk { node, entering in
            switch node.kind {
            case .link, .image:
                linkDepth += entering ? 1 : -1
                if entering { containers.append(node) }
            case .text where linkDepth == 0:
                if node.literal?.utf8.contains(0x5B) == true { texts.append(node) }
            case .paragraph, .heading, .emphasis, .strong, .customInline:
                if entering { containers.append(node) }
            default:
                break
            }
        }
        // Numbered in reading order, before anything else splits the text.
        if !footnotes.byLabel.isEmpty || true {
            for text in texts where text.literal?.contains("[^") == true {
                applyFootnoteReferences(in: text, escaped: origins(of: text)?.escaped)
            }
        }
        for container in containers {
            var made: [MarkdownNode] = []
            if Self.hasDelimiterText(container) {
                made = pairDelimiters(in: container)
            }
            if !isInLink(container) {
                linkAutolinks(in: container)
                for wrapper in made { linkAutolinks(in: wrapper) }
            }
        }
    }

    private static func hasDelimiterText(_ container: MarkdownNode) -> Bool {
        var child = container.firstChild
        while let node = child {
            if node.kind == .text, let literal = node.literal,
               literal.utf8.contains(where: { $0 == 0x7E || $0 == 0x3D }) { return true }
            child = node.next
        }
        return false
    }

    private func isInLink(_ node: MarkdownNode) -> Bool {
        var current: MarkdownNode? = node
        while let n = current {
            if n.kind == .link || n.kind == .image { return true }
            current = n.parent
        }
        return false
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
            roles[wrapper.pointer] = strike ? .strikethrough : .highlight
            opener.insertBefore(wrapper)
            var sibling = opener.next
            while let node = sibling, node != closer {
                sibling = node.next
                node.unlink()
                wrapper.append(node)
            }
            document.positions[wrapper.pointer] = NodePosition(startLine: opener.startLine, startColumn: opener.startColumn,
                                                               endLine: closer.endLine, endColumn: closer.endColumn)
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
