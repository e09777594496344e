/// Obsidian comments: `%%…%%`, inline or over several lines, never reach any output. They
/// are blanked (spaces, newlines kept) before anything parses the body, so every later
/// position is still the file's; `%%` inside code spans and fenced code is text.
package enum MarkdownComments {
    /// The bytes with each comment blanked, or nil when there is none. `unclosed` is the
    /// offset of a `%%` that never closes (it hides the rest of the file, as in Obsidian).
    package static func blanked(_ bytes: [UInt8]) -> (bytes: [UInt8], unclosed: Int?)? {
        guard bytes.containsPair(0x25, 0x25) else { return nil }
        var out = bytes
        var changed = false
        var unclosed: Int?
        let lines = LineIndex.ranges(of: bytes)
        var fences = CodeFences()
        var commentStart: Int?
        for range in lines {
            // Fences count only outside a comment: a comment may hold a fence line.
            if commentStart == nil, fences.isCode(bytes, line: range) { continue }
            var i = range.lowerBound
            while i < range.upperBound {
                if let start = commentStart {
                    if i + 1 < range.upperBound, bytes[i] == 0x25, bytes[i + 1] == 0x25 {
                        blank(&out, start..<(i + 2))
                        changed = true
                        commentStart = nil
                        i += 2
                    } else {
                        i += 1
                    }
                    continue
                }
                if bytes[i] == 0x60 {
                    // A code span: skip to the closing run of the same length on this line.
                    var run = i
                    while run < range.upperBound, bytes[run] == 0x60 { run += 1 }
                    let length = run - i
                    var j = run
                    var closed = false
                    while j < range.upperBound {
                        if bytes[j] == 0x60 {
                            var k = j
                            while k < range.upperBound, bytes[k] == 0x60 { k += 1 }
                            if k - j == length { closed = true; j = k; break }
                            j = k
                        } else {
                            j += 1
                        }
                    }
                    i = closed ? j : run
                    continue
                }
                if i + 1 < range.upperBound, bytes[i] == 0x25, bytes[i + 1] == 0x25 {
                    commentStart = i
                    i += 2
                    continue
                }
                i += 1
            }
        }
        if let start = commentStart {
            blank(&out, start..<bytes.count)
            changed = true
            unclosed = start
        }
        return changed ? (out, unclosed) : nil
    }

    private static func blank(_ bytes: inout [UInt8], _ range: Range<Int>) {
        for k in range where bytes[k] != 0x0A && bytes[k] != 0x0D { bytes[k] = 0x20 }
    }
}
