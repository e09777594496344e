/// A deterministic force-directed layout (Fruchterman and Reingold, 1991), computed once at
/// build time so the browser does no layout work: nodes repel one another, edges pull their
/// ends together in proportion to their weight, a weak pull keeps parts of the graph from
/// drifting apart, and the step size cools to zero. Nodes start on a sunflower spiral in
/// the order given (most important first, near the centre), so the same graph always gets
/// the same picture.
struct ForceLayout {
    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    /// Positions in the unit square, one per node.
    static func layout(nodes: Int, edges: [(a: Int, b: Int, weight: Double)], iterations: Int = 250) -> [Point] {
        guard nodes > 0 else { return [] }
        guard nodes > 1 else { return [Point(x: 0.5, y: 0.5)] }
        let golden = 2.399963229728653  // π(3 − √5)
        var position = (0..<nodes).map { i -> Point in
            let r = (Double(i) + 0.5).squareRoot() / Double(nodes).squareRoot()
            return Point(x: r * cos(Double(i) * golden), y: r * sin(Double(i) * golden))
        }
        let k = (1.0 / Double(nodes)).squareRoot() * 1.2  // ideal edge length in a unit area
        let maxWeight = edges.map(\.weight).max() ?? 1
        var displacement = [Point](repeating: Point(x: 0, y: 0), count: nodes)
        var temperature = 0.12
        let cooling = temperature / Double(iterations)
        for _ in 0..<iterations {
            for i in 0..<nodes { displacement[i] = Point(x: 0, y: 0) }
            // Repulsion between every pair: k² / d.
            position.withUnsafeBufferPointer { p in
                displacement.withUnsafeMutableBufferPointer { repel(p, into: $0, k: k) }
            }
            // Attraction along edges: d² / k, stronger for heavier edges.
            for edge in edges {
                let vx = position[edge.a].x - position[edge.b].x, vy = position[edge.a].y - position[edge.b].y
                let d = (vx * vx + vy * vy).squareRoot()
                guard d > 0 else { continue }
                let strength = 0.3 + 0.7 * edge.weight / maxWeight
                let f = d * d / k * strength
                displacement[edge.a].x -= vx / d * f
                displacement[edge.a].y -= vy / d * f
                displacement[edge.b].x += vx / d * f
                displacement[edge.b].y += vy / d * f
            }
            for i in 0..<nodes {
                // Gravity toward the centre keeps separate clusters on screen.
                displacement[i].x -= position[i].x * 0.05 / k
                displacement[i].y -= position[i].y * 0.05 / k
                let d = (displacement[i].x * displacement[i].x + displacement[i].y * displacement[i].y).squareRoot()
                guard d > 0 else { continue }
                let step = min(d, temperature)
                position[i].x += displacement[i].x / d * step
                position[i].y += displacement[i].y / d * step
            }
            temperature = max(temperature - cooling, 0.002)
        }
        // Fit into the unit square, keeping the aspect ratio.
        let xs = position.map(\.x), ys = position.map(\.y)
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let span = max(maxX - minX, maxY - minY, 1e-9)
        let offsetX = (span - (maxX - minX)) / 2, offsetY = (span - (maxY - minY)) / 2
        return position.map { Point(x: ($0.x - minX + offsetX) / span, y: ($0.y - minY + offsetY) / span) }
    }

    /// Adds each node's repulsion from every other, k² / d, to `d`. Each pair is worked out
    /// once and given to both nodes with opposite signs; each node still adds its terms in
    /// the order of the other node's number, and a − b is exactly −(b − a), so the sums are
    /// bit for bit those of one pass per node, in half the time.
    static func repel(_ p: UnsafeBufferPointer<Point>, into d: UnsafeMutableBufferPointer<Point>, k: Double) {
        let k2 = k * k
        for i in p.indices {
            let pi = p[i]
            var dx = d[i].x, dy = d[i].y
            for j in (i + 1)..<p.count {
                let vx = pi.x - p[j].x, vy = pi.y - p[j].y
                let d2 = vx * vx + vy * vy
                if d2 < 1e-9 {
                    // Coincident nodes: each pushed apart along a fixed direction of its own.
                    let f = k2 / 1e-6
                    dx += (Double((i &* 31 &+ j) % 7) - 3) * f
                    dy += (Double((i &* 17 &+ j) % 5) - 2) * f
                    d[j].x += (Double((j &* 31 &+ i) % 7) - 3) * f
                    d[j].y += (Double((j &* 17 &+ i) % 5) - 2) * f
                    continue
                }
                let f = k2 / d2
                dx += vx * f
                dy += vy * f
                d[j].x -= vx * f
                d[j].y -= vy * f
            }
            d[i].x = dx
            d[i].y = dy
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
