/// A template that does not parse, with the 1-based line and column (in UTF-8 bytes) of the
/// tag at fault.
package struct TemplateSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var line: Int
    package var column: Int

    package var description: String { "\(line):\(column): \(message)" }
}

/// Mustache parser (spec v1.3: interpolation, sections, inverted sections, comments,
/// partials, set delimiters), plus swift-mustache's transforms (`uppercased(name)`) and list
/// positions (`{{^last()}}, {{/last()}}`). Standalone tags are removed with the whitespace
/// and line ending around them, as the spec says, so templates can be laid out freely.
struct TemplateParser {
    private enum Token {
        case text(Range<Int>)
        case newline(Range<Int>)
        case tag(Tag)
        case removed
    }

    private struct Tag {
        var sigil: UInt8?
        var content: String
        var line: Int
        var column: Int
        var indentation = ""

        /// Interpolations are content; the other tags can stand alone on a line.
        var isInterpolation: Bool { sigil == nil || sigil == UInt8(ascii: "&") || sigil == UInt8(ascii: "{") }
    }

    private let bytes: [UInt8]
    private var open = Array("{{".utf8)
    private var close = Array("}}".utf8)
    private var tokens: [Token] = []

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    static func parse(_ source: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(source)
        try parser.tokenize()
        return try parser.tree()
    }

    // MARK: - Tokens

