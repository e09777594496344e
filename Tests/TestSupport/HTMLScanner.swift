import Foundation
/// A small HTML tokenizer after the HTML standard's tokenization rules, enough for tests to
/// read a page as a browser would rather than grep it: start tags with their attributes
/// (character references decoded), comments skipped, and the raw text of `<style>` and
/// `<script>`.
package struct HTMLScanner {
    package struct Tag {
        package var name: String
        package var attributes: [(name: String, value: String)]

        package func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    package private(set) var tags: [Tag] = []
    /// The contents of each `<style>` element, in order.
    package private(set) var styles: [String] = []
    package private(set) var scripts: [String] = []
    /// Text outside tags, references decoded, for "the page says …" checks.
    package private(set) var text = ""

    package init(_ html: String) {
        let s = Array(html.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{C}" }
        func isLetter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        var pendingText = ""
        while i < s.count {
            guard s[i] == "<" else { pendingText.unicodeScalars.append(s[i]); i += 1; continue }
            text += Self.decode(pendingText)
            pendingText = ""
            if Self.matches(s, i, "<!--") {
                i = Self.find(s, i + 4, "-->").map { $0 + 3 } ?? s.count
            } else if i + 1 < s.count, s[i + 1] == "!" || s[i + 1] == "?" {
                i = Self.find(s, i, ">").map { $0 + 1 } ?? s.count
            } else if i + 1 < s.count, s[i + 1] == "/" {
                i = Self.find(s, i, ">").map { $0 + 1 } ?? s.count
            } else if i + 1 < s.count, isLetter(s[i + 1]) {
                i += 1
                var name = ""
                while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">" { name.unicodeScalars.append(s[i]); i += 1 }
                name = name.lowercased()
                var attributes: [(String, String)] = []
                while i < s.count, s[i] != ">" {
                    if isSpace(s[i]) || s[i] == "/" { i += 1; continue }
                    var attribute = ""
                    attribute.unicodeScalars.append(s[i])
                    i += 1
                    while i < s.count, !isSpace(s[i]), s[i] != "/", s[i] != ">", s[i] != "=" { attribute.unicodeScalars.append(s[i]); i += 1 }
                    while i < s.count, isSpace(s[i]) { i += 1 }
                    var value = ""
                    if i < s.count, s[i] == "=" {
                        i += 1
                        while i < s.count, isSpace(s[i]) { i += 1 }
                        if i < s.count, s[i] == "\"" || s[i] == "'" {
                            let quote = s[i]
                            i += 1
                            while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                            i += 1
                        } else {
                            while i < s.count, !isSpace(s[i]), s[i] != ">" { value.unicodeScalars.append(s[i]); i += 1 }
                        }
                    }
                    attributes.append((attribute.lowercased(), Self.decode(value)))
                }
                i += 1
                tags.append(Tag(name: name, attributes: attributes))
                if name == "style" || name == "script" {
                    let end = Self.find(s, i, "</\(name)", caseInsensitive: true) ?? s.count
                    var raw = ""
                    raw.unicodeScalars.append(contentsOf: s[i..<end])
                    if name == "style" { styles.append(raw) } else { scripts.append(raw) }
                    i = Self.find(s, end, ">").map { $0 + 1 } ?? s.count
                }
            } else {
                pendingText += "<"
                i += 1
            }
        }
        text += Self.decode(pendingText)
    }

    /// Every URL the page could make the browser fetch or follow: attributes that hold one,
    /// `url()` and `@import` in style sheets and `style` attributes, `srcset` candidates.
    package var references: [String] {
        let single = ["src", "href", "poster", "action", "formaction", "data", "background", "cite", "manifest", "xlink:href", "ping", "longdesc"]
        var found: [String] = []
        for tag in tags {
            for (name, value) in tag.attributes {
                if single.contains(name) { found.append(value) }
                if name == "srcset" || name == "imagesrcset" {
                    found += value.split(separator: ",").compactMap { $0.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init) }
                }
                if name == "style" { found += Self.cssReferences(value) }
                if name == "content", tag.name == "meta", tag.attribute("http-equiv")?.lowercased() == "refresh" { found.append(value) }
            }
        }
        for style in styles { found += Self.cssReferences(style) }
        return found
    }

    /// `url(…)` and `@import "…"` targets of CSS (escapes are not expected in tests' input).
    package static func cssReferences(_ css: String) -> [String] {
        var found: [String] = []
        let lower = css.lowercased()
        var search = lower.startIndex
        while let range = lower.range(of: "url(", range: search..<lower.endIndex) {
            let close = lower[range.upperBound...].firstIndex(of: ")") ?? lower.endIndex
            let raw = css[range.upperBound..<close].trimmingCharacters(in: CharacterSet(charactersIn: " \"'\t\n"))
            found.append(raw)
            search = close
        }
        search = lower.startIndex
        while let range = lower.range(of: "@import", range: search..<lower.endIndex) {
            let rest = css[range.upperBound...].drop { $0 == " " }
            if let quote = rest.first, quote == "\"" || quote == "'" {
                found.append(String(rest.dropFirst().prefix { $0 != quote }))
            }
            search = range.upperBound
        }
        return found
    }

    private static func matches(_ s: [Unicode.Scalar], _ i: Int, _ literal: String) -> Bool {
        let l = Array(literal.unicodeScalars)
        return i + l.count <= s.count && Array(s[i..<(i + l.count)]) == l
    }

    private static func find(_ s: [Unicode.Scalar], _ from: Int, _ literal: String, caseInsensitive: Bool = false) -> Int? {
        let l = Array((caseInsensitive ? literal.lowercased() : literal).unicodeScalars)
        var i = from
        while i + l.count <= s.count {
            var match = true
            for k in 0..<l.count {
                var c = s[i + k]
                if caseInsensitive, ("A"..."Z").contains(c) { c = Unicode.Scalar(c.value + 32)! }
                if c != l[k] { match = false; break }
            }
            if match { return i }
            i += 1
        }
        return nil
    }

    /// Decodes numeric references and the named ones that can spell a URL's punctuation.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "sol": "/",
                                       "tab": "\t", "newline": "\n", "period": ".", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}"]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            let body = after.prefix { $0.isLetter || $0.isNumber || $0 == "#" }
            var consumed = body.endIndex
            var replacement: String?
            if body.hasPrefix("#x") || body.hasPrefix("#X"), let v = UInt32(body.dropFirst(2), radix: 16) {
                replacement = Unicode.Scalar(v).map(String.init)
            } else if body.hasPrefix("#"), let v = UInt32(body.dropFirst()) {
                replacement = Unicode.Scalar(v).map(String.init)
            } else {
                replacement = named[body.lowercased()]
            }
            if replacement != nil, consumed < rest.endIndex, rest[consumed] == ";" { consumed = rest.index(after: consumed) }
            if let replacement { out += replacement; rest = rest[consumed...] } else { out += "&"; rest = after }
        }
        return out + rest
    }
}
