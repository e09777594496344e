import Markdown
import Model

/// The bytes of one file with a line index. Lines end at LF, CRLF or a lone CR, as cmark's
/// do; splitting a Swift String on "\n" would miss CRLF lines, where "\r\n" is one Character.
struct SourceText {
    let path: String
    let bytes: [UInt8]
    /// Byte range of each line's content, without its line terminator. Line n is `lines[n - 1]`.
    let lines: [Range<Int>]

    init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        lines = LineIndex.ranges(of: bytes)
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line, column: column)
    }

    /// Line and 1-based byte column of a byte offset.
    func location(ofOffset offset: Int) -> SourceLocation {
        var low = 0, high = lines.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lines[mid].lowerBound <= offset { low = mid } else { high = mid - 1 }
        }
        return location(line: low + 1, column: offset - lines[low].lowerBound + 1)
    }

    /// Converts a column counted in Unicode scalars (libyaml's) to a 1-based byte column.
    func byteColumn(line: Int, scalarColumn: Int) -> Int {
        guard line >= 1, line <= lines.count else { return scalarColumn }
        var scalars = 1, column = 1
        var i = lines[line - 1].lowerBound
        while scalars < scalarColumn, i < lines[line - 1].upperBound {
            let byte = bytes[i]
            let width = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            i += width
            column += width
            scalars += 1
        }
        return column
    }

    /// The first offset of an invalid UTF-8 sequence, or nil when the bytes are valid.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer(UTF8Check.firstInvalidOffset)
    }
}
