/// GFM's extended autolinks: `www.` and `http://`, `https://`, `ftp://` addresses and
/// e-mail addresses in text become links, with trailing punctuation left out as GFM does
/// (cmark-gfm's `autolink.c`, ported to the text nodes cmark leaves).
extension GFMTransform {
    func linkAutolinks(in container: MarkdownNode) {
        for node in container.children where node.kind == .text {
            guard node.withLiteralBytes({ Triggers.scan($0).contains(.autolink) }), let literal = node.literal else { continue }
            let bytes = Array(literal.utf8)
            let links = Self.autolinks(in: bytes, after: node.previous.map { Self.lastByte(of: $0) })
            guard !links.isEmpty else { continue }
            let map = origins(of: node)
            var cursor = 0
            var madeAny = false
            for link in links {
                // Written with an escape or entity, it is not an address as typed.
                if let map, map.escaped[link.range].contains(true) { continue }
                if link.range.lowerBound > cursor { node.insertBefore(splitText(node, bytes, cursor..<link.range.lowerBound, origins: map)) }
                let anchor = document.makeLink(url: link.url)
                let text = splitText(node, bytes, link.range, origins: map)
                anchor.append(text)
                document.place(anchor.pointer, text.position)
                node.insertBefore(anchor)
                cursor = link.range.upperBound
                madeAny = true
            }
            guard madeAny else { continue }
            if cursor < bytes.count { node.insertBefore(splitText(node, bytes, cursor..<bytes.count, origins: map)) }
            node.remove()
        }
    }

    private static func lastByte(of node: MarkdownNode) -> UInt8 {
        switch node.kind {
        case .text: return node.literal?.utf8.last ?? 0x20
        case .softBreak, .lineBreak: return 0x0A
        case .emphasis, .strong: return 0x2A
        default: return 0x29
        }
    }

    struct Autolink {
        var range: Range<Int>
        var url: String
    }

