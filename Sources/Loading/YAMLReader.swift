import Model
import Yams

/// Reads front matter YAML into nodes with file positions, and typed values out of nodes
/// with diagnostics. Scalars are always read as their text: YAML 1.1 would turn `no` into
/// false, `062` into 50 and `1992-01-08` into a timestamp.
struct YAMLReader {
    let source: SourceText
    /// File line of the YAML text's first line.
    let firstLine: Int
    var diagnostics: [Diagnostic] = []

    /// Front matter needs no anchors or aliases; a few hundred bytes of them can expand to
    /// gigabytes, so they are rejected, and so is anything past these limits.
    static let maxNodes = 20_000
    static let maxFlowDepth = 64

    init(source: SourceText, firstLine: Int) {
        self.source = source
        self.firstLine = firstLine
    }

    // MARK: - Parsing

    mutating func parse(_ yaml: String) -> YAMLNode? {
        if let node = SimpleYAML.parse(yaml) { return node }
        if let offset = Self.excessiveNesting(yaml) {
            diagnostics.append(.error(.yamlTooDeep, "front matter nests deeper than \(Self.maxFlowDepth) levels",
                                      at: location(yamlOffset: offset, in: yaml)))
            return nil
        }
        do {
            let parser = try Parser(yaml: yaml, resolver: .basic, encoding: .utf8)
            return try withExtendedLifetime(parser) {
                // Anchors are weak references owned by the parser: check while it is alive.
                guard let root = try parser.singleRoot() else { return nil }
                var budget = Self.maxNodes
                guard checkNoAnchors(root, budget: &budget) else { return nil }
                return YAMLNode(root)
            }
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error))
            return nil
        } catch {
            diagnostics.append(.error(.invalidYAML, "front matter is not valid YAML: \(error)", at: location(line: 1, column: 1)))
            return nil
        }
    }

    private mutating func checkNoAnchors(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        if budget < 0 {
            diagnostics.append(.error(.yamlTooLarge, "front matter has more than \(Self.maxNodes) values", at: location(of: node)))
            return false
        }
        if node.anchor != nil || node.alias != nil {
            diagnostics.append(.error(.yamlAnchor, "anchors and aliases (&name, *name) are not supported in front matter",
                                      at: location(of: node)))
            return false
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard checkNoAnchors(key, budget: &budget), checkNoAnchors(value, budget: &budget) else { return false }
            }
        case .sequence(let sequence):
            for item in sequence {
                guard checkNoAnchors(item, budget: &budget) else { return false }
            }
        default: break
        }
        return true
    }

    /// Offset of the first `[` or `{` past the depth limit, outside quotes; a cheap guard
    /// before the recursive composer sees the text.
    private static func excessiveNesting(_ yaml: String) -> Int? {
        var depth = 0, offset = 0
        var quote: UInt8? = nil
        for byte in yaml.utf8 {
            if let q = quote {
                if byte == q { quote = nil }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == 0x5B || byte == 0x7B {
                depth += 1
                if depth > maxFlowDepth { return offset }
            } else if byte == 0x5D || byte == 0x7D {
                depth = max(0, depth - 1)
            } else if byte == 0x0A {
                quote = nil
            }
            offset += 1
        }
        return nil
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            // A bracket or quote left open is found where the text ends (the next line):
            // the place that opened it is where the mistake is.
            if let context, context.mark.line < mark.line {
                return .error(.invalidYAML, "front matter is not valid YAML: \(problem) (\(context.text) that starts here)",
                              at: location(of: context.mark))
            }
            return .error(.invalidYAML, "front matter is not valid YAML: \(problem)", at: location(of: mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(.duplicateKey, "duplicate key '\(duplicates.joined(separator: "', '"))' in front matter",
                          at: location(of: context.mark))
        case let .reader(problem, _, _, _):
            return .error(.invalidYAML, "front matter cannot be read: \(problem)", at: location(line: 1, column: 1))
        default:
            return .error(.invalidYAML, "front matter is not valid YAML: \(error)", at: location(line: 1, column: 1))
        }
    }

    // MARK: - Locations

    func location(line: Int, column: Int) -> SourceLocation {
        source.location(line: line + firstLine - 1, column: column)
    }

    func location(of place: YAMLNode.Place) -> SourceLocation {
        let line = place.line + firstLine - 1
        return source.location(line: line, column: source.byteColumn(line: line, scalarColumn: place.column))
    }

    func location(of mark: Mark) -> SourceLocation {
        location(of: YAMLNode.Place(line: mark.line, column: mark.column))
    }

    func location(of node: Node) -> SourceLocation {
        node.mark.map(location(of:)) ?? location(line: 1, column: 1)
    }

    func location(of node: YAMLNode) -> SourceLocation {
        location(of: node.place)
    }

    private func location(yamlOffset: Int, in yaml: String) -> SourceLocation {
        let prefix = yaml.utf8.prefix(yamlOffset)
        let line = prefix.count { $0 == 0x0A } + 1
        let lastBreak = prefix.lastIndex(of: 0x0A).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0
        return location(line: line, column: yamlOffset - lastBreak + 1)
    }

    // MARK: - Typed values

    private mutating func typeError(_ key: String, expected: String, _ node: YAMLNode) {
        diagnostics.append(.error(.frontMatterType, "'\(key)' must be \(expected)", at: location(of: node)))
    }

    /// A scalar's text; an empty value (`key:`) is nil.
    mutating func string(_ node: YAMLNode, key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            typeError(key, expected: "text", node)
            return nil
        }
        if scalar.style == .plain && (scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null") { return nil }
        return scalar.string
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func strings(_ node: YAMLNode, key: String) -> [(text: String, location: SourceLocation)] {
        switch node {
        case .scalar:
            return string(node, key: key).map { [($0, location(of: node))] } ?? []
        case .sequence(let sequence, _):
            return sequence.compactMap { item in
                guard case .scalar = item else {
                    typeError(key, expected: "a list of text values", item)
                    return nil
                }
                return string(item, key: key).map { ($0, location(of: item)) }
            }
        default:
            typeError(key, expected: "a list", node)
            return []
        }
    }

    mutating func bool(_ node: YAMLNode, key: String) -> Bool? {
        switch string(node, key: key)?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case nil: return nil
        default:
            typeError(key, expected: "true or false", node)
            return nil
        }
    }

    mutating func int(_ node: YAMLNode, key: String) -> Int? {
        guard let text = string(node, key: key) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            typeError(key, expected: "a whole number", node)
            return nil
        }
        return value
    }

    /// The pairs of a mapping, or nil (with a diagnostic) when the node is something else.
    mutating func mapping(_ node: YAMLNode, what: String) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)]? {
        guard case .mapping(let mapping, _) = node else {
            diagnostics.append(.error(.frontMatterType, "\(what) must be a mapping of keys to values", at: location(of: node)))
            return nil
        }
        return mapping.compactMap { pair in
            guard case .scalar(let key) = pair.key else {
                diagnostics.append(.error(.frontMatterType, "keys must be plain text", at: location(of: pair.key)))
                return nil
            }
            return (key.string, pair.key, pair.value)
        }
    }

    mutating func unknownKey(_ key: String, _ node: YAMLNode, allowed: [String]) {
        var message = "unknown key '\(key)'"
        if let suggestion = Suggestion.closest(to: key, among: allowed) { message += " (did you mean '\(suggestion)'?)" }
        diagnostics.append(.warning(.unknownKey, message, at: location(of: node)))
    }
}
