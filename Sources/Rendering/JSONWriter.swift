import Model
import Templating

/// Pretty-printed JSON written straight into bytes: two-space indentation, one member per
/// line, `"key" : value` (the layout `JSONEncoder` gave graph.json before, kept so existing
/// diffs stay readable). Streaming matters: graph.json lists every mention, tens of MB on a
/// large site, and JSONEncoder spent more time boxing values than writing them.
struct JSONWriter: ~Copyable {
    private var output: ByteOutput
    /// What is written and not yet handed to the sink.
    var bytes: [UInt8] { output.bytes }
    private var depth = 0
    /// Whether the container being written has a member yet (needs a comma before the next).
    private var hasMember: [Bool] = []
    /// A key was just written: the value goes on the same line.
    private var afterKey = false

    /// Receives the JSON in pieces of about `chunkSize` bytes, so a large file is never
    /// held whole in memory. Without one, `finish` returns everything.
    private let sink: (([UInt8]) -> Void)?
    private let chunkSize = 1 << 20
    /// No line breaks or indentation: for files a browser downloads.
    private let compact: Bool
    /// `<`, `>` and `&` as `\u003c`… so the JSON can sit inside `<script>` (JSON-LD).
    private let htmlSafe: Bool

    /// `capacity`: the bytes to reserve for a document written whole (without a sink).
    init(sink: (([UInt8]) -> Void)? = nil, compact: Bool = false, htmlSafe: Bool = false, capacity: Int = 1 << 16) {
        self.sink = sink
        self.compact = compact
        self.htmlSafe = htmlSafe
        output = ByteOutput(capacity: sink == nil ? capacity : chunkSize + 4096)
    }

    /// Ends the document; returns what was not handed to the sink.
    @discardableResult
    mutating func finish() -> [UInt8] {
        output.append(0x0A)
        if let sink {
            sink(output.take())
            return []
        }
        return output.take()
    }

    // MARK: - Containers

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }

    /// `"key" : [` — or a bare `[` inside an array when `key` is nil.
    mutating func beginArray(_ key: String? = nil) {
        if let key { self.key(key) }
        open(0x5B)
    }

    mutating func endArray() { close(0x5D) }

    mutating func array(_ key: String, _ strings: [String]) {
        beginArray(key)
        for string in strings { value(string) }
        endArray()
    }

    private mutating func open(_ bracket: UInt8) {
        startValue()
        output.append(bracket)
        depth += 1
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        // An empty container keeps an empty line inside, as JSONEncoder wrote it.
        if hasMember.removeLast() == false, !compact { output.append(0x0A) }
        newline()
        output.append(bracket)
    }

    // MARK: - Members and values

    mutating func key(_ name: String) {
        startValue()
        string(name)
        // Byte by byte: a three-byte copy through `append(_: StaticString)` costs a call to memcpy.
        if compact {
            output.append(0x3A)
        } else {
            output.append(0x20); output.append(0x3A); output.append(0x20)
        }
        afterKey = true
    }

    mutating func field(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        value(text)
    }

    mutating func field(_ name: String, _ number: Int) {
        key(name)
        startValue()
        output.appendDecimal(number)
    }

    mutating func field(_ name: String, _ flag: Bool) {
        key(name)
        startValue()
        output.append(flag ? "true" as StaticString : "false")
    }

    mutating func value(_ text: String) {
        startValue()
        string(text)
    }

    /// A string given as UTF-8 cut from a `String` between scalars (so valid): written as
    /// it is, with no `String` made of it.
    mutating func value(utf8: UnsafeBufferPointer<UInt8>) {
        startValue()
        string(utf8: utf8)
    }

    mutating func field(_ name: String, utf8: UnsafeBufferPointer<UInt8>) {
        key(name)
        value(utf8: utf8)
    }

    mutating func value(_ number: Int) {
        startValue()
        output.appendDecimal(number)
    }

    mutating func value(_ number: Double) {
        startValue()
        output.append(number == number.rounded() ? String(Int(number)) : String(number))
    }

    /// A value already written as JSON by a writer of the same kind.
    mutating func raw(_ json: [UInt8]) {
        startValue()
        json.withUnsafeBufferPointer { output.append($0) }
    }

    mutating func null() {
        startValue()
        output.append("null" as StaticString)
    }

    /// Commas, line breaks and indentation before a value (none after a key).
    private mutating func startValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard !hasMember.isEmpty else { return }
        if hasMember[hasMember.count - 1] { output.append(0x2C) }
        hasMember[hasMember.count - 1] = true
        newline()
    }

    private mutating func newline() {
        if let sink, output.count >= chunkSize {
            sink(output.take())
        }
        guard !compact else { return }
        output.append(0x0A)
        // From a row of spaces (a constant: a static array is a lazy global, checked on
        // every line); appending `repeatElement` went element by element.
        let count = depth * 2
        let spaces: StaticString = "                                                                "
        guard count <= spaces.utf8CodeUnitCount else { return output.append(String(repeating: " ", count: count)) }
        output.append(UnsafeBufferPointer(start: spaces.utf8Start, count: count))
    }

    /// A JSON string: quotes, backslashes and control characters escaped; `/` and
    /// non-ASCII text written as they are. Runs of bytes that need no escape are copied
    /// whole, in one pass over the text's bytes: the search index's text is tens of MB.
    private mutating func string(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { string(utf8: $0) }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            string(copy)
        }
    }

    private mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        output.append(0x22)
        if let base = utf8.baseAddress {
            let raw = UnsafeRawPointer(base), n = utf8.count
            var start = 0, i = 0
            // Eight bytes at a time up to the next byte to escape; the last few are padded
            // with spaces, which need none.
            while i < n {
                let word = i + 8 <= n ? ByteWord.load(raw, i) : ByteWord.load(raw, i, count: n - i, padding: 0x20)
                let marked = escaped(word)
                guard marked != 0 else {
                    i += 8
                    continue
                }
                i += ByteWord.first(marked)
                output.append(UnsafeBufferPointer(rebasing: utf8[start..<i]))
                escape(utf8[i])
                i += 1
                start = i
            }
            output.append(UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        output.append(0x22)
    }

    /// The bytes of `word` a JSON string escapes: controls, `"` and `\`; for HTML, also `<`,
    /// `>` and `&`.
    private func escaped(_ word: UInt64) -> UInt64 {
        let marked = ByteWord.below(word, 0x20) | ByteWord.equal(word, 0x22) | ByteWord.equal(word, 0x5C)
        guard htmlSafe else { return marked }
        return marked | ByteWord.equal(word, 0x3C) | ByteWord.equal(word, 0x3E) | ByteWord.equal(word, 0x26)
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: output.append("\\\"" as StaticString)
        case 0x5C: output.append("\\\\" as StaticString)
        case 0x0A: output.append("\\n" as StaticString)
        case 0x0D: output.append("\\r" as StaticString)
        case 0x09: output.append("\\t" as StaticString)
        case 0x08: output.append("\\b" as StaticString)
        case 0x0C: output.append("\\f" as StaticString)
        case 0x3C: output.append("\\u003c" as StaticString)
        case 0x3E: output.append("\\u003e" as StaticString)
        case 0x26: output.append("\\u0026" as StaticString)
        default:
            let hex: StaticString = "0123456789abcdef"
            output.append("\\u00" as StaticString)
            output.append(hex.utf8Start[Int(byte >> 4)])
            output.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}
