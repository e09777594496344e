/// GFM tables. cmark reads a table as a paragraph of pipes; its lines are read again from
/// the source as GFM does (a header row, a delimiter row with as many cells, then rows
/// until the paragraph ends), each cell is parsed as inline text on its own, and the
/// paragraph is replaced by a table whose rows are bare paragraphs holding cells.
enum Alignment {
    case none, left, center, right

    /// As markdown-it writes it: HTML has no `align` attribute any more (cmark-gfm still
    /// writes one), and a style attribute keeps the alignment in feeds and single files.
    var attribute: String {
        switch self {
        case .none: ""
        case .left: " style=\"text-align: left\""
        case .center: " style=\"text-align: center\""
        case .right: " style=\"text-align: right\""
        }
    }
}

struct TableRow {
    /// Cell content ranges in the source, trimmed.
    static func cells(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [Range<Int>]? {
        var offset = start
        func skipSpaces(_ i: inout Int) { while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0B || bytes[i] == 0x0C { i += 1 } }
        if offset < end, bytes[offset] == 0x7C { offset += 1; skipSpaces(&offset) }
        var cells: [Range<Int>] = []
        var expectMore = true
        while offset < end, expectMore {
            // A `|` right after a backslash never ends a cell, even after `\\`: GFM's scanner
            // takes the longest match, reading `\\|` as `\` and an escaped pipe.
            var c = offset
            while c < end {
                if bytes[c] == 0x7C, c == offset || bytes[c - 1] != 0x5C { break }
                c += 1
            }
            var p = c
            if p < end, bytes[p] == 0x7C { p += 1; skipSpaces(&p) }
            if c > offset || p > c {
                var low = offset, high = c
                while low < high, bytes[low].isMarkdownSpace { low += 1 }
                while high > low, bytes[high - 1].isMarkdownSpace { high -= 1 }
                cells.append(low..<high)
            }
            expectMore = p > c
            offset = p
        }
        return offset == end && !cells.isEmpty ? cells : nil
    }

    /// The alignments of a delimiter row (`| :-- | :-: | --: |`), or nil if it is not one.
    static func delimiters(_ bytes: [UInt8], _ start: Int, _ end: Int) -> [Alignment]? {
        var i = start
        func skipSpaces() { while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0B || bytes[i] == 0x0C { i += 1 } }
        if i < end, bytes[i] == 0x7C { i += 1 }
        var alignments: [Alignment] = []
        while true {
            skipSpaces()
            let left = i < end && bytes[i] == 0x3A
            if left { i += 1 }
            let dashes = i
            while i < end, bytes[i] == 0x2D { i += 1 }
            guard i > dashes else { return nil }
            let right = i < end && bytes[i] == 0x3A
            if right { i += 1 }
            skipSpaces()
            alignments.append(left && right ? .center : left ? .left : right ? .right : .none)
            guard i < end, bytes[i] == 0x7C else { break }
            i += 1
            let save = i
            skipSpaces()
            if i == end { break }
            i = save
        }
        skipSpaces()
        return i == end ? alignments : nil
    }
}

extension GFMTransform {
    /// One line of a paragraph as GFM reads it: content offsets, and whether it is a lazy
    /// continuation of a quote (which ends a table).
    struct ContentLine {
        var number: Int
        var start: Int
        var end: Int
        /// The quote markers the line has, when it has fewer than the paragraph's quotes.
        var lazyMarkers: Int?
        var lazy: Bool { lazyMarkers != nil }
    }

    func contentLines(of paragraph: MarkdownNode) -> [ContentLine] {
        let depth = quotes(around: paragraph).count
        // Link reference definitions cmark took from the paragraph's start are not content.
        let first = max(paragraph.startLine, paragraph.firstChild?.startLine ?? 0)
        var lines: [ContentLine] = []
        for number in first...max(first, paragraph.endLine) {
            guard let range = source.line(number) else { break }
            var (start, markers) = source.contentStart(line: number, quoteDepth: depth)
            var lazy: Int? = markers < depth ? markers : nil
            if number == paragraph.startLine, let offset = source.offset(line: number, column: paragraph.startColumn) {
                start = max(start, offset)
                lazy = nil
            }
            var end = range.upperBound
            while end > start, source.bytes[end - 1] == 0x20 || source.bytes[end - 1] == 0x09 { end -= 1 }
            lines.append(ContentLine(number: number, start: min(start, end), end: end, lazyMarkers: lazy))
        }
        return lines
    }

