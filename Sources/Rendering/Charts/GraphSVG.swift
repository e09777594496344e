import Foundation
import Model
import Templating

/// Server-rendered SVG for relationship graphs: links work without JavaScript, labels are
/// text, and the browser only draws. Colours come from the theme's CSS classes.
enum GraphSVG {
    /// The site graph for `/graph/`, `size` units square.
    static func site(_ graph: RelationGraph, site: Site, url: (Int) -> String, size: Double = 1000) -> String {
        let margin = 40.0
        let maxWeight = Double(max(1, graph.edges.map(\.weight).max() ?? 1))
        let maxImportance = Double(max(1, graph.nodes.map(\.importance).max() ?? 1))
        let circles = graph.nodes.map { node in
            (x: margin + node.point.x * (size - 2 * margin), y: margin + node.point.y * (size - 2 * margin),
             r: 3 + 11 * (Double(node.importance) / maxImportance).squareRoot())
        }
        var svg = "<svg class=\"graph\" viewBox=\"0 0 \(format(size)) \(format(size))\" aria-label=\"Relationship graph: \(graph.nodes.count) actors and events, \(graph.edges.count) links\">\n"
        svg += "<g class=\"edges\">\n"
        for edge in graph.edges {
            let a = circles[edge.a], b = circles[edge.b]
            let strength = (Double(edge.weight) / maxWeight).squareRoot()
            svg += "<line x1=\"\(format(a.x))\" y1=\"\(format(a.y))\" x2=\"\(format(b.x))\" y2=\"\(format(b.y))\" data-a=\"\(edge.a)\" data-b=\"\(edge.b)\""
                + " stroke-width=\"\(format(0.6 + 2.4 * strength))\" stroke-opacity=\"\(format(0.12 + 0.6 * strength))\"/>\n"
        }
        svg += "</g>\n<g class=\"nodes\">\n"
        let labels = LabelPlacer(circles: circles, size: size).place(
            graph.nodes.map { site.name(of: $0.entity) }, shownFirst: graph.nodes.map(\.labelled))
        // The least important first, so hubs and their labels are drawn on top.
        for (i, node) in graph.nodes.enumerated().reversed() {
            let entity = site.entities[node.entity]
            let label = labels[i]
            let themes = node.themes.map { site.entities[$0].id.rawValue }.joined(separator: " ")
            svg += "<a href=\"\(url(node.entity))\" class=\"node node-\(entity.kind.rawValue)\(label.shown ? " labelled" : "")\" data-node=\"\(i)\" data-kind=\"\(entity.kind.rawValue)\" data-themes=\"\(themes)\">"
            svg += "<title>\(HTML.escape(tooltip(node.entity, importance: node.importance, site: site)))</title>"
            svg += "<circle cx=\"\(format(circles[i].x))\" cy=\"\(format(circles[i].y))\" r=\"\(format(circles[i].r))\"/>"
            // Every node has its label; only the ones placed clear of the others show it until hovered.
            let anchor = label.anchor == "start" ? "" : " text-anchor=\"\(label.anchor)\""
            svg += "<text x=\"\(format(label.x))\" y=\"\(format(label.y))\"\(anchor)>\(HTML.escape(label.text))</text>"
            svg += "</a>\n"
        }
        return svg + "</g>\n</svg>"
    }

    /// An entity's neighbourhood: it in the middle, its strongest relations around it.
    /// How many neighbours an actor's neighbourhood graph shows.
    static let neighbourhoodSize = 12

    static func neighbourhood(_ center: Int, site: Site, url: (Int) -> String, limit: Int = neighbourhoodSize) -> HTMLBytes? {
        let neighbours = Array(site.related[center].filter { site.kind(of: $0.entity) != .theme }.prefix(limit))
        guard !neighbours.isEmpty else { return nil }
        // Two drawings, one shown at a time by the style sheet: wide for a page's column, and
        // upright for a phone, where the wide one would shrink its labels to 6 pixels.
        var both = neighbourhood(center, neighbours, site: site, url: url, width: 640, height: 360, className: "graph-wide")
        both.append(0x0A)
        both += neighbourhood(center, neighbours, site: site, url: url, width: 360, height: 420, className: "graph-narrow")
        return HTMLBytes(both)
    }

