import Yams

/// Front matter as the decoders read it, whichever reader made it: `SimpleYAML` for the
/// common shapes, Yams for the rest. Only what the decoders use is kept: text, its style and
/// its place, lists and mappings in their order.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case sequence([YAMLNode], at: Place)
    case mapping([(key: YAMLNode, value: YAMLNode)], at: Place)

    struct Scalar: Sendable {
        var string: String
        var style: Style
        var place: Place
    }

    /// How a scalar was written: `plain`, quoted, or a block (`|`, `>`).
    enum Style: Sendable {
        case plain, singleQuoted, doubleQuoted, block

        init(_ style: Node.Scalar.Style) {
            switch style {
            case .plain, .any: self = .plain
            case .singleQuoted: self = .singleQuoted
            case .doubleQuoted: self = .doubleQuoted
            case .literal, .folded: self = .block
            }
        }
    }

    /// Line and column from 1 in the YAML text, the column counted in Unicode scalars (as
    /// libyaml counts them).
    struct Place: Sendable, Equatable {
        var line: Int
        var column: Int
    }

    var place: Place {
        switch self {
        case .scalar(let scalar): scalar.place
        case .sequence(_, let place), .mapping(_, let place): place
        }
    }

    /// A node Yams read; nil for an alias, which `YAMLReader` refuses before this.
    init?(_ node: Node) {
        let place = node.mark.map { Place(line: $0.line, column: $0.column) } ?? Place(line: 1, column: 1)
        switch node {
        case .scalar(let scalar):
            self = .scalar(Scalar(string: scalar.string, style: Style(scalar.style), place: place))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                guard let item = YAMLNode(item) else { return nil }
                items.append(item)
            }
            self = .sequence(items, at: place)
        case .mapping(let mapping):
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            for (key, value) in mapping {
                guard let key = YAMLNode(key), let value = YAMLNode(value) else { return nil }
                pairs.append((key, value))
            }
            self = .mapping(pairs, at: place)
        case .alias:
            return nil
        }
    }
}
