/// A TOML 1.1 reader for front matter (Hugo's `+++`): the whole grammar (tables, arrays of
/// tables, dotted and quoted keys, the four kinds of strings, integers in four bases,
/// floats, booleans, dates and times, arrays and inline tables), each error reported at its
/// line and column, and no input that makes it trap or loop.
///
/// Written here in place of TOMLKit, whose C++ parser (toml++) has assertions that input
/// reaches: a typo such as `tags = ["a",}]` or `date = 2023-01-15Tx` aborted the whole build
/// (found by fuzzing), and SwiftPM compiles a dependency's C++ with assertions on.
///
/// Scalars are kept as text, as the YAML reader gets them: strings as they read, integers in
/// decimal, floats as Swift prints them, dates and times with `T` between date and time.
final class TOMLReader {
    enum Value {
        case scalar(String)
        case array([Value])
        case table(Table)
        /// An array of tables (`[[a]]`), which later headers add to.
        case tables(TableList)
    }

    /// Keys in the order they were first written, and the line each key is on. A class:
    /// headers and dotted keys reach tables deep inside others and add to them in place.
    final class Table {
        var keys: [String] = []
        var values: [String: Value] = [:]
        var lines: [String: Int] = [:]
        /// Defined by a header (`[a]`): no second header, no dotted keys from outside.
        var headed = false
        /// Made by a dotted key (`a.b = 1`): no header may define it later.
        var dotted = false
        /// Written inline (`{…}`), or inside an inline table or array: complete as written.
        var closed = false
    }

    final class TableList {
        var items: [Table] = []
    }

