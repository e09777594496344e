import Building
import Foundation
import Model
@testable import Rendering
import Testing
import TestSupport

/// The relationship graph and the timeline chart, read back from their SVG.
@Suite struct ChartsTests {
    func site(_ root: URL = Repository.root) throws -> Site {
        var options = BuildOptions(site: root)
        options.builtinTheme = Repository.templates
        return try #require(Pipeline.generate(options).site)
    }

    @Test func graphHasTheActorsAndEventsAndTheirLinks() throws {
        let site = try site()
        let graph = RelationGraph(site)
        let svg = GraphSVG.site(graph, site: site) { "/" + URLs.entityFolder(site.entities[$0].key) + "/" }
        let page = HTMLScanner(svg)
        let nodes = page.tags.filter { $0.name == "a" && $0.attribute("data-node") != nil }
        let lines = page.tags.filter { $0.name == "line" }
        // Every actor and event with a mention is a node (the example is far below the cap).
        let expected = site.entities.indices.filter { site.entities[$0].kind != .theme && site.backlinks[$0].count + site.participation[$0].count > 0 }
        #expect(nodes.count == expected.count)
        #expect(Set(nodes.compactMap { $0.attribute("href") }) == Set(expected.map { "/" + URLs.entityFolder(site.entities[$0].key) + "/" }))
        #expect(lines.count == graph.edges.count && lines.count > nodes.count)
        for line in lines {
            let a = try #require(line.attribute("data-a").flatMap(Int.init)), b = try #require(line.attribute("data-b").flatMap(Int.init))
            #expect(nodes.indices.contains(a) && nodes.indices.contains(b) && a != b)
        }
        // Iran and Tajikistan, the most mentioned, are linked and labelled.
        let iran = try #require(graph.nodes.firstIndex { site.entities[$0.entity].id.rawValue == "iran" })
        let tajikistan = try #require(graph.nodes.firstIndex { site.entities[$0.entity].id.rawValue == "tajikistan" })
        #expect(graph.edges.contains { Set([$0.a, $0.b]) == Set([iran, tajikistan]) })
        #expect(graph.nodes[iran].labelled && graph.nodes[tajikistan].labelled)
        // Inside the picture, and no two nodes on the same spot.
        let points = graph.nodes.map(\.point)
        #expect(points.allSatisfy { (0...1).contains($0.x) && (0...1).contains($0.y) })
        #expect(Set(points.map { "\(Int($0.x * 1000)),\(Int($0.y * 1000))" }).count == points.count)
    }