    private mutating func tokenize() throws(TemplateSyntaxError) {
        var position = 0
        var line = 1
        var lineStart = 0
        // The current line: where its tokens begin, whether it holds anything but blanks and
        // standalone-capable tags.
        var lineFirstToken = 0
        var lineHasContent = false
        var lineHasTag = false

        func endLine(_ tokens: inout [Token]) {
            defer {
                lineFirstToken = tokens.count
                lineHasContent = false
                lineHasTag = false
            }
            guard lineHasTag, !lineHasContent else { return }
            var indentation = ""
            var seenTag = false
            for i in lineFirstToken..<tokens.count {
                switch tokens[i] {
                case .text(let range):
                    if !seenTag { indentation += String(decoding: bytes[range], as: UTF8.self) }
                    tokens[i] = .removed
                case .newline:
                    tokens[i] = .removed
                case .tag(var tag):
                    if !seenTag, tag.sigil == UInt8(ascii: ">") {
                        tag.indentation = indentation
                        tokens[i] = .tag(tag)
                    }
                    seenTag = true
                case .removed:
                    break
                }
            }
        }

        while position < bytes.count {
            let tagStart = find(open, from: position) ?? bytes.count
            // Text up to the tag, line by line.
            var cursor = position
            while cursor < tagStart {
                var end = cursor
                while end < tagStart, bytes[end] != 0x0A { end += 1 }
                if end > cursor {
                    tokens.append(.text(cursor..<end))
                    if bytes[cursor..<end].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { lineHasContent = true }
                }
                if end < tagStart {
                    tokens.append(.newline(end..<(end + 1)))
                    endLine(&tokens)
                    line += 1
                    lineStart = end + 1
                    cursor = end + 1
                } else {
                    cursor = end
                }
            }
            guard tagStart < bytes.count else { break }

            let column = tagStart - lineStart + 1
            var contentStart = tagStart + open.count
            var sigil: UInt8? = contentStart < bytes.count ? bytes[contentStart] : nil
            switch sigil {
            case UInt8(ascii: "{"), UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"),
                 UInt8(ascii: ">"), UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "%"):
                contentStart += 1
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw TemplateSyntaxError(message: "template inheritance ({{< and {{$) is not supported", line: line, column: column)
            default:
                sigil = nil
            }
            // `{{{name}}}` ends with `}` and the closing delimiter.
            let closing = sigil == UInt8(ascii: "{") ? [UInt8(ascii: "}")] + close : close
            guard let contentEnd = find(closing, from: contentStart) else {
                throw TemplateSyntaxError(message: "tag is not closed (expected '\(String(decoding: closing, as: UTF8.self))')", line: line, column: column)
            }
            var content = String(decoding: bytes[contentStart..<contentEnd], as: UTF8.self)
            position = contentEnd + closing.count
            if sigil == UInt8(ascii: "=") {
                try setDelimiters(content, line: line, column: column)
            }
            // A comment may span lines.
            for i in contentStart..<contentEnd where bytes[i] == 0x0A {
                line += 1
                lineStart = i + 1
            }
            content = content.trimmed
            let tag = Tag(sigil: sigil, content: content, line: line, column: column)
            if tag.isInterpolation { lineHasContent = true } else { lineHasTag = true }
            tokens.append(.tag(tag))
        }
        endLine(&tokens)
    }

    private mutating func setDelimiters(_ content: String, line: Int, column: Int) throws(TemplateSyntaxError) {
        let parts = content.trimmed
        guard parts.hasSuffix("=") else {
            throw TemplateSyntaxError(message: "set-delimiter tag must end with '='", line: line, column: column)
        }
        let pair = parts.dropLast().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard pair.count == 2, !pair[0].contains("="), !pair[1].contains("=") else {
            throw TemplateSyntaxError(message: "set-delimiter tag needs two delimiters, like {{=<% %>=}}", line: line, column: column)
        }
        open = Array(pair[0].utf8)
        close = Array(pair[1].utf8)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    // MARK: - Tree

    private struct OpenSection {
        var name: String
        var expression: Expression
        var inverted: Bool
        var line: Int
        var column: Int
        var nodes: [TemplateNode] = []
    }

    private func tree() throws(TemplateSyntaxError) -> [TemplateNode] {
        var root: [TemplateNode] = []
        var open: [OpenSection] = []
        var text: [UInt8] = []

        func append(_ node: TemplateNode) {
            if open.isEmpty { root.append(node) } else { open[open.count - 1].nodes.append(node) }
        }
        func flushText() {
            guard !text.isEmpty else { return }
            append(.text(String(decoding: text, as: UTF8.self)))
            text.removeAll(keepingCapacity: true)
        }

        for token in tokens {
            switch token {
            case .text(let range), .newline(let range):
                text += bytes[range]
            case .removed:
                break
            case .tag(let tag):
                switch tag.sigil {
                case UInt8(ascii: "!"), UInt8(ascii: "="), UInt8(ascii: "%"):
                    continue
                default:
                    flushText()
                }
                switch tag.sigil {
                case nil:
                    append(.variable(try expression(tag), escaped: true))
                case UInt8(ascii: "{"), UInt8(ascii: "&"):
                    append(.variable(try expression(tag), escaped: false))
                case UInt8(ascii: "#"), UInt8(ascii: "^"):
                    open.append(OpenSection(name: tag.content, expression: try expression(tag),
                                            inverted: tag.sigil == UInt8(ascii: "^"), line: tag.line, column: tag.column))
                case UInt8(ascii: "/"):
                    guard let section = open.popLast() else {
                        throw TemplateSyntaxError(message: "'{{/\(tag.content)}}' closes a section that is not open", line: tag.line, column: tag.column)
                    }
                    guard section.name == tag.content else {
                        throw TemplateSyntaxError(
                            message: "'{{/\(tag.content)}}' does not close '\(section.name)', opened at line \(section.line)",
                            line: tag.line, column: tag.column)
                    }
                    append(section.inverted ? .invertedSection(section.expression, section.nodes) : .section(section.expression, section.nodes))
                case UInt8(ascii: ">"):
                    guard !tag.content.isEmpty else {
                        throw TemplateSyntaxError(message: "partial tag names no partial", line: tag.line, column: tag.column)
                    }
                    append(.partial(name: tag.content, indentation: tag.indentation, line: tag.line, column: tag.column))
                default:
                    break
                }
            }
        }
        flushText()
        if let section = open.last {
            throw TemplateSyntaxError(message: "section '\(section.name)' is never closed", line: section.line, column: section.column)
        }
        return root
    }

    private func expression(_ tag: Tag) throws(TemplateSyntaxError) -> Expression {
        do {
            return try Self.expression(tag.content)
        } catch {
            throw TemplateSyntaxError(message: error.message, line: tag.line, column: tag.column)
        }
    }

    static func expression(_ text: String) throws(TemplateSyntaxError) -> Expression {
        let text = text.trimmed
        guard !text.isEmpty else { throw TemplateSyntaxError(message: "empty tag", line: 0, column: 0) }
        if text == "." { return .current }
        if text.hasSuffix(")"), let paren = text.firstIndex(of: "(") {
            let name = String(text[..<paren])
            let inner = String(text[text.index(after: paren)..<text.index(before: text.endIndex)])
            if inner.trimmed.isEmpty {
                guard let position = Expression.Position(rawValue: name) else {
                    let known = Expression.Position.allCases.map { "\($0.rawValue)()" }.joined(separator: ", ")
                    throw TemplateSyntaxError(message: "unknown list position '\(name)()'; known: \(known)", line: 0, column: 0)
                }
                return .position(position)
            }
            guard let transform = Expression.Transform(rawValue: name) else {
                let known = Expression.Transform.allCases.map(\.rawValue).joined(separator: ", ")
                throw TemplateSyntaxError(message: "unknown transform '\(name)'; known: \(known)", line: 0, column: 0)
            }
            return .transform(transform, try expression(inner))
        }
        let keys = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !keys.contains(where: \.isEmpty), !keys.contains(where: { $0.contains(where: \.isWhitespace) }) else {
            throw TemplateSyntaxError(message: "'\(text)' is not a name", line: 0, column: 0)
        }
        return .path(first: keys[0], rest: Array(keys.dropFirst()))
    }
}

extension String {
    var trimmed: String {
        let utf8 = self.utf8
        guard let start = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              let end = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else { return "" }
        return String(self[start...end])
    }
}