    struct Failure: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
    }

    /// Past these, a file is refused rather than read: each level is a level of recursion
    /// (the YAML reader refuses front matter nested deeper than 64 in any case).
    static let maxKeyParts = 64
    static let maxDepth = 128

    private let bytes: [UInt8]
    private var at = 0
    /// Where each line starts, for positions.
    private let lineStarts: [Int]

    private init(_ text: String) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
    }

    static func read(_ text: String) -> Result<Table, Failure> {
        let reader = TOMLReader(text)
        do {
            return .success(try reader.document())
        } catch let failure as Failure {
            return .failure(failure)
        } catch {
            return .failure(Failure(message: "\(error)", line: 1, column: 1))
        }
    }

    // MARK: - Document

    private func document() throws -> Table {
        let root = Table()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
        var current = root
        var currentPath: [String] = []
        while true {
            try skipBlank(newlines: true)
            guard at < bytes.count else { return root }
            let line = self.line(of: at)
            if peek(0x5B) {
                let isArray = peek(0x5B, 1)
                at += isArray ? 2 : 1
                try skipBlank()
                let path = try key()
                try skipBlank()
                guard peek(0x5D), !isArray || peek(0x5D, 1) else { throw failure(isArray ? "expected ']]' to close the table header" : "expected ']' to close the table header") }
                at += isArray ? 2 : 1
                try endOfLine()
                current = try header(path, in: root, isArray: isArray, line: line)
                currentPath = path
            } else {
                let (path, value) = try keyValue(depth: 0)
                try endOfLine()
                try insert(value, at: path[...], into: current, prefix: currentPath, line: line)
            }
        }
    }

    /// The table a header names: `[a.b]` defines it, `[[a.b]]` adds one to its array. The
    /// tables on the way are made as needed; through an array of tables, its last is meant.
    private func header(_ path: [String], in root: Table, isArray: Bool, line: Int) throws -> Table {
        let name = path.joined(separator: ".")
        var table = root
        for (i, part) in path.enumerated() {
            let last = i == path.count - 1
            switch table.values[part] {
            case nil:
                let made = Table()
                if last && isArray {
                    let list = TableList()
                    list.items.append(made)
                    table.set(part, .tables(list), line: line)
                } else {
                    made.headed = last
                    table.set(part, .table(made), line: line)
                }
                table = made
            case .table(let existing)?:
                if last && isArray { throw failure("'\(name)' is already a table", line: line) }
                if existing.closed { throw failure("'\(path[...i].joined(separator: "."))' is complete as written and cannot be extended", line: line) }
                if last {
                    guard !existing.headed, !existing.dotted else { throw failure("the table '\(name)' is defined twice", line: line) }
                    existing.headed = true
                }
                table = existing
            case .tables(let list)?:
                if last && !isArray { throw failure("'\(name)' is already an array of tables", line: line) }
                if last {
                    let made = Table()
                    list.items.append(made)
                    table = made
                } else {
                    table = list.items[list.items.count - 1]
                }
            default:
                throw failure("'\(path[...i].joined(separator: "."))' is already a value", line: line)
            }
        }
        return table
    }

    /// A key-value pair inside a table, a dotted key making the tables on its way.
    /// `prefix` names the table, for messages.
    private func insert(_ value: Value, at path: ArraySlice<String>, into table: Table, prefix: [String], line: Int) throws {
        var table = table
        for (i, part) in zip(path.indices, path) {
            let here = (prefix + path[...i]).joined(separator: ".")
            if i == path.index(before: path.endIndex) {
                guard table.values[part] == nil else { throw failure("the key '\(here)' is defined twice", line: line) }
                table.set(part, value, line: line)
                Self.close(value)
                return
            }
            switch table.values[part] {
            case nil:
                let made = Table()
                made.dotted = true
                table.set(part, .table(made), line: line)
                table = made
            case .table(let existing)?:
                guard !existing.closed else { throw failure("'\(here)' is complete as written and cannot be extended", line: line) }
                guard !existing.headed else { throw failure("dotted keys cannot add to the table [\(here)] defined by its header", line: line) }
                table = existing
            default:
                throw failure("'\(here)' is already a value", line: line)
            }
        }
    }

    /// Inline tables and arrays are complete as written: nothing may add to them.
    private static func close(_ value: Value) {
        switch value {
        case .table(let table):
            guard !table.closed else { return }
            table.closed = true
            for value in table.values.values { close(value) }
        case .array(let items):
            for item in items { close(item) }
        case .scalar, .tables:
            break
        }
    }

    // MARK: - Keys and values

    private func keyValue(depth: Int) throws -> (path: [String], value: Value) {
        let path = try key()
        try skipBlank()
        guard peek(0x3D) else { throw failure("expected '=' after the key '\(path.joined(separator: "."))'") }
        at += 1
        try skipBlank()
        return (path, try value(depth: depth))
    }

    /// A key, dotted or not: bare (`a-b_1`), "basic" or 'literal' parts.
    private func key() throws -> [String] {
        var parts: [String] = []
        while true {
            guard at < bytes.count else { throw failure("expected a key") }
            let byte = bytes[at]
            if byte == 0x22 {
                at += 1
                parts.append(try basicString(multiline: false))
            } else if byte == 0x27 {
                at += 1
                parts.append(try literalString(multiline: false))
            } else {
                let start = at
                while at < bytes.count, Self.isBareKey(bytes[at]) { at += 1 }
                guard at > start else { throw failure(at < bytes.count ? "unexpected '\(character(at))' where a key should be" : "expected a key") }
                parts.append(String(decoding: bytes[start..<at], as: UTF8.self))
            }
            try skipBlank()
            guard peek(0x2E) else { return parts }
            guard parts.count < Self.maxKeyParts else { throw failure("a key of more than \(Self.maxKeyParts) parts") }
            at += 1
            try skipBlank()
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        let v = byte | 0x20
        return v >= 0x61 && v <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == 0x5F || byte == 0x2D
    }

    private func value(depth: Int) throws -> Value {
        guard depth < Self.maxDepth else { throw failure("arrays and tables nest too deeply") }
        guard at < bytes.count, bytes[at] != 0x0A, bytes[at] != 0x0D, bytes[at] != 0x23 else { throw failure("expected a value") }
        switch bytes[at] {
        case 0x22:
            let multiline = peek(0x22, 1) && peek(0x22, 2)
            at += multiline ? 3 : 1
            return .scalar(try basicString(multiline: multiline))
        case 0x27:
            let multiline = peek(0x27, 1) && peek(0x27, 2)
            at += multiline ? 3 : 1
            return .scalar(try literalString(multiline: multiline))
        case 0x5B:
            let open = at
            at += 1
            var items: [Value] = []
            while true {
                try skipBlank(newlines: true)
                if at >= bytes.count {
                    at = open
                    throw failure("the array opened here is never closed")
                }
                if peek(0x5D) { at += 1; return .array(items) }
                items.append(try value(depth: depth + 1))
                try skipBlank(newlines: true)
                if peek(0x2C) { at += 1; continue }
                guard peek(0x5D) || at >= bytes.count else { throw failure("expected ',' or ']' in the array, found '\(character(at))'") }
            }
        case 0x7B:
            let open = at
            at += 1
            let table = Table()
            var first = true
            // TOML 1.1: line breaks, comments and a trailing comma allowed.
            while true {
                try skipBlank(newlines: true)
                if !first, peek(0x2C) {
                    at += 1
                    try skipBlank(newlines: true)
                } else if !first, !peek(0x7D), at < bytes.count {
                    throw failure("expected ',' or '}' in the inline table, found '\(character(at))'")
                }
                if at >= bytes.count {
                    at = open
                    throw failure("the inline table opened here is never closed")
                }
                if peek(0x7D) {
                    at += 1
                    return .table(table)
                }
                first = false
                let line = self.line(of: at)
                let (path, value) = try keyValue(depth: depth + 1)
                try insert(value, at: path[...], into: table, prefix: [], line: line)
            }
        default:
            return .scalar(try bareValue())
        }
    }

    /// true, false, numbers, dates and times.
    private func bareValue() throws -> String {
        let start = at
        while at < bytes.count {
            let byte = bytes[at]
            if Self.isBareKey(byte) || byte == 0x2B || byte == 0x2E || byte == 0x3A {
                at += 1
            } else if byte == 0x20, at - start == 10, at + 1 < bytes.count, bytes[at + 1] >= 0x30, bytes[at + 1] <= 0x39,
                      Self.isDate(bytes[start..<at]) {
                at += 1  // `1979-05-27 07:32:00`: a space between date and time
            } else {
                break
            }
        }
        let token = bytes[start..<at]
        let text = String(decoding: token, as: UTF8.self)
        switch text {
        case "true", "false": return text
        case "inf", "+inf", "-inf", "nan", "+nan", "-nan": return text.replacingOccurrences(of: "+", with: "")
        default: break
        }
        if let date = Self.dateTime(token) { return date }
        if let number = Self.integer(text) { return number }
        if let number = Self.float(text) { return number }
        at = start
        throw failure(text.isEmpty ? "unexpected '\(character(at))' where a value should be" : "'\(text)' is not a TOML value (a string needs quotes)")
    }

    // MARK: - Strings

    private func basicString(multiline: Bool) throws -> String {
        let open = at - (multiline ? 3 : 1)
        if multiline { skipFirstNewline() }
        var out: [UInt8] = []
        while true {
            guard at < bytes.count else { throw unclosed(open) }
            let byte = bytes[at]
            if byte == 0x22 {
                if !multiline { at += 1; break }
                if let run = closingRun(0x22) {
                    out += repeatElement(0x22, count: run - 3)
                    at += run
                    break
                }
                out.append(byte)
                at += 1
            } else if byte == 0x5C {
                at += 1
                guard at < bytes.count else { throw unclosed(open) }
                let escape = bytes[at]
                at += 1
                switch escape {
                case 0x62: out.append(0x08)
                case 0x74: out.append(0x09)
                case 0x6E: out.append(0x0A)
                case 0x66: out.append(0x0C)
                case 0x72: out.append(0x0D)
                case 0x65: out.append(0x1B)
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x75, 0x55, 0x78:
                    let count = escape == 0x75 ? 4 : escape == 0x55 ? 8 : 2
                    guard at + count <= bytes.count, let value = UInt32(String(decoding: bytes[at..<(at + count)], as: UTF8.self), radix: 16),
                          bytes[at..<(at + count)].allSatisfy({ Self.isHex($0) }), let scalar = Unicode.Scalar(value) else {
                        at -= 2
                        throw failure("invalid \\\(escape == 0x75 ? "u" : escape == 0x55 ? "U" : "x") escape: \(count) hexadecimal digits of a Unicode scalar expected")
                    }
                    out += Array(String(scalar).utf8)
                    at += count
                case 0x20, 0x09, 0x0A, 0x0D:
                    // A backslash ending a line joins it to the next text.
                    guard multiline else {
                        at -= 2
                        throw failure("invalid escape '\\\(character(at + 1))'")
                    }
                    var probe = at - 1
                    while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 { probe += 1 }
                    guard probe < bytes.count, bytes[probe] == 0x0A || bytes[probe] == 0x0D else {
                        at -= 2
                        throw failure("invalid escape '\\\(character(at + 1))'")
                    }
                    at = probe
                    while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
                default:
                    at -= 2
                    throw failure("invalid escape '\\\(character(at + 1))'")
                }
            } else if byte == 0x0A || (byte == 0x0D && peek(0x0A, 1)) {
                guard multiline else { throw failure("a line break inside a one-line string") }
                out.append(byte)
                at += 1
            } else if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                throw failure("a control character (U+\(String(byte, radix: 16, uppercase: true))) inside a string: write it as an escape")
            } else {
                out.append(byte)
                at += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// At a quote of a multi-line string: how many quotes close it (three, and up to two
    /// more that end the text right before them), or nil when fewer than three stand here.
    private func closingRun(_ quote: UInt8) -> Int? {
        guard peek(quote, 1), peek(quote, 2) else { return nil }
        var run = 3
        while run < 5, peek(quote, run) { run += 1 }
        return run
    }

    /// The error for a string that never closes, reported where it opens.
    private func unclosed(_ open: Int) -> Failure {
        at = open
        return failure("the string opened here is never closed")
    }

    private func literalString(multiline: Bool) throws -> String {
        let open = at - (multiline ? 3 : 1)
        if multiline { skipFirstNewline() }
        let start = at
        while true {
            guard at < bytes.count else { throw unclosed(open) }
            let byte = bytes[at]
            if byte == 0x27 {
                if !multiline {
                    defer { at += 1 }
                    return String(decoding: bytes[start..<at], as: UTF8.self)
                }
                if let run = closingRun(0x27) {
                    let end = at + run - 3
                    at += run
                    return String(decoding: bytes[start..<end], as: UTF8.self)
                }
                at += 1
            } else if byte == 0x0A || (byte == 0x0D && peek(0x0A, 1)) {
                guard multiline else { throw failure("a line break inside a one-line string") }
                at += 1
            } else if byte < 0x20 && byte != 0x09 || byte == 0x7F {
                throw failure("a control character (U+\(String(byte, radix: 16, uppercase: true))) inside a string")
            } else {
                at += 1
            }
        }
    }

    private func skipFirstNewline() {
        if peek(0x0A) { at += 1 } else if peek(0x0D), peek(0x0A, 1) { at += 2 }
    }

    // MARK: - Numbers, dates and times

    private static func isHex(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66
    }

    /// Digits with single underscores between them, in `radix`.
    private static func digits(_ text: Substring, radix: Int) -> String? {
        guard let first = text.first, let last = text.last, first != "_", last != "_", !text.contains("__") else { return nil }
        let plain = text.replacingOccurrences(of: "_", with: "")
        guard !plain.isEmpty, plain.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else { return nil }
        return plain
    }

    static func integer(_ text: String) -> String? {
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
            guard let plain = digits(text.dropFirst(2), radix: radix), let value = Int(plain, radix: radix) else { return nil }
            return String(value)
        }
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let plain = digits(body, radix: 10), plain == "0" || !plain.hasPrefix("0"),
              let value = Int((text.first == "-" ? "-" : "") + plain) else { return nil }
        return String(value)
    }

    static func float(_ text: String) -> String? {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        let exponentAt = body.firstIndex { $0 == "e" || $0 == "E" }
        let mantissa = exponentAt.map { body[..<$0] } ?? body
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, exponentAt != nil || parts.count == 2,
              let whole = digits(parts[0], radix: 10), whole == "0" || !whole.hasPrefix("0") else { return nil }
        if parts.count == 2, digits(parts[1], radix: 10) == nil { return nil }
        if let exponentAt {
            var exponent = body[body.index(after: exponentAt)...]
            if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
            guard digits(exponent, radix: 10) != nil else { return nil }
        }
        return Double(text.replacingOccurrences(of: "_", with: "")).map { String($0) }
    }

    private static func isDate(_ token: ArraySlice<UInt8>) -> Bool {
        let t = Array(token)
        func d(_ i: Int) -> Bool { i < t.count && t[i] >= 0x30 && t[i] <= 0x39 }
        return t.count == 10 && d(0) && d(1) && d(2) && d(3) && t[4] == 0x2D && d(5) && d(6) && t[7] == 0x2D && d(8) && d(9)
    }

    /// Offset and local date-times, local dates and local times, with `T` between date and time.
    static func dateTime(_ token: ArraySlice<UInt8>) -> String? {
        let t = Array(token)
        func number(_ i: Int, _ count: Int) -> Int? {
            guard i + count <= t.count, t[i..<(i + count)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(String(decoding: t[i..<(i + count)], as: UTF8.self))
        }
        var i = 0
        var out = ""
        if t.count >= 10, t[4] == 0x2D {
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), t[7] == 0x2D,
                  (1...12).contains(month), day >= 1, day <= daysIn(month, year) else { return nil }
            out = String(decoding: t[0..<10], as: UTF8.self)
            i = 10
            if i == t.count { return out }
            guard t[i] == 0x54 || t[i] == 0x74 || t[i] == 0x20 else { return nil }
            out += "T"
            i += 1
        }
        guard let hour = number(i, 2), i + 2 < t.count, t[i + 2] == 0x3A, let minute = number(i + 3, 2),
              hour < 24, minute < 60 else { return nil }
        let timeStart = i
        i += 5
        var seconds = ""
        if i >= t.count || t[i] != 0x3A { seconds = ":00" }  // TOML 1.1: seconds may be left out
        if i < t.count, t[i] == 0x3A {
            guard let second = number(i + 1, 2), second <= 60 else { return nil }
            i += 3
            if i < t.count, t[i] == 0x2E {
                i += 1
                let fraction = i
                while i < t.count, t[i] >= 0x30, t[i] <= 0x39 { i += 1 }
                guard i > fraction else { return nil }
            }
        }
        out += String(decoding: t[timeStart..<i], as: UTF8.self) + seconds
        guard i < t.count else { return out }
        // An offset only after a date.
        guard out.contains("T") else { return nil }
        if t[i] == 0x5A || t[i] == 0x7A, i + 1 == t.count { return out + "Z" }
        guard t[i] == 0x2B || t[i] == 0x2D, let hours = number(i + 1, 2), i + 3 < t.count, t[i + 3] == 0x3A,
              let minutes = number(i + 4, 2), i + 6 == t.count, hours < 24, minutes < 60 else { return nil }
        return out + String(decoding: t[i..<t.count], as: UTF8.self)
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: - Reading

    private func peek(_ byte: UInt8, _ offset: Int = 0) -> Bool {
        at + offset < bytes.count && bytes[at + offset] == byte
    }

    /// Spaces, tabs and comments; with `newlines`, line breaks too.
    private func skipBlank(newlines: Bool = false) throws {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09: at += 1
            case 0x0A where newlines: at += 1
            case 0x0D where newlines && peek(0x0A, 1): at += 2
            case 0x23:
                while at < bytes.count, bytes[at] != 0x0A {
                    let byte = bytes[at]
                    if byte < 0x20 && byte != 0x09 && !(byte == 0x0D && peek(0x0A, 1)) || byte == 0x7F {
                        throw failure("a control character (U+\(String(byte, radix: 16, uppercase: true))) in a comment")
                    }
                    at += 1
                }
            default: return
            }
        }
    }

    /// After a key-value pair or a header: spaces, a comment, then a line break or the end.
    private func endOfLine() throws {
        try skipBlank()
        guard at < bytes.count else { return }
        if peek(0x0A) { at += 1; return }
        if peek(0x0D), peek(0x0A, 1) { at += 2; return }
        throw failure("unexpected '\(character(at))' after the value: one key-value pair per line")
    }

    private func character(_ offset: Int) -> String {
        guard offset < bytes.count else { return "end of text" }
        var end = offset + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let text = String(decoding: bytes[offset..<end], as: UTF8.self)
        return text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) ? text
            : "U+" + String(text.unicodeScalars.first!.value, radix: 16, uppercase: true)
    }

    /// The 1-based line of a byte offset.
    private func line(of offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    private func failure(_ message: String, line: Int? = nil) -> Failure {
        let offset = min(at, bytes.count)
        let lineStart = lineStarts[self.line(of: offset) - 1]
        let column = bytes[lineStart..<offset].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return Failure(message: message, line: line ?? self.line(of: offset), column: line == nil ? column : 1)
    }
}

private extension TOMLReader.Table {
    func set(_ key: String, _ value: TOMLReader.Value, line: Int) {
        if values.updateValue(value, forKey: key) == nil {
            keys.append(key)
            lines[key] = line
        }
    }
}
