/// Text that cmark parses on its own — a table cell, the lines of a paragraph cut short by
/// a table — and that is grafted into the document with positions in the original file.
struct Piece {
    struct Line {
        var line: Int
        var column: Int
        var bytes: [UInt8]
        /// Indexes into `bytes` before which one byte of the source was dropped (the `\` of
        /// an escaped pipe), so columns map back exactly.
        var removed: [Int] = []
    }

    var lines: [Line]
}

extension MarkdownDocument {
    /// Parses each piece as the inline content of one paragraph, with the document's link
    /// reference definitions in scope, and returns each piece's inline nodes, unlinked and
    /// with their positions recorded. Nil if cmark did not read a piece as one paragraph.
    ///
    /// Each piece starts with a no-break space: cmark reads it as whitespace for emphasis
    /// (like a line start) but never as indentation, so a cell such as `# x` or `[a]: b` stays
    /// inline text, as in a table.
    func parseInlinePieces(_ all: [Piece], definitions: @autoclosure () -> [UInt8]) -> [[MarkdownNode]]? {
        // A one-line piece with no byte cmark's inline parser acts on (most cells: numbers,
        // names, dates) is its own text: only the others are parsed.
        var result: [[MarkdownNode]?] = all.map { piece in
            guard piece.lines.count <= 1 else { return nil }
            guard let line = piece.lines.first, !line.bytes.isEmpty else { return [] }
            guard !line.bytes.contains(where: { Self.inlineSyntaxBytes.contains($0) }) else { return nil }
            let node = makeText(String(decoding: line.bytes, as: UTF8.self))
            let end = line.column + line.bytes.count + line.removed.count - 1
            place(node.pointer, NodePosition(startLine: line.line, startColumn: line.column, endLine: line.line, endColumn: end))
            return [node]
        }
        let parsedIndexes = result.indices.filter { result[$0] == nil }
        guard !parsedIndexes.isEmpty else { return result.map { $0! } }
        let pieces = parsedIndexes.map { all[$0] }
        // Link reference definitions matter only to a piece with a bracket.
        let needsDefinitions = pieces.contains { $0.lines.contains { $0.bytes.contains(0x5B) } }
        var text: [UInt8] = []
        var lineMap: [(line: Piece.Line, prefix: Int)] = []
        var starts: [Int] = []
        for piece in pieces {
            starts.append(lineMap.count + 1)
            let lines = piece.lines.isEmpty ? [Piece.Line(line: 0, column: 1, bytes: [])] : piece.lines
            for (k, line) in lines.enumerated() {
                if k == 0 { text += [0xC2, 0xA0] }
                text += line.bytes
                text.append(0x0A)
                lineMap.append((line, k == 0 ? 2 : 0))
            }
            text.append(0x0A)
            lineMap.append((Piece.Line(line: 0, column: 1, bytes: []), 0))
        }
        if needsDefinitions { text += definitions() }
        let parsed = MarkdownDocument(parsingPiece: text)
        let blocks = parsed.rootNode.children
        // On failure the nodes made so far belong to no tree: they are freed.
        func failing() -> [[MarkdownNode]]? {
            for nodes in result.compactMap({ $0 }) { for node in nodes where node.parent == nil { node.free() } }
            // The piece's nodes placed so far are freed with it: their facts go first.
            forget(parsed.root)
            return nil
        }
        guard blocks.count >= pieces.count else { return failing() }
        for (index, block) in blocks.prefix(pieces.count).enumerated() {
            guard block.kind == .paragraph, block.startLine == starts[index] else { return failing() }
            func map(line: Int, column: Int) -> (Int, Int) {
                guard line >= 1, line <= lineMap.count else { return (0, 0) }
                let entry = lineMap[line - 1]
                let offset = max(0, column - 1 - entry.prefix)
                let dropped = entry.line.removed.reduce(0) { $0 + ($1 <= offset ? 1 : 0) }
                return (entry.line.line, entry.line.column + offset + dropped)
            }
            parsed.walk(from: block) { node in
                // The piece's paragraph is freed with the piece: only what is grafted is placed.
                guard node != block else { return }
                let start = map(line: node.startLine, column: node.startColumn)
                let end = map(line: node.endLine, column: node.endColumn)
                place(node.pointer, NodePosition(startLine: start.0, startColumn: start.1, endLine: end.0, endColumn: end.1))
            }
            var nodes = block.children.map { MarkdownNode($0.pointer, in: self) }
            if let first = nodes.first, first.kind == .text, let literal = first.literal, literal.hasPrefix("\u{A0}") {
                let rest = String(literal.unicodeScalars.dropFirst())
                if rest.isEmpty {
                    first.unlink()
                    nodes.removeFirst()
                    first.free()
                } else {
                    first.setLiteral(rest)
                }
            }
            for node in nodes { node.unlink() }
            result[parsedIndexes[index]] = nodes
        }
        return result.map { $0! }
    }

    /// The bytes that start something in cmark's inline parser; text without them is text.
    static let inlineSyntaxBytes: Set<UInt8> = Set("\\`*_[]!<&".utf8).union([0x0A, 0x0D])
}

extension MarkdownDocument {
    /// Visits `node` and everything under it.
    func walk(from node: MarkdownNode, _ visit: (MarkdownNode) -> Void) {
        visit(node)
        var child = node.firstChild
        while let current = child {
            walk(from: current, visit)
            child = current.next
        }
    }
}
