/// A parsed template: text and tags, with sections holding their content.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(Expression, escaped: Bool)
    case section(Expression, [TemplateNode])
    case invertedSection(Expression, [TemplateNode])
    /// A partial and the indentation of its standalone tag, given to each line it renders.
    case partial(name: String, indentation: String, line: Int, column: Int)
}

/// What a tag names.
indirect enum Expression: Sendable, Equatable {
    /// `{{.}}`: the current context.
    case current
    /// `{{a.b.c}}`: the first key is looked up through the context stack, the others in it.
    case path(first: String, rest: [String])
    /// `{{first()}}`, `{{last()}}`, `{{index()}}`, `{{even()}}`, `{{odd()}}` inside a list.
    case position(Position)
    /// `{{uppercased(name)}}`.
    case transform(Transform, Expression)

    enum Position: String, Sendable, CaseIterable { case first, last, index, even, odd }

    enum Transform: String, Sendable, CaseIterable {
        // Text
        case capitalized, lowercased, uppercased
        // Text and lists
        case reversed, empty, count
        // Lists
        case first, last
        // Numbers
        case equalzero, plusone, minusone, even, odd
    }
}
