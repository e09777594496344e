extension PartialDate {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// Human-readable English form: `8 January 1992`, `May 2022`, `1990s`, `2013–2016`,
    /// `c. May 2022`, `May 2022 (?)`, `since 2013`.
    package var displayText: String {
        guard isInterval else { return start.map(Self.display) ?? edtf }
        switch (start, end) {
        case let (s?, e?):
            let plainYears = s.precision == .year && e.precision == .year && !s.approximate && !s.uncertain
            return plainYears ? "\(s.year)–\(Self.display(e))" : "\(Self.display(s)) – \(Self.display(e))"
        case let (s?, nil): return "since \(Self.display(s))"
        case let (nil, e?): return "until \(Self.display(e))"
        case (nil, nil): return edtf
        }
    }

    static func display(_ point: Point) -> String {
        var text: String
        switch point.precision {
        case .day: text = "\(point.day!) \(monthNames[point.month! - 1]) \(point.year)"
        case .month: text = "\(monthNames[point.month! - 1]) \(point.year)"
        case .year: text = "\(point.year)"
        case .decade, .century: text = "\(point.year)s"
        }
        if point.approximate { text = "c. " + text }
        if point.uncertain { text += " (?)" }
        return text
    }

    /// The year a timeline groups this date under (the start's year; the end's when open at the start).
    package var groupYear: Int? { start?.year ?? end?.year }
}
