/// A library's templates compiled to one flat list of instructions: a section is followed by
/// its content and says where it ends, a partial says where its instructions are, and
/// literal text is a range of one byte buffer. Nothing in it is reference counted, so the
/// threads that render pages read it without writing to shared memory; the node tree it is
/// compiled from retained each node and its strings as a renderer walked it.
final class TemplateProgram: Sendable {
    struct Instruction {
        enum Code: UInt8 {
            /// Bytes `a..<a+b` of the text.
            case text
            /// Expression `a`, HTML-escaped (`escaped`) or as it is (`raw`).
            case escaped, raw
            /// Expression `a`; the content is the instructions up to `b`.
            case section, inverted
            /// The instructions `a..<b` (a partial), or nothing when no template has that name.
            case partial, nothing
        }

        var code: Code
        var a: Int32
        var b: Int32
    }

    /// An `Expression` without references: a path's keys are a range of `pathKeys`, a
    /// transform's argument another expression.
    struct CompiledExpression {
        enum Kind: UInt8 { case current, path, position, transform }
        var kind: Kind
        var position: Expression.Position = .first
        var transform: Expression.Transform = .count
        /// A path's first key; a transform's argument.
        var a: Int32 = 0
        /// A path's other keys: `pathKeys[b..<c]`.
        var b: Int32 = 0
        var c: Int32 = 0
    }

    let instructions: [Instruction]
    let text: [UInt8]
    let expressions: [CompiledExpression]
    let pathKeys: [Int32]
    /// Each template's instructions.
    let entries: [String: Range<Int>]
    let keys: TemplateKeyTable

    /// `indented`: the partials some tag includes with indentation, parsed again with it.
    init(_ templates: [String: [TemplateNode]], indented: [TemplateLibrary.PartialKey: [TemplateNode]], vocabulary: [String]) {
        var compiler = Compiler(vocabulary: vocabulary)
        var entries: [String: Range<Int>] = [:]
        var variants: [TemplateLibrary.PartialKey: Range<Int>] = [:]
        // Sorted: the same templates compile to the same program.
        for name in templates.keys.sorted() { entries[name] = compiler.compile(templates[name]!) }
        for key in indented.keys.sorted(by: { ($0.name, $0.indentation) < ($1.name, $1.indentation) }) {
            variants[key] = compiler.compile(indented[key]!)
        }
        for (at, key) in compiler.partials {
            let range = key.indentation.isEmpty ? entries[key.name] : variants[key] ?? entries[key.name]
            if let range {
                compiler.instructions[at].a = Int32(range.lowerBound)
                compiler.instructions[at].b = Int32(range.upperBound)
            } else {
                compiler.instructions[at].code = .nothing
            }
        }
        instructions = compiler.instructions
        text = compiler.text
        expressions = compiler.expressions
        pathKeys = compiler.pathKeys
        self.entries = entries
        keys = TemplateKeyTable(vocabulary: vocabulary, extra: compiler.extraNames)
    }

    private struct Compiler {
        var instructions: [Instruction] = []
        var text: [UInt8] = []
        var expressions: [CompiledExpression] = []
        var pathKeys: [Int32] = []
        /// Partial instructions to point at their templates once all are compiled.
        var partials: [(Int, TemplateLibrary.PartialKey)] = []
        var ids: [String: Int32] = [:]
        var extraNames: [String] = []

        init(vocabulary: [String]) {
            for name in vocabulary where ids[name] == nil { ids[name] = Int32(ids.count) }
        }

        mutating func compile(_ nodes: [TemplateNode]) -> Range<Int> {
            let start = instructions.count
            sectionFloor = start
            emit(nodes)
            return start..<instructions.count
        }

        private mutating func emit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text(let literal):
                    let offset = text.count
                    text.append(contentsOf: literal.utf8)
                    // Text next to text (around a comment, say) is one copy.
                    if let last = instructions.last, last.code == .text, Int(last.a + last.b) == offset,
                       instructions.count > sectionFloor {
                        instructions[instructions.count - 1].b += Int32(text.count - offset)
                    } else {
                        instructions.append(Instruction(code: .text, a: Int32(offset), b: Int32(text.count - offset)))
                    }
                case let .variable(expression, escaped):
                    instructions.append(Instruction(code: escaped ? .escaped : .raw, a: add(expression), b: 0))
                case let .section(expression, inner), let .invertedSection(expression, inner):
                    let inverted = if case .invertedSection = node { true } else { false }
                    let at = instructions.count
                    instructions.append(Instruction(code: inverted ? .inverted : .section, a: add(expression), b: 0))
                    emit(inner)
                    instructions[at].b = Int32(instructions.count)
                    // Text after a section's end is not merged into text inside it.
                    sectionFloor = instructions.count
                case let .partial(name, indentation, _, _):
                    partials.append((instructions.count, .init(name: name, indentation: indentation)))
                    instructions.append(Instruction(code: .partial, a: 0, b: 0))
                }
            }
        }

        /// Text is not merged into an instruction before this index: another template's, or
        /// the last of a section's content.
        private var sectionFloor = 0

        private mutating func add(_ expression: Expression) -> Int32 {
            var compiled: CompiledExpression
            switch expression {
            case .current:
                compiled = CompiledExpression(kind: .current)
            case let .path(first, rest):
                compiled = CompiledExpression(kind: .path, a: id(first))
                compiled.b = Int32(pathKeys.count)
                for key in rest { pathKeys.append(id(key)) }
                compiled.c = Int32(pathKeys.count)
            case .position(let position):
                compiled = CompiledExpression(kind: .position, position: position)
            case let .transform(transform, inner):
                compiled = CompiledExpression(kind: .transform, transform: transform, a: add(inner))
            }
            expressions.append(compiled)
            return Int32(expressions.count - 1)
        }

        private mutating func id(_ name: String) -> Int32 {
            if let id = ids[name] { return id }
            let id = Int32(ids.count)
            ids[name] = id
            extraNames.append(name)
            return id
        }
    }
}
