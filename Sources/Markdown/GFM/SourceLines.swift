#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The raw bytes of a document with a line index, for the GFM layer: cmark's literals are
/// unescaped, so whether a delimiter was written or escaped is read from the source.
/// Lines end at LF, CRLF or a lone CR, as cmark's do.
final class SourceLines {
    let bytes: [UInt8]
    /// Byte range of each line's content, without its terminator. Line n is `lines[n - 1]`.
    /// Made on first use: most bodies never need it.
    private(set) lazy var lines: [Range<Int>] = LineIndex.ranges(of: bytes)

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func line(_ number: Int) -> Range<Int>? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// The offset of a 1-based line and byte column, if it lies on that line (or just past it).
    func offset(line: Int, column: Int) -> Int? {
        guard let range = self.line(line), column >= 1, range.lowerBound + column - 1 <= range.upperBound else { return nil }
        return range.lowerBound + column - 1
    }

    /// True when the byte at `offset` follows an odd number of backslashes on its line.
    func isEscaped(_ offset: Int, lineStart: Int) -> Bool {
        var count = 0
        var i = offset - 1
        while i >= lineStart, bytes[i] == 0x5C { count += 1; i -= 1 }
        return count % 2 == 1
    }

    /// Where a paragraph's content starts on one of its lines: past the `>` of each block
    /// quote it sits in (a lazy line has fewer) and the indentation. Returns the offset and
    /// whether every quote marker was there.
    func contentStart(line: Int, quoteDepth: Int) -> (offset: Int, markers: Int) {
        guard let range = self.line(line) else { return (0, 0) }
        var i = range.lowerBound
        var markers = 0
        while markers < quoteDepth {
            while i < range.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
            guard i < range.upperBound, bytes[i] == 0x3E else { break }
            i += 1
            markers += 1
            if i < range.upperBound, bytes[i] == 0x20 { i += 1 }
        }
        while i < range.upperBound, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return (i, markers)
    }
}

/// The lines of a text: the byte range of each line's content, without its terminator (LF,
/// CRLF or a lone CR, as cmark counts lines). Line n is `ranges[n - 1]`.
package enum LineIndex {
    package static func ranges(of bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 40 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            if memchr(base, 0x0D, buffer.count) == nil {
                // LF only, as nearly every file: `memchr` finds each line's end.
                var start = 0
                while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
                    let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    lines.append(start..<end)
                    start = end + 1
                }
                lines.append(start..<buffer.count)
                return
            }
            var start = 0
            var i = 0
            while i < buffer.count {
                let byte = buffer[i]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(start..<i)
                    if byte == 0x0D, i + 1 < buffer.count, buffer[i + 1] == 0x0A { i += 1 }
                    start = i + 1
                }
                i += 1
            }
            lines.append(start..<buffer.count)
        }
        if lines.isEmpty { lines.append(0..<0) }
        return lines
    }
}

extension UInt8 {
    /// cmark's `cmark_isspace`: the ASCII whitespace that separates words.
    var isMarkdownSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0B || self == 0x0C || self == 0x0D }
    var isASCIIAlphanumeric: Bool { (0x30...0x39).contains(self) || (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isASCIIAlpha: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    /// ASCII punctuation, the characters a backslash can escape.
    var isASCIIPunctuation: Bool {
        (0x21...0x2F).contains(self) || (0x3A...0x40).contains(self) || (0x5B...0x60).contains(self) || (0x7B...0x7E).contains(self)
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes hold `sequence`, found with `memchr` and `memcmp`: the GFM layer asks this of
    /// every body, and most hold none of what it asks for. (A generic collection here ran
    /// unspecialised from other modules, metadata lookups and all, for every link checked.)
    package func contains(sequence: [UInt8]) -> Bool {
        guard !sequence.isEmpty else { return true }
        return withUnsafeBufferPointer { b in
            sequence.withUnsafeBufferPointer { s in
                guard let base = b.baseAddress, b.count >= s.count else { return false }
                var i = 0
                while i + s.count <= b.count, let found = memchr(base + i, Int32(s[0]), b.count - s.count + 1 - i) {
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, s.baseAddress!, s.count) == 0 { return true }
                    i = at + 1
                }
                return false
            }
        }
    }

    package func contains(sequence: String.UTF8View) -> Bool { contains(sequence: Array(sequence)) }

    func containsPair(_ first: UInt8, _ second: UInt8) -> Bool { contains(sequence: [first, second]) }
}
