/// One rendering: the context stack and the bytes being written, run over a compiled program.
struct TemplateRenderer: ~Copyable {
    struct Frame {
        var value: TemplateValue
        /// Set for the frames of list elements: what `first()`, `index()`… answer.
        var index = -1
        var count = 0
    }

    /// Recursive partials render data-shaped trees; a cycle that the data does not end stops here.
    static let maximumPartialDepth = 64

    typealias Instruction = TemplateProgram.Instruction

    /// The program's lists, read in place for as long as the renderer runs.
    let instructions: UnsafeBufferPointer<Instruction>
    let text: UnsafeBufferPointer<UInt8>
    let expressions: UnsafeBufferPointer<TemplateProgram.CompiledExpression>
    let pathKeys: UnsafeBufferPointer<Int32>
    unowned(unsafe) let keys: TemplateKeyTable
    private(set) var stack: [Frame] = []
    /// Each frame's object (`NoFields` for other values), beside the stack: looking a name
    /// up climbs these and asks each where it stands, where reading a frame's value copied
    /// it, through the view's value witnesses: a quarter of the instructions of a lookup.
    private var objects: [any TemplateObject] = []
    var output = ByteOutput()
    var partialDepth = 0

    /// Runs `body` with a renderer of `program`, its output made with room for `capacity` bytes.
    static func with<Result>(_ program: TemplateProgram, capacity: Int = 0, _ body: (inout TemplateRenderer) -> Result) -> Result {
        program.instructions.withUnsafeBufferPointer { instructions in
            program.text.withUnsafeBufferPointer { text in
                program.expressions.withUnsafeBufferPointer { expressions in
                    program.pathKeys.withUnsafeBufferPointer { pathKeys in
                        var renderer = TemplateRenderer(instructions: instructions, text: text, expressions: expressions,
                                                        pathKeys: pathKeys, keys: program.keys, output: ByteOutput(capacity: capacity))
                        return body(&renderer)
                    }
                }
            }
        }
    }

    mutating func run(_ range: Range<Int>) {
        var at = range.lowerBound
        while at < range.upperBound {
            let instruction = instructions[at]
            at += 1
            switch instruction.code {
            case .text:
                let start = Int(instruction.a)
                output.append(UnsafeBufferPointer(rebasing: text[start..<start + Int(instruction.b)]))
            case .escaped, .raw:
                switch resolve(Int(instruction.a)) {
                case .text(let text):
                    if instruction.code == .escaped { HTMLEscaping.append(text, to: &output) } else { output.append(text) }
                case .html(let bytes):
                    bytes.withUnsafeBufferPointer { bytes in
                        if instruction.code == .escaped { HTMLEscaping.append(utf8: bytes, to: &output) } else { output.append(bytes) }
                    }
                case .int(let number):
                    output.append(String(number))
                case .bool(let flag):
                    output.append(flag ? "true" as StaticString : "false")
                case .missing, .object, .list:
                    break
                }
            case .section:
                let inner = at..<Int(instruction.b)
                at = inner.upperBound
                let value = resolve(Int(instruction.a))
                switch value {
                case .list(let list):
                    let count = list.count
                    for index in 0..<count {
                        push(Frame(value: list.element(at: index), index: index, count: count))
                        run(inner)
                        pop()
                    }
                case .missing, .bool(false):
                    break
                default:
                    push(Frame(value: value))
                    run(inner)
                    pop()
                }
            case .inverted:
                let inner = at..<Int(instruction.b)
                at = inner.upperBound
                if !resolve(Int(instruction.a)).isTruthy { run(inner) }
            case .partial:
                guard partialDepth < Self.maximumPartialDepth else { continue }
                partialDepth += 1
                run(Int(instruction.a)..<Int(instruction.b))
                partialDepth -= 1
            case .nothing:
                break
            }
        }
    }

    /// The object of a frame whose value is none.
    private struct NoFields: TemplateObject {
        func value(forKey key: TemplateKey) -> TemplateValue { .missing }
    }

    mutating func push(_ frame: Frame) {
        if case .object(let object) = frame.value { objects.append(object) } else { objects.append(NoFields()) }
        stack.append(frame)
    }

    mutating func pop() {
        stack.removeLast()
        objects.removeLast()
    }

    func resolve(_ index: Int) -> TemplateValue {
        let expression = expressions[index]
        switch expression.kind {
        case .current:
            // The frames are read where they stand: copying one retains its value.
            return stack.isEmpty ? .missing : stack[stack.count - 1].value
        case .path:
            let first = TemplateKey(id: Int(expression.a), table: keys)
            // The frames' objects, innermost first.
            var value = lookUp(first)
            for k in Int(expression.b)..<Int(expression.c) {
                guard case .object(let object) = consume value else { return .missing }
                value = object.value(forKey: TemplateKey(id: Int(pathKeys[k]), table: keys))
            }
            return value
        case .position:
            guard !stack.isEmpty else { return .missing }
            let index = stack[stack.count - 1].index, count = stack[stack.count - 1].count
            guard index >= 0 else { return .missing }
            switch expression.position {
            case .first: return .bool(index == 0)
            case .last: return .bool(index == count - 1)
            case .index: return .int(index)
            case .even: return .bool(index % 2 == 0)
            case .odd: return .bool(index % 2 == 1)
            }
        case .transform:
            return Self.apply(expression.transform, to: resolve(Int(expression.a)))
        }
    }

    /// The innermost frame's answer for `key`. The objects are read in place: `self` is
    /// borrowed, so no call can change them, where read through a buffer pointer each was
    /// copied (its box retained and released) around its call.
    private func lookUp(_ key: TemplateKey) -> TemplateValue {
        var depth = objects.count - 1
        while depth >= 0 {
            let found = objects[depth].value(forKey: key)
            if !found.isMissing { return found }
            depth -= 1
        }
        return .missing
    }

    static func apply(_ transform: Expression.Transform, to value: TemplateValue) -> TemplateValue {
        switch (transform, value) {
        case (.capitalized, .text(let text)): .text(text.capitalizedWords)
        case (.lowercased, .text(let text)): .text(text.lowercased())
        case (.uppercased, .text(let text)): .text(text.uppercased())
        case (.reversed, .text(let text)): .text(String(text.reversed()))
        case (.empty, .text(let text)): .bool(text.isEmpty)
        case (.empty, .html(let bytes)): .bool(bytes.isEmpty)
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
