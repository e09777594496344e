/// Where each node's label goes in a graph drawn at build time: inside the view box, never
/// over a circle, and, for the labels shown from the start, never over another shown label.
/// Each label tries the right of its node, then the left, above and below; a name too long
/// for any side is shortened, and so is a label to be shown that finds no clear side.
/// Widths are estimated from the character count (the SVG's 11-unit sans-serif averages
/// about 6.3 units a character), with a little slack.
struct LabelPlacer {
    struct Label {
        var text: String
        var x: Double
        var y: Double
        /// `start`, `end` or `middle`, as SVG's `text-anchor`.
        var anchor: String
        /// Shown from the start (else on hover and focus).
        var shown: Bool
    }

    let circles: [(x: Double, y: Double, r: Double)]
    /// The view box: `size` wide and `height` tall (square unless given).
    let size: Double
    var height: Double? = nil
    static let charWidth = 6.3, lineHeight = 11.0, gap = 3.0, edge = 2.0

    /// `shownFirst` marks the labels to show from the start when they find a clear place,
    /// in order of importance (the caller's order).
    func place(_ names: [String], shownFirst: [Bool]) -> [Label] {
        var taken: [Box] = []
        var labels: [Label] = []
        for (i, name) in names.enumerated() {
            var text = name
            var candidates = boxes(i, text)
            // Too long for the view box on every side: shorten until one side fits.
            while candidates.allSatisfy({ !inside($0.box) }), text.count > 8 {
                text = GraphSVG.short(name, limit: text.count - 4)
                candidates = boxes(i, text)
            }
            func places(_ candidates: [Candidate]) -> (inView: [Candidate], clear: [Candidate], free: Candidate?) {
                let inView = candidates.filter { inside($0.box) }
                let clear = inView.filter { candidate in
                    !circles.indices.contains { $0 != i && overlaps(candidate.box, circle: circles[$0]) }
                }
                return (inView, clear, clear.first { candidate in !taken.contains { $0.overlaps(candidate.box) } })
            }
            var (inView, clear, free) = places(candidates)
            // A label to show that fits nowhere clear at its length is shortened until it
            // does (a phone's narrow drawing has little room beside a node), not hidden.
            if shownFirst[i], free == nil {
                var shorter = text
                while shorter.count > Self.shortestLabel {
                    shorter = GraphSVG.short(name, limit: max(Self.shortestLabel, shorter.count - 4))
                    let placed = places(boxes(i, shorter))
                    if placed.free != nil {
                        (text, inView, clear, free) = (shorter, placed.inView, placed.clear, placed.free)
                        break
                    }
                }
            }
            let chosen = free ?? clear.first ?? inView.first ?? candidates[0]
            let shown = shownFirst[i] && free != nil
            if shown { taken.append(chosen.box) }
            labels.append(Label(text: text, x: chosen.x, y: chosen.y, anchor: chosen.anchor, shown: shown))
        }
        return labels
    }

    struct Box {
        var minX, minY, maxX, maxY: Double
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// The fewest characters (the ellipsis included) a label is shortened to.
    static let shortestLabel = 10

    typealias Candidate = (x: Double, y: Double, anchor: String, box: Box)

    /// Right, left, above, below: the text's anchor point and the box it covers.
    private func boxes(_ i: Int, _ text: String) -> [Candidate] {
        let c = circles[i], w = Double(text.count) * Self.charWidth + 2, h = Self.lineHeight
        let right = c.x + c.r + Self.gap, left = c.x - c.r - Self.gap
        return [
            (right, c.y + 4, "start", Box(minX: right, minY: c.y - h / 2, maxX: right + w, maxY: c.y + h / 2)),
            (left, c.y + 4, "end", Box(minX: left - w, minY: c.y - h / 2, maxX: left, maxY: c.y + h / 2)),
            (c.x, c.y - c.r - Self.gap - 1, "middle", Box(minX: c.x - w / 2, minY: c.y - c.r - Self.gap - h, maxX: c.x + w / 2, maxY: c.y - c.r - Self.gap)),
            (c.x, c.y + c.r + Self.gap + h - 2, "middle", Box(minX: c.x - w / 2, minY: c.y + c.r + Self.gap, maxX: c.x + w / 2, maxY: c.y + c.r + Self.gap + h)),
        ]
    }

    private func inside(_ box: Box) -> Bool {
        box.minX >= Self.edge && box.minY >= Self.edge && box.maxX <= size - Self.edge && box.maxY <= (height ?? size) - Self.edge
    }

    private func overlaps(_ box: Box, circle: (x: Double, y: Double, r: Double)) -> Bool {
        let nx = min(max(circle.x, box.minX), box.maxX), ny = min(max(circle.y, box.minY), box.maxY)
        let dx = circle.x - nx, dy = circle.y - ny
        return dx * dx + dy * dy < circle.r * circle.r
    }
}
