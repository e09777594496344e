/// A compiled Mustache template. Parsing happens once; rendering walks the node tree and
/// looks names up through `TemplateObject`, with no reflection and no dynamic casts.
public struct Template: Sendable {
    let nodes: [TemplateNode]
    /// The source, for finding which partials a template uses.
    public let source: String

    public init(_ source: String) throws(TemplateSyntaxError) {
        self.source = source
        nodes = try TemplateParser.parse(source)
    }

    /// Partials the template names, with the position of their first use.
    public var partials: [(name: String, line: Int, column: Int)] {
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
public struct TemplateLibrary: Sendable {
    let templates: [String: Template]

    public init(_ templates: [String: Template]) {
        self.templates = templates
    }

    public subscript(name: String) -> Template? { templates[name] }

    /// Renders the template `name` with `value` as its context; nil when there is no such
    /// template. `{{value}}` is HTML-escaped.
    public func render(_ value: some TemplateRepresentable, template name: String, capacity: Int = 0) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(library: self)
        renderer.output.reserveCapacity(capacity)
        renderer.stack.append(.init(value: value.templateValue))
        renderer.render(template.nodes)
        return renderer.output
    }
}