    /// Labels never leave the picture and never cover a node; the ones shown from the start
    /// never cover each other.
    @Test func graphLabelsStayInsideAndClearOfNodes() throws {
        // Long names at the edges and in a crowd, as a large site has them.
        var circles: [(x: Double, y: Double, r: Double)] = [(995, 500, 5), (5, 500, 5), (500, 4, 5), (500, 996, 5)]
        for i in 0..<40 { circles.append((480 + Double(i % 8) * 12, 480 + Double(i / 8) * 12, 4)) }
        let names = circles.indices.map { "The Islamic Renaissance Party of Tajikistan \($0)" }
        let placer = LabelPlacer(circles: circles, size: 1000)
        let labels = placer.place(names, shownFirst: circles.indices.map { _ in true })
        func box(_ label: LabelPlacer.Label) -> LabelPlacer.Box {
            let w = Double(label.text.count) * LabelPlacer.charWidth
            let minX = label.anchor == "start" ? label.x : label.anchor == "end" ? label.x - w : label.x - w / 2
            return LabelPlacer.Box(minX: minX, minY: label.y - 9, maxX: minX + w, maxY: label.y + 2)
        }
        for (i, label) in labels.enumerated() {
            let b = box(label)
            #expect(b.minX >= 0 && b.maxX <= 1000 && b.minY >= 0 && b.maxY <= 1000, "\(label)")
            if label.shown {
                for (j, c) in circles.enumerated() where j != i {
                    let nx = min(max(c.x, b.minX), b.maxX), ny = min(max(c.y, b.minY), b.maxY)
                    #expect((c.x - nx) * (c.x - nx) + (c.y - ny) * (c.y - ny) >= c.r * c.r, "\(label.text) covers node \(j)")
                }
            }
        }
        let shown = labels.filter(\.shown).map(box)
        for (i, a) in shown.enumerated() { for b in shown[(i + 1)...] { #expect(!a.overlaps(b)) } }
        // The edge nodes keep their labels inside by turning them; the crowd shows only some.
        #expect(labels[0].anchor == "end" && labels[1].anchor == "start")
        #expect(labels.filter(\.shown).count < labels.count)
    }

    /// A label to show that fits nowhere clear at its length (a long name beside the centre
    /// of a phone's narrow drawing) is shortened until it fits, not hidden; one that fits
    /// keeps its whole name.
    @Test func aLabelWithNoRoomIsShortenedNotHidden() {
        let circles: [(x: Double, y: Double, r: Double)] = [(180, 210, 12), (70, 210, 6), (180, 40, 6)]
        let names = ["Iran", "Islamic Renaissance Party…", "Tajikistan"]
        let labels = LabelPlacer(circles: circles, size: 360, height: 420).place(names, shownFirst: [true, true, true])
        #expect(labels.allSatisfy { $0.shown }, "\(labels)")
        #expect(labels[1].text.hasSuffix("…") && labels[1].text.count >= LabelPlacer.shortestLabel && labels[1].text.count < names[1].count)
        #expect(labels[1].text.hasPrefix("Islamic"))
        #expect(labels[0].text == "Iran" && labels[2].text == "Tajikistan")
        // Where no length fits, the label stays hidden (shown on hover) rather than tiny.
        let crowded = LabelPlacer(circles: [(50, 50, 40), (50, 10, 8), (10, 50, 8), (90, 50, 8), (50, 90, 8)], size: 100)
            .place(["A long name that cannot fit", "B", "C", "D", "E"], shownFirst: [true, true, true, true, true])
        #expect(!crowded[0].shown || crowded[0].text.count >= LabelPlacer.shortestLabel)
    }

    @Test func siteWithoutMentionsDrawsAFiniteGraph() throws {
        let site = try TemporarySite([
            "Content/actors/a.md": "---\nname: A\n---\n",
            "Content/actors/b.md": "---\nname: B\n---\n",
        ])
        #expect(Builder.build(site.options()).succeeded)
        let graph = try #require(site.read("graph/index.html"))
        #expect(!graph.lowercased().contains("nan") && !graph.contains("inf"))
    }

    @Test func sectionsCannotTakeTheGeneratedPagesPlaces() throws {
        let site = try TemporarySite([
            "Content/search/engines.md": "---\ntitle: Engines\n---\nText.\n",
            "Content/graph/theory.md": "---\ntitle: Theory\n---\nText.\n",
        ])
        let codes = Builder.check(site.options()).map(\.code.rawValue)
        #expect(codes == ["duplicate-page", "duplicate-page"])
    }

    @Test func layoutIsDeterministic() throws {
        let site = try site()
        let first = RelationGraph(site).nodes.map(\.point), second = RelationGraph(site).nodes.map(\.point)
        #expect(first == second)
    }

    /// The layout works each pair's repulsion out once; it must give every node exactly the
    /// push that working it out from each end (the textbook loop, here) gives, coincident
    /// nodes included.
    @Test func pairwiseRepulsionMatchesThePerNodeLoop() {
        typealias Point = ForceLayout.Point
        var random = SplitMix64(seed: 14)
        var points = (0..<60).map { _ in Point(x: Double(random.next() % 1000) / 1000, y: Double(random.next() % 1000) / 1000) }
        points[7] = points[3]
        points[41] = points[3]
        let k = 0.15
        var expected = [Point](repeating: Point(x: 0, y: 0), count: points.count)
        for i in points.indices {
            var dx = 0.0, dy = 0.0
            for j in points.indices where j != i {
                var vx = points[i].x - points[j].x, vy = points[i].y - points[j].y
                var d2 = vx * vx + vy * vy
                if d2 < 1e-9 {
                    vx = Double((i &* 31 &+ j) % 7) - 3; vy = Double((i &* 17 &+ j) % 5) - 2
                    d2 = 1e-6
                }
                let f = k * k / d2
                dx += vx * f
                dy += vy * f
            }
            expected[i] = Point(x: dx, y: dy)
        }
        var pushed = [Point](repeating: Point(x: 0, y: 0), count: points.count)
        points.withUnsafeBufferPointer { p in pushed.withUnsafeMutableBufferPointer { ForceLayout.repel(p, into: $0, k: k) } }
        #expect(pushed == expected)
    }

    /// Coordinates are written with one decimal as the shortest decimal of the rounded value,
    /// which is what `String(Double)` gave before they were written as bytes.
    @Test func numbersAreTheShortestDecimalOfTheirTenths() {
        func described(_ value: Double) -> String {
            guard value.isFinite else { return "0" }
            let rounded = (value * 10).rounded() / 10
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        }
        var random = SplitMix64(seed: 7)
        var values: [Double] = [0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.95, -0.95, 9.95, 99.99, 12, -12, 640, 1e6 + 0.05, .infinity, .nan]
        for _ in 0..<20_000 { values.append(Double.random(in: -2_000...2_000, using: &random)) }
        for _ in 0..<2_000 { values.append(Double(Int.random(in: -20_000...20_000, using: &random)) / 20) }
        for value in values {
            #expect(GraphSVG.format(value) == described(value), "\(value)")
        }
        #expect(GraphSVG.format(-0.04) == "0" && GraphSVG.format(-0.05) == "-0.1" && GraphSVG.format(2.25) == "2.3")
    }

    @Test func largeGraphsKeepTheMostMentionedNodes() {
        // A star of 700 leaves around a hub: the cap keeps the hub and the best-linked.
        let edges = (1..<700).map { (a: 0, b: $0, weight: 1.0) }
        let points = ForceLayout.layout(nodes: 700, edges: edges, iterations: 20)
        #expect(points.count == 700)
        #expect(RelationGraph.maxNodes == 500)
    }

    @Test func timelineDrawsPrecision() throws {
        let site = try site(FixtureSiteTests.site)
        let chart = try #require(TimelineSVG.chart(site) { "#\(site.entities[$0].id.rawValue)" })
        let page = HTMLScanner(chart.svg)
        let marks = page.tags.filter { $0.name == "a" }
        #expect(marks.count == chart.shown)
        #expect(chart.shown == site.timeline.filter { site.entities[$0].date != nil }.count)
        // The factory (16 May 2022) is a point; the civil war (1992/1997) a bar.
        let factory = try #require(chart.svg.range(of: "href=\"#ababil-2-factory\""))
        let war = try #require(chart.svg.range(of: "href=\"#civil-war\""))
        #expect(chart.svg[factory.upperBound...].prefix(200).contains("<circle"))
        #expect(chart.svg[war.upperBound...].prefix(200).contains("<rect"))
        // Uncertain and approximate dates are marked.
        let fuzzy = try TemporarySite([
            "Content/events/maybe.md": "---\nname: Maybe\ndate: 2021?\n---\n",
            "Content/events/about.md": "---\nname: About\ndate: 2020-05~\n---\n",
            "Content/events/since.md": "---\nname: Since\ndate: 2019/..\n---\n",
            "Content/articles/a.md": "---\ntitle: A\n---\n[[event:maybe]] [[event:about]] [[event:since]]\n",
        ])
        let fuzzySite = try self.site(fuzzy.root)
        let svg = try #require(TimelineSVG.chart(fuzzySite) { "#\(fuzzySite.entities[$0].id.rawValue)" }).svg
        #expect(svg.contains("class=\"event-mark uncertain\""))
        #expect(svg.contains("class=\"uncertain-mark\""))
        #expect(svg.contains("class=\"event-mark approximate\""))
        #expect(svg.contains("<path d=\"M"), "an open end has an arrow")
    }

    @Test func dayNumbersMatchTheCalendar() {
        #expect(TimelineSVG.dayNumber(Day(1970, 1, 1)) == 0)
        #expect(TimelineSVG.dayNumber(Day(2000, 3, 1)) == 11017)
        #expect(TimelineSVG.dayNumber(Day(1969, 12, 31)) == -1)
        for year in [-500, 1, 1899, 1970, 2022, 2400] {
            #expect(TimelineSVG.yearOf(TimelineSVG.dayNumber(Day(year, 7, 1))) == year)
            #expect(TimelineSVG.yearOf(TimelineSVG.dayNumber(Day(year, 1, 1))) == year)
        }
    }
}
