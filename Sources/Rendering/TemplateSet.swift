import Foundation
import Model
import Mustache

/// The theme a site is rendered with: the built-in templates and assets, overridden file by
/// file by the site's own `Templates/` folder.
public struct TemplateSet: Sendable {
    let library: MustacheLibrary
    /// Files other than templates (CSS, scripts, images), copied to the output as they are.
    public let assets: [(path: String, url: URL)]

    /// Templates every site needs; a missing one is reported when the theme loads, not as
    /// an empty page later (swift-mustache returns nil for an unknown name).
    static let required = [
        "home", "document", "section", "actors", "events", "themes", "actor", "event", "theme",
        "partials/header", "partials/footer", "partials/mentions",
    ]

    /// Loads `builtin` then `override` (both optional folders). Errors are diagnostics.
    public static func load(builtin: URL?, override: URL?) -> (TemplateSet?, [Diagnostic]) {
        ScalarHTMLEscaping.register()
        var files: [String: (url: URL, display: String)] = [:]
        var diagnostics: [Diagnostic] = []
        for (folder, prefix) in [(builtin, "(built-in theme)/"), (override, "Templates/")] {
            guard let folder else { continue }
            let (paths, escaping) = listFiles(folder)
            for path in paths { files[path] = (folder.appendingPathComponent(path), prefix + path) }
            for path in escaping {
                diagnostics.append(.error("symlink-escape", "symbolic link points outside the theme folder; it is skipped",
                                          at: SourceLocation(path: prefix + path, line: 1, column: 1)))
            }
        }
        var templates: [String: MustacheTemplate] = [:]
        var assets: [(String, URL)] = []
        for path in files.keys.sorted() {
            let (url, display) = files[path]!
            guard path.hasSuffix(".mustache") else {
                assets.append((path, url))
                continue
            }
            let data = FileManager.default.contents(atPath: url.path) ?? Data()
            let name = String(path.dropLast(".mustache".count))
            guard let text = String(data: data, encoding: .utf8).map({ ScalarHTMLEscaping.pragma + $0 }) else {
                diagnostics.append(.error("invalid-utf8", "template is not valid UTF-8", at: SourceLocation(path: display, line: 1, column: 1)))
                continue
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma put in front of line 1 is not the writer's.
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - ScalarHTMLEscaping.pragma.count) : error.context.columnNumber
                diagnostics.append(.error("template-syntax", "template error: \(error.error)",
                                          at: SourceLocation(path: display, line: line, column: column)))
            } catch {
                diagnostics.append(.error("template-syntax", "template error: \(error)", at: SourceLocation(path: display, line: 1, column: 1)))
            }
        }
        for name in required where templates[name] == nil && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(name).mustache") == true }) {
            diagnostics.append(.error("missing-template", "the theme has no '\(name).mustache' template", at: nil))
        }
        diagnostics += missingPartials(templates, files: files)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (TemplateSet(library: MustacheLibrary(templates: templates), assets: assets), diagnostics)
    }

    /// Partials named in templates (`{{> name}}`) that no template provides.
    private static func missingPartials(_ templates: [String: MustacheTemplate], files: [String: (url: URL, display: String)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            let text = template.description.dropFirst(template.description.hasPrefix(ScalarHTMLEscaping.pragma) ? ScalarHTMLEscaping.pragma.count : 0)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (lineNumber, line) in lines.enumerated() {
                var rest = line[...]
                while let open = rest.range(of: "{{>") {
                    let after = rest[open.upperBound...]
                    guard let close = after.range(of: "}}") else { break }
                    let partial = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    if templates[partial] == nil {
                        let column = line.utf8.distance(from: line.startIndex, to: open.lowerBound) + 1
                        let display = files[name + ".mustache"]?.display ?? name
                        diagnostics.append(.error("missing-partial", "template uses partial '\(partial)', which does not exist",
                                                  at: SourceLocation(path: display, line: lineNumber + 1, column: column)))
                    }
                    rest = after[close.upperBound...]
                }
            }
        }
        return diagnostics
    }

    /// Files below `folder`, and those that are links to somewhere outside it.
    private static func listFiles(_ folder: URL) -> (files: [String], escaping: [String]) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return ([], []) }
        let root = folder.resolvingSymlinksInPath().path + "/"
        var paths: [String] = [], escaping: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            let name = (path as NSString).lastPathComponent
            guard !name.hasPrefix("."), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            if url.resolvingSymlinksInPath().path.hasPrefix(root) { paths.append(path) } else { escaping.append(path) }
        }
        return (paths, escaping)
    }

    func render(_ view: Any, template: String) -> String {
        library.render(view, withTemplate: template) ?? ""
    }
}

/// `{{value}}` escaping by Unicode scalar. swift-mustache's own HTML escaping compares whole
/// Characters, so a `"` followed by a combining mark is one Character and passes unescaped,
/// which would let content close an attribute. Every template starts with the pragma that
/// selects this content type (on line 1, adding no line).
struct ScalarHTMLEscaping: MustacheContentType {
    static let name = "DOSSIER_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { HTML.escape(text) }

    private static let registration: Void = MustacheContentTypes.register(ScalarHTMLEscaping(), named: name)
    static func register() { _ = registration }
}
