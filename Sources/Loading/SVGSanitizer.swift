import Foundation
import Templating
#if canImport(FoundationXML)
import FoundationXML
#endif

/// SVG from content, rewritten to carry no active content: the file is parsed as XML (never
/// matched with patterns) and written again without scripts, event attributes, links that
/// run (`javascript:`, `data:`) or leave the file, `foreignObject` (HTML inside SVG), and
/// animations that could set such a link. What remains is drawing.
package enum SVGSanitizer {
    /// The sanitised file, or nil when it is not well-formed XML (it is then not published).
    package static func sanitize(_ bytes: [UInt8]) -> [UInt8]? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let writer = Writer()
        parser.delegate = writer
        guard parser.parse(), !writer.failed, writer.wroteRoot, writer.depth == 0 else { return nil }
        return Array(writer.out.utf8)
    }

    /// Elements dropped with everything inside them.
    static let droppedElements: Set<String> = ["script", "foreignobject", "iframe", "embed", "object", "handler", "listener"]

    private final class Writer: NSObject, XMLParserDelegate {
        var out = ""
        var wroteRoot = false
        var failed = false
        /// Open elements: a file that ends inside one is not well-formed.
        var depth = 0
        /// Depth inside a dropped element.
        private var dropping = 0
        /// A `<style>` element's text, kept only if it refers to nothing outside the file.
        private var style: (open: String, text: String)?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            depth += 1
            let local = (name.split(separator: ":").last.map(String.init) ?? name).lowercased()
            if dropping > 0 || SVGSanitizer.droppedElements.contains(local) || Self.animatesALink(local, attributes) {
                dropping += 1
                return
            }
            var tag = "<" + name
            for (key, value) in attributes.sorted(by: { $0.key < $1.key }) where Self.keeps(key, value) {
                tag += " " + key + "=\"" + HTMLEscaping.escape(value) + "\""
            }
            wroteRoot = true
            closePending()
            if local == "style" { style = (tag + ">", ""); return }
            // Closed with `>` when content follows, or as `<tag/>` if none does.
            pending = tag
        }

        /// A start tag not yet closed: the element may turn out empty.
        private var pending: String?

        private func closePending() {
            if let tag = pending { out += tag + ">" }
            pending = nil
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if dropping > 0 { dropping -= 1; return }
            if let current = style {
                style = nil
                guard Self.isSelfContained(current.text) else { return }
                out += current.open + HTMLEscaping.escape(current.text) + "</" + name + ">"
                return
            }
            if let tag = pending {
                out += tag + "/>"
                pending = nil
            } else {
                out += "</" + name + ">"
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard dropping == 0 else { return }
            if style != nil {
                style!.text += string
            } else {
                closePending()
                out += HTMLEscaping.escape(string)
            }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }
        func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) { failed = true }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            self.parser(parser, foundCharacters: String(decoding: block, as: UTF8.self))
        }

        /// `on…` handlers go; a link stays only when it points inside the file (`#id`); any
        /// other value that names a script or a URL outside the file goes too.
        static func keeps(_ name: String, _ value: String) -> Bool {
            let local = (name.split(separator: ":").last.map(String.init) ?? name).lowercased()
            if local.hasPrefix("on") { return false }
            let compact = value.lowercased().filter { !$0.isWhitespace && !$0.isASCIIControl }
            if local == "href" || local == "src" { return compact.hasPrefix("#") }
            if compact.contains("javascript:") || compact.contains("vbscript:") { return false }
            return isSelfContained(value)
        }

        /// No `url(…)` but `url(#…)`, no `@import`.
        static func isSelfContained(_ text: String) -> Bool {
            let compact = text.lowercased().filter { !$0.isWhitespace && $0 != "\"" && $0 != "'" }
            if compact.contains("@import") { return false }
            var rest = Substring(compact)
            while let range = rest.range(of: "url(") {
                rest = rest[range.upperBound...]
                guard rest.hasPrefix("#") else { return false }
            }
            return true
        }

        /// `<set>` and `<animate>` can give an element a `javascript:` link or a handler.
        static func animatesALink(_ local: String, _ attributes: [String: String]) -> Bool {
            guard local == "set" || local.hasPrefix("animate") else { return false }
            let target = (attributes.first { $0.key.lowercased() == "attributename" }?.value ?? "").lowercased()
            return target.contains("href") || target.hasPrefix("on") || target == "src"
        }
    }
}

extension Character {
    fileprivate var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}