    /// The autolinks in one text literal; `after` is the byte before it, if any.
    static func autolinks(in bytes: [UInt8], after previous: UInt8?) -> [Autolink] {
        var links: [Autolink] = []
        var i = 0
        var lastEnd = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x77, let end = www(bytes, at: i, previous: i > 0 ? bytes[i - 1] : previous) {
                links.append(Autolink(range: i..<end, url: "http://" + String(decoding: bytes[i..<end], as: UTF8.self)))
                i = end; lastEnd = end
                continue
            }
            if byte == 0x3A, let (start, end) = url(bytes, colon: i, floor: lastEnd) {
                links.append(Autolink(range: start..<end, url: String(decoding: bytes[start..<end], as: UTF8.self)))
                i = end; lastEnd = end
                continue
            }
            i += 1
        }
        // E-mail addresses in the text between the other links.
        var withMail: [Autolink] = []
        var from = 0
        for link in links + [Autolink(range: bytes.count..<bytes.count, url: "")] {
            var cursor = from
            while let found = email(bytes, in: cursor..<link.range.lowerBound) {
                withMail.append(found)
                cursor = found.range.upperBound
            }
            if !link.url.isEmpty { withMail.append(link) }
            from = link.range.upperBound
        }
        return withMail
    }

    private static func www(_ data: [UInt8], at start: Int, previous: UInt8?) -> Int? {
        if let previous, !previous.isMarkdownSpace, !"*_~(".utf8.contains(previous) { return nil }
        guard data.count - start >= 4, data[start..<(start + 4)].elementsEqual("www.".utf8) else { return nil }
        let domain = checkDomain(data, from: start, allowShort: false)
        guard domain > 0 else { return nil }
        var end = start + domain
        while end < data.count, !data[end].isMarkdownSpace { end += 1 }
        end = start + trimDelimiters(data, start: start, length: end - start)
        return end > start ? end : nil
    }

    private static func url(_ data: [UInt8], colon: Int, floor: Int) -> (Int, Int)? {
        guard colon + 2 < data.count, data[colon + 1] == 0x2F, data[colon + 2] == 0x2F else { return nil }
        var start = colon
        while start > floor, data[start - 1].isASCIIAlpha { start -= 1 }
        let scheme = String(decoding: data[start..<colon], as: UTF8.self).lowercased()
        guard ["http", "https", "ftp"].contains(scheme) else { return nil }
        let hostStart = colon + 3
        guard hostStart < data.count, isHostByte(data, hostStart) else { return nil }
        let domain = checkDomain(data, from: hostStart, allowShort: true)
        guard domain > 0 else { return nil }
        var end = hostStart + domain
        while end < data.count, !data[end].isMarkdownSpace { end += 1 }
        end = start + trimDelimiters(data, start: start, length: end - start)
        return end > hostStart ? (start, end) : nil
    }

    private static func email(_ data: [UInt8], in range: Range<Int>) -> Autolink? {
        var search = range.lowerBound
        while let at = data[search..<range.upperBound].firstIndex(of: 0x40) {
            var rewind = at
            var slash = false
            while rewind > range.lowerBound {
                let c = data[rewind - 1]
                if c.isASCIIAlphanumeric || ".+-_".utf8.contains(c) { rewind -= 1; continue }
                if c == 0x2F { slash = true }
                break
            }
            if rewind == at || slash { search = at + 1; continue }
            var end = at
            var ats = 0, dots = 0
            while end < range.upperBound {
                let c = data[end]
                if c.isASCIIAlphanumeric { end += 1; continue }
                if c == 0x40 { ats += 1 }
                else if c == 0x2E, end + 1 < range.upperBound, data[end + 1].isASCIIAlphanumeric { dots += 1 }
                else if c != 0x2D && c != 0x5F { break }
                end += 1
            }
            let length = end - at
            guard length >= 2, ats == 1, dots > 0, data[end - 1].isASCIIAlpha || data[end - 1] == 0x2E else { search = at + 1; continue }
            let trimmed = trimDelimiters(data, start: at, length: length)
            guard trimmed > 0 else { search = at + 1; continue }
            let linkRange = rewind..<(at + trimmed)
            return Autolink(range: linkRange, url: "mailto:" + String(decoding: data[linkRange], as: UTF8.self))
        }
        return nil
    }

    private static func isHostByte(_ data: [UInt8], _ i: Int) -> Bool {
        let byte = data[i]
        if byte < 0x80 { return !byte.isMarkdownSpace && !byte.isASCIIPunctuation }
        let scalar = String(decoding: data[i..<min(data.count, i + 4)], as: UTF8.self).unicodeScalars.first
        return scalar.map { !$0.isWhitespace && !$0.isPunctuation } ?? false
    }

    /// The length of the domain at `start` (cmark-gfm's `check_domain`): host characters,
    /// dots and hyphens; no `_` in the last two labels; at least one dot unless short.
    private static func checkDomain(_ data: [UInt8], from start: Int, allowShort: Bool) -> Int {
        var dots = 0, underscoreBefore = 0, underscore = 0
        var i = start + 1
        while i < data.count - 1 {
            let c = data[i]
            if c == 0x5F { underscore += 1 }
            else if c == 0x2E { underscoreBefore = underscore; underscore = 0; dots += 1 }
            else if !isHostByte(data, i) && c != 0x2D { break }
            i += 1
        }
        if underscoreBefore > 0 || underscore > 0 { return 0 }
        return allowShort || dots > 0 ? i - start : 0
    }

    /// cmark-gfm's `autolink_delim`: drops trailing punctuation, an unbalanced `)` and a
    /// trailing entity-like `&name;`, and cuts at `<`.
    private static func trimDelimiters(_ data: [UInt8], start: Int, length: Int) -> Int {
        var end = length
        if let lt = data[start..<(start + end)].firstIndex(of: 0x3C) { end = lt - start }
        while end > 0 {
            let last = data[start + end - 1]
            if "?!.,:*_~'\"".utf8.contains(last) {
                end -= 1
            } else if last == 0x3B {
                var k = end - 2
                while k > 0, data[start + k].isASCIIAlpha { k -= 1 }
                if k < end - 2, data[start + k] == 0x26 { end = k } else { end -= 1 }
            } else if last == 0x29 {
                let slice = data[start..<(start + end)]
                let open = slice.filter { $0 == 0x28 }.count
                let close = slice.filter { $0 == 0x29 }.count
                if close <= open { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }
}
