import Model

/// The timeline drawn to scale, as SVG: a day is a point, a month, year or decade a bar
/// over its whole span, an approximate or uncertain date is dashed (uncertain ones marked
/// "?"), an open end runs to the edge with an arrow. Events sit in swimlanes by theme, packed
/// into rows so labels never overlap.
enum TimelineSVG {
    struct Item {
        let event: Int
        let start: Int
        let end: Int
        let point: Bool
        let approximate: Bool
        let uncertain: Bool
        let openStart: Bool
        let openEnd: Bool

        /// An event's date on the axis; open ends reach `first` and `last`.
        init(event: Int, date: PartialDate, first: Int, last: Int) {
            self.event = event
            start = date.lowerBound.map(TimelineSVG.dayNumber) ?? first
            end = max(start, date.upperBound.map(TimelineSVG.dayNumber) ?? last)
            point = date.isExactDay
            approximate = date.start?.approximate == true || date.end?.approximate == true
            uncertain = date.start?.uncertain == true || date.end?.uncertain == true
            openStart = date.start == nil
            openEnd = date.isInterval && date.isOpenEnd
        }
    }

    static let maxEvents = 400
    static let width = 1000.0
    static let laneLabel = 170.0
    static let rowHeight = 22.0

    /// Days since 1970-01-01 (proleptic Gregorian), for a linear time axis.
    static func dayNumber(_ day: Day) -> Int {
        let y = day.month <= 2 ? day.year - 1 : day.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (day.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func items(_ site: Site, events: [Int]) -> [Item] {
        let dated = events.compactMap { event -> (Int, PartialDate)? in
            site.entities[event].date.map { (event, $0) }
        }
        let known = dated.flatMap { [$0.1.lowerBound, $0.1.upperBound].compactMap { $0 } }.map(dayNumber)
        guard let first = known.min(), let last = known.max() else { return [] }
        return dated.map { Item(event: $0, date: $1, first: first, last: last) }
    }

    /// The `/events/` chart. Lanes are the events' first themes, in order of their first event.
    static func chart(_ site: Site, url: (Int) -> String) -> (svg: String, shown: Int, dated: Int)? {
        var events = site.timeline.filter { site.entities[$0].date != nil }
        let dated = events.count
        if events.count > maxEvents {
            let top = Set(events.sorted { site.backlinks[$0].count > site.backlinks[$1].count }.prefix(maxEvents))
            events = events.filter(top.contains)
        }
        let items = items(site, events: events)
        guard let first = items.map(\.start).min(), let last = items.map(\.end).max() else { return nil }
        let span = max(Double(last - first), 1) * 1.04
        let origin = Double(first) - span * 0.02
        let plot = width - laneLabel - 20
        func x(_ day: Int) -> Double { laneLabel + (Double(day) - origin) / span * plot }

        var lanes: [(name: String, items: [Item])] = []
        var laneIndex: [String: Int] = [:]
        for item in items {
            var name = "Other events"
            if case let .event(_, _, _, _, themes) = site.entities[item.event].details, let theme = themes.first {
                name = site.name(of: theme)
            }
            if let index = laneIndex[name] { lanes[index].items.append(item) } else {
                laneIndex[name] = lanes.count
                lanes.append((name, [item]))
            }
        }
        var body = ""
        var y = 34.0
        for (laneNumber, lane) in lanes.enumerated() {
            // Greedy packing: each row keeps the x where its last label ends.
            var rows: [Double] = []
            var placed: [(Item, Int, Bool)] = []
            for item in lane.items {
                // The label goes after the mark, or before it where it would leave the chart.
                let label = Double(site.name(of: item.event).count) * 5.6 + (item.uncertain ? 9 : 0) + 8
                let markLeft = x(item.start) - 5, markRight = max(x(item.end), x(item.start) + 5)
                let before = markRight + label > width - 4
                let left = before ? markLeft - label : markLeft
                let right = before ? markRight : markRight + label
                if let row = rows.firstIndex(where: { $0 < left }) {
                    rows[row] = right
                    placed.append((item, row, before))
                } else {
                    rows.append(right)
                    placed.append((item, rows.count - 1, before))
                }
            }
            let height = Double(max(rows.count, 1)) * rowHeight + 8
            body += "<g class=\"lane\(laneNumber % 2 == 1 ? " lane-alt" : "")\">"
            body += "<rect class=\"lane-band\" x=\"0\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\"/>"
            body += "<text class=\"lane-name\" x=\"8\" y=\"\(f(y + 16))\">\(HTML.escape(lane.name))</text></g>\n"
            for (item, row, before) in placed {
                body += mark(item, site: site, x: x, y: y + 6 + Double(row) * rowHeight, url: url(item.event), labelled: true,
                             labelBefore: before)
            }
            y += height
        }
        var svg = "<svg class=\"timeline-chart\" viewBox=\"0 0 \(f(width)) \(f(y + 10))\" aria-label=\"Timeline of \(items.count) dated events by theme\">\n"
        svg += axis(first: first, last: last, x: x, top: 22, bottom: y)
        return (svg + body + "</svg>", items.count, dated)
    }

    /// What every event page's strip shares, computed once per build: the axis, and the
    /// density of events along it (one dot per occupied bin, larger where more events
    /// fall), so a strip stays small however many events the site has.
    struct StripAxis: Sendable, Equatable {
        let first: Int
        let last: Int
        let background: String

        static let width = 640.0, left = 24.0, bins = 120

        func x(_ day: Int) -> Double {
            let span = max(Double(last - first), 1) * 1.04
            let origin = Double(first) - span * 0.02
            return Self.left + (Double(day) - origin) / span * (Self.width - 2 * Self.left)
        }
    }

    static func stripAxis(_ site: Site) -> StripAxis? {
        let all = items(site, events: site.timeline)
        guard let first = all.map(\.start).min(), let last = all.map(\.end).max() else { return nil }
        let axis = StripAxis(first: first, last: last, background: "")
        var counts = [Int](repeating: 0, count: StripAxis.bins)
        let left = axis.x(first), right = axis.x(last)
        for item in all {
            let middle = (axis.x(item.start) + axis.x(item.end)) / 2
            let bin = min(StripAxis.bins - 1, max(0, Int((middle - left) / max(right - left, 1) * Double(StripAxis.bins - 1))))
            counts[bin] += 1
        }
        var background = self.axis(first: first, last: last, x: axis.x, top: 18, bottom: 62)
        let most = Double(counts.max() ?? 1)
        for (bin, count) in counts.enumerated() where count > 0 {
            let cx = left + (right - left) * Double(bin) / Double(StripAxis.bins - 1)
            background += "<circle class=\"density\" cx=\"\(f(cx))\" cy=\"48\" r=\"\(f(2 + 3 * (Double(count) / most).squareRoot()))\"/>"
        }
        return StripAxis(first: first, last: last, background: background)
    }

    /// An event's place on the whole timeline: the shared axis with its density of events,
    /// and this event marked.
    static func strip(_ site: Site, event: Int, axis: StripAxis?, url: (Int) -> String) -> String? {
        guard let axis, let date = site.entities[event].date else { return nil }
        let item = Item(event: event, date: date, first: axis.first, last: axis.last)
        let width = StripAxis.width
        var svg = "<svg class=\"timeline-chart timeline-strip\" viewBox=\"0 0 \(f(width)) 92\" aria-label=\"Where \(HTML.escape(site.name(of: event))) falls on the timeline\">\n"
        svg += axis.background
        svg += mark(item, site: site, x: axis.x, y: 40, url: url(event), labelled: false, current: true)
        let middle = (axis.x(item.start) + max(axis.x(item.end), axis.x(item.start) + 3)) / 2
        let anchor = middle > width * 0.75 ? "end" : middle < width * 0.25 ? "start" : "middle"
        svg += "<text class=\"strip-label\" x=\"\(f(middle))\" y=\"82\" text-anchor=\"\(anchor)\">\(HTML.escape(site.entities[event].dateDisplay ?? ""))</text>"
        return svg + "\n</svg>"
    }

    static func mark(_ item: Item, site: Site, x: (Int) -> Double, y: Double, url: String, labelled: Bool,
                     labelBefore: Bool = false, current: Bool = false) -> String {
        let name = site.name(of: item.event)
        var classes = ["event-mark"]
        if item.approximate { classes.append("approximate") }
        if item.uncertain { classes.append("uncertain") }
        if current { classes.append("current") }
        var svg = "<a href=\"\(url)\" class=\"\(classes.joined(separator: " "))\"><title>\(HTML.escape(label(item.event, site: site)))</title>"
        let x0 = x(item.start), x1 = max(x(item.end), x0 + 3)
        if item.point {
            svg += "<circle cx=\"\(f(x0))\" cy=\"\(f(y + 8))\" r=\"5\"/>"
        } else {
            svg += "<rect x=\"\(f(x0))\" y=\"\(f(y + 3))\" width=\"\(f(x1 - x0))\" height=\"10\" rx=\"3\"/>"
            if item.openEnd { svg += "<path d=\"M\(f(x1)) \(f(y + 1))l8 7l-8 7z\"/>" }
            if item.openStart { svg += "<path d=\"M\(f(x0)) \(f(y + 1))l-8 7l8 7z\"/>" }
        }
        if labelBefore {
            var labelX = (item.point ? x0 - 9 : x0 - 5) - (item.openStart ? 8 : 0)
            if item.uncertain {
                svg += "<text class=\"uncertain-mark\" x=\"\(f(labelX))\" y=\"\(f(y + 12))\" text-anchor=\"end\">?</text>"
                labelX -= 9
            }
            if labelled { svg += "<text x=\"\(f(labelX))\" y=\"\(f(y + 12))\" text-anchor=\"end\">\(HTML.escape(name))</text>" }
            return svg + "</a>\n"
        }
        var labelX = (item.point ? x0 + 9 : x1 + 5) + (item.openEnd ? 8 : 0)
        if item.uncertain {
            svg += "<text class=\"uncertain-mark\" x=\"\(f(labelX))\" y=\"\(f(y + 12))\">?</text>"
            labelX += 9
        }
        if labelled { svg += "<text x=\"\(f(labelX))\" y=\"\(f(y + 12))\">\(HTML.escape(name))</text>" }
        return svg + "</a>\n"
    }

    static func label(_ event: Int, site: Site) -> String {
        let entity = site.entities[event]
        return entity.dateDisplay.map { "\(entity.name) (\($0))" } ?? entity.name
    }

    /// Year ticks, at a step that leaves about ten of them.
    static func axis(first: Int, last: Int, x: (Int) -> Double, top: Double, bottom: Double) -> String {
        let firstYear = yearOf(first), lastYear = yearOf(last) + 1
        let steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000]
        let step = steps.first { (lastYear - firstYear) / $0 <= 10 } ?? 1000
        var svg = "<g class=\"axis\">"
        var year = (firstYear / step) * step
        while year <= lastYear {
            let position = x(dayNumber(Day(year, 1, 1)))
            if position >= x(first) - 40, position <= x(last) + 40 {
                svg += "<line x1=\"\(f(position))\" y1=\"\(f(top))\" x2=\"\(f(position))\" y2=\"\(f(bottom))\"/>"
                svg += "<text x=\"\(f(position))\" y=\"\(f(top - 6))\" text-anchor=\"middle\">\(year)</text>"
            }
            year += step
        }
        return svg + "</g>\n"
    }

    /// The year of a day number (the inverse of `dayNumber`, year part).
    static func yearOf(_ dayNumber: Int) -> Int {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    static func f(_ value: Double) -> String { GraphSVG.format(value) }
}
