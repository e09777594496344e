/// A compiled Mustache template. Parsing happens once; rendering walks the node tree and
/// looks names up through `TemplateObject`, with no reflection and no dynamic casts.
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

/// Named templates that can include one another as partials.
package struct TemplateLibrary: Sendable {
    let templates: [String: Template]
    /// Partials included by an indented standalone tag, parsed again from their source with
    /// every line indented (what the spec asks for), keyed by `PartialKey`. Computed once
    /// here so that rendering never re-indents text.
    let indentedPartials: [PartialKey: [TemplateNode]]

    struct PartialKey: Hashable, Sendable {
        var name: String
        var indentation: String
    }

    /// Indented variants nest (a partial's own partials add their indentation): a cap keeps
    /// a self-including partial from producing variants forever.
    static let maximumIndentedVariants = 256

    package init(_ templates: [String: Template]) {
        self.templates = templates
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
        for template in templates.values { collect(template.nodes) }
        while let key = pending.popLast(), variants.count < Self.maximumIndentedVariants {
            guard let template = templates[key.name] else { continue }
            // Indenting whitespace cannot make a template that parsed fail to parse.
            let nodes = (try? TemplateParser.parse(Self.indent(template.source, by: key.indentation))) ?? template.nodes
            variants[key] = nodes
            collect(nodes)
        }
        indentedPartials = variants
    }

    package subscript(name: String) -> Template? { templates[name] }

    /// The nodes a partial tag renders.
    func partial(_ name: String, indentation: String) -> [TemplateNode]? {
        guard !indentation.isEmpty else { return templates[name]?.nodes }
        return indentedPartials[PartialKey(name: name, indentation: indentation)] ?? templates[name]?.nodes
    }

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

    /// Renders the template `name` with `value` as its context; nil when there is no such
    /// template. `{{value}}` is HTML-escaped.
    package func render(_ value: some TemplateRepresentable, template name: String, capacity: Int = 0) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self)
        renderer.output.reserveCapacity(capacity)
        renderer.stack.append(.init(value: value.templateValue))
        renderer.render(template.nodes)
        return renderer.output
    }
}
