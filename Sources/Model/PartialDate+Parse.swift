extension PartialDate {
    /// Parses the EDTF subset; nil when the text is not a valid date of it.
    package init?(edtf text: String) {
        let text = text.trimmingWhitespace
        guard !text.isEmpty, text.utf8.count <= 64 else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let point = Self.parsePoint(parts[0]) else { return nil }
            self.init(edtf: text, start: point, end: nil, isInterval: false, isOpenEnd: false)
        case 2:
            let openStart = parts[0] == ".." || parts[0].isEmpty
            let openEnd = parts[1] == ".." || parts[1].isEmpty
            if openStart && openEnd { return nil }
            let start = openStart ? nil : Self.parsePoint(parts[0])
            let end = openEnd ? nil : Self.parsePoint(parts[1])
            if !openStart && start == nil { return nil }
            if !openEnd && end == nil { return nil }
            if let s = start, let e = end, e.upper < s.lower { return nil }
            self.init(edtf: text, start: start, end: end, isInterval: true, isOpenEnd: openEnd)
        default:
            return nil
        }
    }

    private static func parsePoint(_ text: Substring) -> Point? {
        var body = text
        var approximate = false, uncertain = false
        switch body.last {
        case "~": approximate = true; body.removeLast()
        case "?": uncertain = true; body.removeLast()
        case "%": approximate = true; uncertain = true; body.removeLast()
        default: break
        }
        let fields = body.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count), fields[0].utf8.count == 4 else { return nil }
        let yearText = fields[0]
        var precision = Precision.year
        var year: Int
        if yearText.hasSuffix("XX") {
            guard fields.count == 1, let y = Int(yearText.prefix(2)), yearText.prefix(2).allSatisfy(\.isASCIIDigit) else { return nil }
            year = y * 100
            precision = .century
        } else if yearText.hasSuffix("X") {
            guard fields.count == 1, let y = Int(yearText.prefix(3)), yearText.prefix(3).allSatisfy(\.isASCIIDigit) else { return nil }
            year = y * 10
            precision = .decade
        } else {
            guard yearText.allSatisfy(\.isASCIIDigit), let y = Int(yearText) else { return nil }
            year = y
        }
        var month: Int?, day: Int?
        if fields.count >= 2 {
            guard fields[1].utf8.count == 2, fields[1].allSatisfy(\.isASCIIDigit), let m = Int(fields[1]), (1...12).contains(m) else { return nil }
            month = m
            precision = .month
        }
        if fields.count == 3 {
            guard fields[2].utf8.count == 2, fields[2].allSatisfy(\.isASCIIDigit), let d = Int(fields[2]),
                  (1...Day.daysIn(month: month!, year: year)).contains(d) else { return nil }
            day = d
            precision = .day
        }
        return Point(year: year, month: month, day: day, precision: precision, approximate: approximate, uncertain: uncertain)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