    /// Replaces a paragraph that holds a table; false if it holds none.
    mutating func makeTable(from paragraph: MarkdownNode) -> Bool {
        guard paragraph.endLine > paragraph.startLine else { return false }
        let bytes = source.bytes
        let lines = contentLines(of: paragraph)
        guard lines.count >= 2 else { return false }
        var found: (header: Int, alignments: [Alignment], headerCells: [Range<Int>])?
        for i in 1..<lines.count where !lines[i].lazy {
            guard let alignments = TableRow.delimiters(bytes, lines[i].start, lines[i].end),
                  let header = TableRow.cells(bytes, lines[i - 1].start, lines[i - 1].end),
                  header.count == alignments.count else { continue }
            found = (i - 1, alignments, header)
            break
        }
        guard let (headerIndex, alignments, headerCells) = found else { return false }
        var rowLines: [(ContentLine, [Range<Int>])] = []
        var rest = lines.count
        for i in (headerIndex + 2)..<max(headerIndex + 2, lines.count) {
            guard !lines[i].lazy, let cells = TableRow.cells(bytes, lines[i].start, lines[i].end) else { rest = i; break }
            rowLines.append((lines[i], cells))
        }

        func cellPiece(_ line: ContentLine, _ range: Range<Int>) -> Piece {
            let (content, removed) = Self.unescapingPipes(bytes[range])
            return Piece(lines: [Piece.Line(line: line.number, column: range.lowerBound - source.lines[line.number - 1].lowerBound + 1,
                                            bytes: content, removed: removed)])
        }
        func paragraphPiece(_ part: ArraySlice<ContentLine>) -> Piece {
            Piece(lines: part.map { line in
                let (content, removed) = Self.unescapingPipes(bytes[line.start..<line.end])
                return Piece.Line(line: line.number, column: line.start - source.lines[line.number - 1].lowerBound + 1,
                                  bytes: content, removed: removed)
            })
        }
        var pieces: [Piece] = []
        if headerIndex > 0 { pieces.append(paragraphPiece(lines[0..<headerIndex])) }
        for cell in headerCells { pieces.append(cellPiece(lines[headerIndex], cell)) }
        for (line, cells) in rowLines {
            for cell in cells.prefix(alignments.count) { pieces.append(cellPiece(line, cell)) }
        }
        if rest < lines.count { pieces.append(paragraphPiece(lines[rest...])) }
        guard var parsed = document.parseInlinePieces(pieces, definitions: referenceDefinitions) else { return false }

        func makeParagraph(of nodes: [MarkdownNode], lines part: ArraySlice<ContentLine>) -> MarkdownNode {
            let node = document.makeParagraph()
            for child in nodes { node.append(child) }
            setPosition(node, from: part.first!, to: part.last!)
            return node
        }
        if headerIndex > 0 { paragraph.insertBefore(makeParagraph(of: parsed.removeFirst(), lines: lines[0..<headerIndex])) }
        let hasBody = !rowLines.isEmpty
        let table = document.makeCustomBlock(
            onEnter: "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\"><table>\n<thead>\n",
            onExit: (hasBody ? "</tbody>\n" : "") + "</table></div>")
        setPosition(table, from: lines[headerIndex], to: rowLines.last?.0 ?? lines[headerIndex + 1])

        // Each column's tags, made once per table rather than once per cell.
        let headerOpen = alignments.map { "<th\($0.attribute)>" }, bodyOpen = alignments.map { "<td\($0.attribute)>" }
        func row(_ line: ContentLine, cells count: Int, header: Bool) -> MarkdownNode {
            let row = document.makeParagraph()
            setPosition(row, from: line, to: line)
            row.append(document.makeCustomInline(onEnter: "<tr>\n", onExit: ""))
            let open = header ? headerOpen : bodyOpen, close = header ? "</th>\n" : "</td>\n"
            for column in 0..<alignments.count {
                let cell = document.makeCustomInline(onEnter: open[column], onExit: close)
                document.tableCells.insert(cell.pointer)
                document.mark(cell.pointer)
                if column < count { for node in parsed.removeFirst() { cell.append(node) } }
                row.append(cell)
            }
            row.append(document.makeCustomInline(onEnter: header ? "</tr>\n</thead>" + (hasBody ? "\n<tbody>" : "") : "</tr>", onExit: ""))
            document.makeBare(row)
            return row
        }
        table.append(row(lines[headerIndex], cells: headerCells.count, header: true))
        for (line, cells) in rowLines { table.append(row(line, cells: min(cells.count, alignments.count), header: false)) }
        paragraph.insertBefore(table)
        if rest < lines.count {
            let after = makeParagraph(of: parsed.removeFirst(), lines: lines[rest...])
            // A lazy line cannot continue a table: it starts a paragraph outside the quotes
            // whose markers it lacks.
            let around = quotes(around: paragraph)
            if let markers = lines[rest].lazyMarkers, markers < around.count {
                around[markers].insertAfter(after)
            } else {
                paragraph.insertBefore(after)
            }
        }
        paragraph.remove()
        return true
    }

    /// The block quotes a node sits in, outermost first.
    private func quotes(around node: MarkdownNode) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var ancestor = node.parent
        while let current = ancestor {
            if current.kind == .blockQuote { result.insert(current, at: 0) }
            ancestor = current.parent
        }
        return result
    }

    private func setPosition(_ node: MarkdownNode, from first: ContentLine, to last: ContentLine) {
        document.place(node.pointer, NodePosition(
            startLine: first.number, startColumn: first.start - source.lines[first.number - 1].lowerBound + 1,
            endLine: last.number, endColumn: max(1, last.end - source.lines[last.number - 1].lowerBound)))
    }

    /// GFM drops the backslash of `\|` before a cell is parsed, inside code spans too.
    static func unescapingPipes(_ raw: ArraySlice<UInt8>) -> ([UInt8], [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var removed: [Int] = []
        var i = raw.startIndex
        while i < raw.endIndex {
            if raw[i] == 0x5C, i + 1 < raw.endIndex, raw[i + 1] == 0x7C {
                removed.append(out.count)
                i += 1
            }
            out.append(raw[i])
            i += 1
        }
        return (out, removed)
    }
}
