/// A calendar day, used as the bound of a partial date.
package struct Day: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var year: Int
    package var month: Int
    package var day: Int

    package init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    package static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// ISO 8601 `YYYY-MM-DD`.
    package var description: String {
        let y = String(year), m = month < 10 ? "0\(month)" : "\(month)", d = day < 10 ? "0\(day)" : "\(day)"
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
    }

    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A date as analysts write it, in the EDTF subset (ISO 8601-2, levels 0–1) Dossier reads:
/// `2022-05-16`, `2022-05`, `2022`, `199X`, `19XX`, `2022-05~` (approximate),
/// `2021?` (uncertain), `2022%` (both), and intervals `2013/2016`, `2013/..`, `../2016`.
package struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    package enum Precision: Sendable, Hashable { case day, month, year, decade, century }

    /// One side of a date: a day, month, year, decade or century, possibly qualified.
    package struct Point: Hashable, Sendable {
        package var year: Int
        package var month: Int?
        package var day: Int?
        package var precision: Precision
        package var approximate = false
        package var uncertain = false

        package var lower: Day {
            Day(year, month ?? 1, day ?? 1)
        }

        package var upper: Day {
            switch precision {
            case .century: return Day(year + 99, 12, 31)
            case .decade: return Day(year + 9, 12, 31)
            case .year: return Day(year, 12, 31)
            case .month: return Day(year, month!, Day.daysIn(month: month!, year: year))
            case .day: return Day(year, month!, day!)
            }
        }
    }

    /// The text as written, e.g. `2022-05~`.
    package var edtf: String
    /// The start; nil when the interval is open at the start (`../2016`).
    package var start: Point?
    /// The end of an interval; nil for a single date or an open end (see `isOpenEnd`).
    package var end: Point?
    package var isInterval: Bool
    package var isOpenEnd: Bool

    /// Earliest day covered; nil when open at the start.
    package var lowerBound: Day? { start?.lower }
    /// Latest day covered; nil when open at the end.
    package var upperBound: Day? { isInterval ? end?.upper : start?.upper }

    package var description: String { edtf }

    /// True for a single day written in full, with no qualifier.
    package var isExactDay: Bool {
        !isInterval && start?.precision == .day && start?.approximate == false && start?.uncertain == false
    }

    /// Sorted by (lower bound, upper bound); open starts sort first, open ends last.
    package static func < (a: Self, b: Self) -> Bool {
        let al = a.lowerBound ?? Day(Int.min, 1, 1), bl = b.lowerBound ?? Day(Int.min, 1, 1)
        if al != bl { return al < bl }
        let au = a.upperBound ?? Day(Int.max, 12, 31), bu = b.upperBound ?? Day(Int.max, 12, 31)
        return au < bu
    }
}
