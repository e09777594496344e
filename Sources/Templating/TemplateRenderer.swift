/// One rendering: the context stack and the output being written.
struct TemplateRenderer {
    struct Frame {
        var value: TemplateValue
        /// Set for the frames of list elements: what `first()`, `index()`… answer.
        var index = -1
        var count = 0
    }

    /// Recursive partials render data-shaped trees; a cycle that the data does not end stops here.
    static let maximumPartialDepth = 64

    let library: TemplateLibrary
    var stack: [Frame] = []
    var output = ""
    var partialDepth = 0

    init(library: TemplateLibrary) {
        self.library = library
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case let .variable(expression, escaped):
                switch resolve(expression) {
                case .text(let text):
                    if escaped { HTMLEscaping.append(text, to: &output) } else { output += text }
                case .int(let number):
                    output += String(number)
                case .bool(let flag):
                    output += flag ? "true" : "false"
                case .missing, .object, .list:
                    break
                }
            case let .section(expression, inner):
                let value = resolve(expression)
                switch value {
                case .list(let list):
                    let count = list.count
                    for index in 0..<count {
                        stack.append(Frame(value: list.element(at: index), index: index, count: count))
                        render(inner)
                        stack.removeLast()
                    }
                case .missing, .bool(false):
                    break
                default:
                    stack.append(Frame(value: value))
                    render(inner)
                    stack.removeLast()
                }
            case let .invertedSection(expression, inner):
                if !resolve(expression).isTruthy { render(inner) }
            case let .partial(name, indentation, _, _):
                guard let nodes = library.partial(name, indentation: indentation), partialDepth < Self.maximumPartialDepth else { continue }
                partialDepth += 1
                render(nodes)
                partialDepth -= 1
            }
        }
    }

    func resolve(_ expression: Expression) -> TemplateValue {
        switch expression {
        case .current:
            return stack.last?.value ?? .missing
        case let .path(first, rest):
            // The frames are asked where they stand: copying one retains its value.
            var value = stack.withUnsafeBufferPointer { frames in
                var depth = frames.count - 1
                while depth >= 0 {
                    if let found = frames[depth].value.field(first) { return found }
                    depth -= 1
                }
                return TemplateValue.missing
            }
            for key in rest {
                guard case .object(let object) = value else { return .missing }
                value = object.value(forKey: key)
            }
            return value
        case .position(let position):
            guard let frame = stack.last, frame.index >= 0 else { return .missing }
            switch position {
            case .first: return .bool(frame.index == 0)
            case .last: return .bool(frame.index == frame.count - 1)
            case .index: return .int(frame.index)
            case .even: return .bool(frame.index % 2 == 0)
            case .odd: return .bool(frame.index % 2 == 1)
            }
        case let .transform(transform, inner):
            return Self.apply(transform, to: resolve(inner))
        }
    }

    static func apply(_ transform: Expression.Transform, to value: TemplateValue) -> TemplateValue {
        switch (transform, value) {
        case (.capitalized, .text(let text)): .text(text.capitalizedWords)
        case (.lowercased, .text(let text)): .text(text.lowercased())
        case (.uppercased, .text(let text)): .text(text.uppercased())
        case (.reversed, .text(let text)): .text(String(text.reversed()))
        case (.empty, .text(let text)): .bool(text.isEmpty)
        case (.count, .text(let text)): .int(text.count)
        case (.reversed, .list(let list)): .list(ReversedList(base: list))
        case (.empty, .list(let list)): .bool(list.count == 0)
        case (.count, .list(let list)): .int(list.count)
        case (.first, .list(let list)): list.count > 0 ? list.element(at: 0) : .missing
        case (.last, .list(let list)): list.count > 0 ? list.element(at: list.count - 1) : .missing
        case (.equalzero, .int(let n)): .bool(n == 0)
        case (.plusone, .int(let n)): .int(n + 1)
        case (.minusone, .int(let n)): .int(n - 1)
        case (.even, .int(let n)): .bool(n % 2 == 0)
        case (.odd, .int(let n)): .bool(n % 2 != 0)
        default: .missing
        }
    }
}

extension String {
    /// Each word's first letter in upper case, the rest as written.
    var capitalizedWords: String {
        var result = ""
        var atWordStart = true
        for character in self {
            result += atWordStart ? character.uppercased() : String(character)
            atWordStart = character.isWhitespace
        }
        return result
    }
}
