import Model

/// The actor–event graph: actors and events as nodes, weighted by how often they are
/// mentioned; edges from shared paragraphs and event participation. Large sites keep their
/// most mentioned nodes and each node's strongest edges, so the picture stays readable.
struct RelationGraph {
    struct Node {
        let entity: Int
        let importance: Int
        var point = ForceLayout.Point(x: 0, y: 0)
        let themes: [Int]
        var labelled = false
    }

    struct Edge {
        let a: Int
        let b: Int
        let weight: Int
    }

    static let maxNodes = 500
    static let edgesPerNode = 6
    /// The most mentioned actors and events show their names; the rest on hover or focus.
    static let labelledActors = 30
    static let labelledEvents = 12

    var nodes: [Node] = []
    var edges: [Edge] = []
    /// Actors and events in the site, of which `nodes` are the most mentioned.
    var total = 0

    init(_ site: Site) {
        let candidates = site.entities.indices.filter { site.kind(of: $0) != .theme }
        total = candidates.count
        func importance(_ entity: Int) -> Int { site.backlinks[entity].count + site.participation[entity].count }
        let chosen = candidates
            .map { (entity: $0, importance: importance($0)) }
            .filter { $0.importance > 0 || candidates.count <= Self.maxNodes }
            .sorted { $0.importance != $1.importance ? $0.importance > $1.importance : site.entities[$0.entity].key < site.entities[$1.entity].key }
            .prefix(Self.maxNodes)
        var slot: [Int: Int] = [:]
        var ranks: [EntityKind: Int] = [:]
        for (i, pick) in chosen.enumerated() {
            let kind = site.kind(of: pick.entity)
            let rank = ranks[kind, default: 0]
            ranks[kind] = rank + 1
            slot[pick.entity] = i
            let themes: [Int]
            if case let .event(_, _, _, _, eventThemes) = site.entities[pick.entity].details {
                themes = eventThemes
            } else {
                themes = site.related[pick.entity].filter { site.kind(of: $0.entity) == .theme }.prefix(3).map(\.entity)
            }
            nodes.append(Node(entity: pick.entity, importance: pick.importance, themes: themes,
                              labelled: rank < (kind == .actor ? Self.labelledActors : Self.labelledEvents)))
        }
        // Each node keeps its strongest edges to other chosen nodes; an edge kept by either
        // end is drawn once.
        var kept = Set<[Int]>()
        for (i, node) in nodes.enumerated() {
            let strongest = site.related[node.entity].compactMap { relation in slot[relation.entity].map { ($0, relation.weight) } }
                .prefix(Self.edgesPerNode)
            for (j, weight) in strongest where kept.insert([min(i, j), max(i, j)]).inserted {
                edges.append(Edge(a: min(i, j), b: max(i, j), weight: weight))
            }
        }
        edges.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        let points = ForceLayout.layout(nodes: nodes.count, edges: edges.map { ($0.a, $0.b, log2(Double($0.weight) + 1)) })
        for i in nodes.indices { nodes[i].point = points[i] }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
