import Foundation
import Model
import Templating

/// The theme a site is rendered with: the built-in templates and assets, overridden file by
/// file by the site's own `Templates/` folder.
package struct TemplateSet: Sendable {
    let library: TemplateLibrary
    /// Files other than templates (CSS, scripts, images), copied to the output as they are.
    package let assets: [(path: String, url: URL)]
    /// Each template's source by name: two sets render alike when these are equal.
    package let sources: [String: String]
    /// The style sheets single files inline, joined and made safe inside `<style>`, once per
    /// theme: a renderer is made on every rebuild under `serve`, and making this took a
    /// millisecond of each.
    let inlinedCSS: String

    /// Templates every site needs; a missing one is reported when the theme loads, not as
    /// an empty page later.
    static let required = TemplateName.allCases.map(\.rawValue) + ["partials/header", "partials/footer", "partials/mentions"]

    /// Loads `builtin` then `override` (both optional folders). Errors are diagnostics.
    package static func load(builtin: URL?, override: URL?) -> (TemplateSet?, [Diagnostic]) {
        var files: [String: (url: URL, display: String)] = [:]
        var diagnostics: [Diagnostic] = []
        for (folder, prefix) in [(builtin, "(built-in theme)/"), (override, "Templates/")] {
            guard let folder else { continue }
            let (paths, escaping, special) = listFiles(folder)
            for path in paths { files[path] = (folder.appendingPathComponent(path), prefix + path) }
            for path in special {
                diagnostics.append(.warning(.notRegularFile, "not a regular file (a pipe, socket or device); it is skipped",
                                            at: SourceLocation(path: prefix + path, line: 1, column: 1)))
            }
            for path in escaping {
                diagnostics.append(.error(.symlinkEscape, "symbolic link points outside the theme folder; it is skipped",
                                          at: SourceLocation(path: prefix + path, line: 1, column: 1)))
            }
        }
        var templates: [String: Template] = [:]
        var assets: [(String, URL)] = []
        for path in files.keys.sorted() {
            let (url, display) = files[path]!
            guard path.hasSuffix(".mustache") else {
                // Copied when the pages render: one that cannot be opened fails the build now,
                // rather than arriving as an empty file.
                if !FileAccess.canOpen(url.path) {
                    diagnostics.append(.error(.unreadableFile, "the theme file cannot be read (check its permissions)",
                                              at: SourceLocation(path: display, line: 1, column: 1)))
                }
                assets.append((path, url))
                continue
            }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                diagnostics.append(.error(.unreadableFile, "the template cannot be read (check its permissions)",
                                          at: SourceLocation(path: display, line: 1, column: 1)))
                continue
            }
            let name = String(path.dropLast(".mustache".count))
            guard let text = String(validating: data, as: UTF8.self) else {
                diagnostics.append(.error(.invalidUTF8, "template is not valid UTF-8", at: SourceLocation(path: display, line: 1, column: 1)))
                continue
            }
            do {
                templates[name] = try Template(text)
            } catch {
                diagnostics.append(.error(.templateSyntax, "template error: \(error.message)",
                                          at: SourceLocation(path: display, line: error.line, column: error.column)))
            }
        }
        for name in required where templates[name] == nil && !diagnostics.contains(where: { $0.location?.path.hasSuffix("/\(name).mustache") == true }) {
            diagnostics.append(.error(.missingTemplate, "the theme has no '\(name).mustache' template", at: nil))
        }
        diagnostics += missingPartials(templates, files: files)
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        var sources = templates.mapValues(\.source)
        // Single files inline these sheets: they are inputs of pages, like templates.
        for sheet in inlinedStylesheets {
            if let css = assets.first(where: { $0.0 == sheet }).flatMap({ FileManager.default.contents(atPath: $0.1.path) }) {
                sources[sheet] = String(decoding: css, as: UTF8.self)
            }
        }
        let inlinedCSS = CSS.inline(inlinedStylesheets.map { sources[$0] ?? "" }.joined(separator: "\n"))
        return (TemplateSet(library: TemplateLibrary(templates, vocabulary: ViewKey.vocabulary), assets: assets, sources: sources,
                            inlinedCSS: inlinedCSS), diagnostics)
    }

    /// Partials named in templates (`{{> name}}`) that no template provides.
    private static func missingPartials(_ templates: [String: Template], files: [String: (url: URL, display: String)]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for partial in template.partials where templates[partial.name] == nil {
                let display = files[name + ".mustache"]?.display ?? name
                diagnostics.append(.error(.missingPartial, "template uses partial '\(partial.name)', which does not exist",
                                          at: SourceLocation(path: display, line: partial.line, column: partial.column)))
            }
        }
        return diagnostics
    }

    /// Files below `folder`, and those that are links to somewhere outside it.
    private static func listFiles(_ folder: URL) -> (files: [String], escaping: [String], special: [String]) {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return ([], [], []) }
        let root = folder.resolvingSymlinksInPath().path + "/"
        var paths: [String] = [], escaping: [String] = [], special: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            let name = (path as NSString).lastPathComponent
            guard !name.hasPrefix("."), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            // Only regular files: reading a FIFO named `x.mustache` would wait forever.
            guard FileAccess.isRegularFile(url.path) else {
                special.append(path)
                continue
            }
            if url.resolvingSymlinksInPath().path.hasPrefix(root) { paths.append(path) } else { escaping.append(path) }
        }
        return (paths, escaping, special)
    }

    /// The style sheets single files inline, in order: the one for Markdown content, which
    /// every page links, then the briefings' own.
    static let inlinedStylesheets = [contentStylesheet, "assets/briefing.css"]
    static let contentStylesheet = "assets/content.css"

    /// Every `TemplateName` is present: `load` refuses a theme without one.
    func render(_ view: some TemplateRepresentable, template: TemplateName, capacity: Int = 0) -> String {
        library.render(view, template: template.rawValue, capacity: capacity) ?? ""
    }

    /// `render` as UTF-8, which pages are written as, read in place.
    func withRenderedBytes<Result>(_ view: some TemplateRepresentable, template: TemplateName, capacity: Int = 0,
                                   _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        library.withRenderedBytes(view, template: template.rawValue, capacity: capacity, body) ?? body(UnsafeBufferPointer(start: nil, count: 0))
    }
}
