/// HTML escaping by bytes. It escapes `& < > " '` and replaces the code points HTML forbids
/// in documents (controls other than tab, line feed, form feed and carriage return;
/// U+007F–U+009F; noncharacters) with U+FFFD. Working on scalars, not Characters, matters:
/// a `"` followed by a combining mark is one Character, and must still be escaped.
package enum HTMLEscaping {
    package static func escape(_ text: String) -> String {
        var output = ""
        append(text, to: &output)
        return output
    }

    /// Appends `text`, escaped, to `output`. Text with nothing to escape (the common case) is
    /// appended whole after one scan of its bytes.
    package static func append(_ text: String, to output: inout String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            // The table is read once per call: a global's lazy-initialisation check per byte
            // showed in profiles.
            attention.withUnsafeBufferPointer { append(bytes, of: text, to: &output, table: $0) }
        }
        if done == nil {
            // Bridged or otherwise non-contiguous text: make a native copy first.
            var copy = text
            copy.makeContiguousUTF8()
            append(copy, to: &output)
        }
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, of text: String, to output: inout String,
                               table: UnsafeBufferPointer<Bool>) {
        guard let first = bytes.firstIndex(where: { table[Int($0)] }) else {
            output += text
            return
        }
        pieces(of: bytes, from: first, table: table) { run in
            output += String(decoding: run, as: UTF8.self)
        } replacement: { output += $0 }
    }

    /// Appends `text`, escaped, to the bytes `output`: the renderer's version, which copies
    /// the runs with nothing to escape as they are.
    package static func append(_ text: String, to output: inout ByteOutput) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(utf8: $0, to: &output) }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            append(copy, to: &output)
        }
    }

    /// Appends UTF-8 text (valid, as cut from a `String` between scalars), escaped.
    package static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteOutput) {
        attention.withUnsafeBufferPointer { append(bytes, to: &output, table: $0) }
    }

    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteOutput, table: UnsafeBufferPointer<Bool>) {
        pieces(of: bytes, from: 0, table: table) { output.append($0) } replacement: { output.append($0) }
    }

    /// Hands `bytes` over in order as the runs that stay as they are (`run`, possibly
    /// empty) and the text that replaces each scalar to escape (`replacement`). Nothing
    /// before `start` needs escaping.
    private static func pieces(of bytes: UnsafeBufferPointer<UInt8>, from start: Int, table: UnsafeBufferPointer<Bool>,
                               run: (UnsafeBufferPointer<UInt8>) -> Void, replacement: (String) -> Void) {
        var copied = 0
        var i = start
        while i < bytes.count {
            guard table[Int(bytes[i])] else {
                i += 1
                continue
            }
            let (replaced, length) = Self.replacement(bytes, at: i)
            guard let replaced else {
                i += length
                continue
            }
            run(UnsafeBufferPointer(rebasing: bytes[copied..<i]))
            replacement(replaced)
            i += length
            copied = i
        }
        if copied < bytes.count { run(UnsafeBufferPointer(rebasing: bytes[copied...])) }
    }

    /// Bytes that start something to escape or a scalar that may be forbidden: `& < > " '`,
    /// controls other than tab, line feed, form feed and carriage return, DEL, and the lead
    /// bytes of U+0080–U+00BF, U+F000–U+FFFF and the supplementary planes. A table, since
    /// every byte of every escaped value is looked up.
    private static let attention: [Bool] = (0...255).map { byte in
        switch byte {
        case 0x26, 0x3C, 0x3E, 0x22, 0x27: true
        case 0x09, 0x0A, 0x0C, 0x0D: false
        case 0x00...0x1F, 0x7F: true
        case 0xC2, 0xEF, 0xF0...0xF4: true
        default: false
        }
    }


    /// What replaces the scalar at `i` (nil: keep it) and its length in bytes.
    private static func replacement(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (String?, Int) {
        let byte = bytes[i]
        switch byte {
        case 0x26: return ("&amp;", 1)
        case 0x3C: return ("&lt;", 1)
        case 0x3E: return ("&gt;", 1)
        case 0x22: return ("&quot;", 1)
        case 0x27: return ("&#39;", 1)
        case 0x00...0x7F: return ("\u{FFFD}", 1)
        default: break
        }
        // A multi-byte scalar: decode it (input is valid UTF-8).
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        guard i + length <= bytes.count else { return (nil, bytes.count - i) }
        var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
        for k in 1..<length { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
        let forbidden = (0x7F...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
        return (forbidden ? "\u{FFFD}" : nil, length)
    }
}