    private static func neighbourhood(_ center: Int, _ neighbours: [Relation], site: Site, url: (Int) -> String,
                                      width: Double, height: Double, className: StaticString) -> [UInt8] {
        let cx = width / 2, cy = height / 2
        let maxWeight = Double(neighbours.map(\.weight).max() ?? 1)
        // Around an ellipse, strongest at the top, going clockwise; labels where they fit.
        let rx = width > height ? width / 2 - 175 : width / 2 - 70, ry = height / 2 - 40
        var circles: [(x: Double, y: Double, r: Double)] = [(cx, cy, 12)]
        for (i, relation) in neighbours.enumerated() {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(neighbours.count)
            circles.append((cx + cos(angle) * rx, cy + sin(angle) * ry, 4 + 4 * (Double(relation.weight) / maxWeight)))
        }
        let name = site.name(of: center)
        let names = [name] + neighbours.map { short(site.name(of: $0.entity)) }
        let labels = LabelPlacer(circles: circles, size: width, height: height).place(names, shownFirst: names.map { _ in true })
        // Written as bytes: one actor page in two draws two of these, and string
        // interpolation of every coordinate was most of their cost.
        var svg = SVGBytes()
        svg += "<svg class=\"graph graph-local "
        svg += className
        svg += "\" viewBox=\"0 0 "
        svg.number(width)
        svg += " "
        svg.number(height)
        svg += "\" aria-label=\""
        svg.escaped(name)
        svg += " and its "
        svg.integer(neighbours.count)
        svg += " strongest relations\">\n<g class=\"edges\">\n"
        for (relation, point) in zip(neighbours, circles.dropFirst()) {
            let strength = (Double(relation.weight) / maxWeight).squareRoot()
            svg += "<line"
            svg.attribute("x1", cx)
            svg.attribute("y1", cy)
            svg.attribute("x2", point.x)
            svg.attribute("y2", point.y)
            svg.attribute("stroke-width", 0.8 + 3 * strength)
            svg.attribute("stroke-opacity", 0.2 + 0.6 * strength)
            svg += "/>\n"
        }
        svg += "</g>\n<g class=\"nodes\">\n"
        func circle(_ x: Double, _ y: Double, _ r: Double) {
            svg += "<circle"
            svg.attribute("cx", x)
            svg.attribute("cy", y)
            svg.attribute("r", r)
            svg += "/>"
        }
        func text(_ label: LabelPlacer.Label) {
            svg += "<text"
            svg.attribute("x", label.x)
            svg.attribute("y", label.y)
            if label.anchor != "start" {
                svg += " text-anchor=\""
                svg.raw(label.anchor)
                svg += "\""
            }
            svg += ">"
            svg.escaped(label.text)
            svg += "</text>"
        }
        svg += "<g class=\"node node-"
        svg.raw(site.kind(of: center).rawValue)
        svg += " labelled center\">"
        circle(cx, cy, 12)
        text(labels[0])
        svg += "</g>\n"
        for (i, relation) in neighbours.enumerated() {
            let point = circles[i + 1], label = labels[i + 1]
            svg += "<a href=\""
            svg.raw(url(relation.entity))
            svg += "\" class=\"node node-"
            svg.raw(site.kind(of: relation.entity).rawValue)
            if label.shown { svg += " labelled" }
            svg += "\"><title>"
            svg.escaped(site.name(of: relation.entity))
            svg += ": "
            svg.integer(relation.weight)
            svg += relation.weight == 1 ? " shared mention</title>" : " shared mentions</title>"
            circle(point.x, point.y, point.r)
            text(label)
            svg += "</a>\n"
        }
        svg += "</g>\n</svg>"
        return svg.utf8
    }

    /// Names long enough to leave the picture are cut; the full name is the node's title.
    static func short(_ name: String, limit: Int = 26) -> String {
        // No more bytes than the limit, no more characters: most names, without counting.
        if name.utf8.count <= limit || name.count <= limit { return name }
        return String(name.prefix(limit - 1)).trimmingSpaces + "…"
    }

    static func tooltip(_ entity: Int, importance: Int, site: Site) -> String {
        let e = site.entities[entity]
        var parts = [e.name]
        if case let .actor(type, _) = e.details { parts.append(Labels.actorType(type)) }
        if let when = e.dateDisplay { parts.append(when) }
        parts.append("\(site.backlinks[entity].count) mentions")
        return parts.joined(separator: " · ")
    }

    /// One decimal: stable text, small files. `12`, `12.5`, `-0.5`; never `-0`.
    static func format(_ value: Double) -> String {
        var bytes = SVGBytes()
        bytes.number(value)
        return bytes.string
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
