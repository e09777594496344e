/// A parsed Mustache template. Its library compiles it to a program (`TemplateProgram`)
/// that looks names up through `TemplateObject`, with no reflection and no dynamic casts.
package struct Template: Sendable {
    let nodes: [TemplateNode]
    /// The source, for finding which partials a template uses.
    package let source: String

    package init(_ source: String) throws(TemplateSyntaxError) {
        self.source = source
        nodes = try TemplateParser.parse(source)
    }

    /// Partials the template names, with the position of their first use.
    package var partials: [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        var seen = Set<String>()
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .partial(name, _, line, column):
                    if seen.insert(name).inserted { found.append((name, line, column)) }
                case .section(_, let inner), .invertedSection(_, let inner):
                    visit(inner)
                case .text, .variable:
                    break
                }
            }
        }
        visit(nodes)
        return found
    }
}

/// Named templates that can include one another as partials, compiled to one program.
package struct TemplateLibrary: Sendable {
    let templates: [String: Template]
    let program: TemplateProgram

    struct PartialKey: Hashable, Sendable {
        var name: String
        var indentation: String
    }

    /// Indented variants nest (a partial's own partials add their indentation): a cap keeps
    /// a self-including partial from producing variants forever.
    static let maximumIndentedVariants = 256

    /// `vocabulary`: the names the views answer, numbered in this order (`TemplateKey`).
    package init(_ templates: [String: Template], vocabulary: [String] = []) {
        self.templates = templates
        // Partials included by an indented standalone tag are parsed again from their source
        // with every line indented (what the spec asks for), once here, so that rendering
        // never re-indents text.
        var variants: [PartialKey: [TemplateNode]] = [:]
        var pending: [PartialKey] = []
        func collect(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case let .partial(name, indentation, _, _) where !indentation.isEmpty:
                    let key = PartialKey(name: name, indentation: indentation)
                    if variants[key] == nil, !pending.contains(key) { pending.append(key) }
                case .section(_, let inner), .invertedSection(_, let inner):
                    collect(inner)
                default:
                    break
                }
            }
        }
        for name in templates.keys.sorted() { collect(templates[name]!.nodes) }
        while let key = pending.popLast(), variants.count < Self.maximumIndentedVariants {
            guard let template = templates[key.name] else { continue }
            // Indenting whitespace cannot make a template that parsed fail to parse.
            let nodes = (try? TemplateParser.parse(Self.indent(template.source, by: key.indentation))) ?? template.nodes
            variants[key] = nodes
            collect(nodes)
        }
        program = TemplateProgram(templates.mapValues(\.nodes), indented: variants, vocabulary: vocabulary)
    }

    package subscript(name: String) -> Template? { templates[name] }

    /// `source` with `indentation` before every line that has content.
    static func indent(_ source: String, by indentation: String) -> String {
        var result = ""
        var atLineStart = true
        for character in source.unicodeScalars {
            if atLineStart, character != "\n", character != "\r" { result += indentation }
            result.unicodeScalars.append(character)
            atLineStart = character == "\n"
        }
        return result
    }

    /// Renders the template `name` with `value` as its context, as UTF-8; nil when there is
    /// no such template. `{{value}}` is HTML-escaped.
    package func renderBytes(_ value: some TemplateRepresentable, template name: String, capacity: Int = 0) -> [UInt8]? {
        withRenderedBytes(value, template: name, capacity: capacity) { Array($0) }
    }

    /// Renders the template `name` and hands its bytes to `body` where they were written:
    /// a page written to disk needs no array of its own (a copy of every page's bytes).
    package func withRenderedBytes<Result>(_ value: some TemplateRepresentable, template name: String, capacity: Int = 0,
                                           _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let entry = program.entries[name] else { return nil }
        let context = value.templateValue
        return TemplateRenderer.with(program, capacity: capacity) { renderer in
            renderer.push(.init(value: context))
            renderer.run(entry)
            return renderer.output.withBytes(body)
        }
    }

    /// `renderBytes` as text.
    package func render(_ value: some TemplateRepresentable, template name: String, capacity: Int = 0) -> String? {
        renderBytes(value, template: name, capacity: capacity).map { String(decoding: $0, as: UTF8.self) }
    }
}
