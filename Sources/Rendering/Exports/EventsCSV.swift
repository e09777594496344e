import Model

/// Events as CSV (RFC 4180), one row each in timeline order, with columns after ACLED's
/// event data: what a spreadsheet or a conflict-data tool expects.
package enum EventsCSV {
    package static let columns = [
        "id", "name", "date_start", "date_end", "precision", "approximate", "uncertain", "actors", "place", "themes", "source",
    ]

    package static func csv(_ site: Site) -> String {
        var rows = [columns]
        for event in site.timeline {
            let entity = site.entities[event]
            guard case let .event(date, _, place, actors, themes) = entity.details else { continue }
            let sources = site.documentsByEntity[event].map { site.files[$0].path }
            rows.append([
                entity.id.rawValue, entity.name,
                date?.lowerBound?.description ?? "", date?.upperBound?.description ?? "",
                precision(date), flag(date?.start?.approximate == true || date?.end?.approximate == true),
                flag(date?.start?.uncertain == true || date?.end?.uncertain == true),
                actors.map { site.name(of: $0) }.joined(separator: "; "), place ?? "",
                themes.map { site.name(of: $0) }.joined(separator: "; "), sources.joined(separator: "; "),
            ])
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// `day`, `month`, `year`, `decade`, `century`; `interval` for a span between two dates,
    /// `open` when one end is open; empty without a date.
    static func precision(_ date: PartialDate?) -> String {
        guard let date else { return "" }
        if date.isInterval { return date.start == nil || date.isOpenEnd ? "open" : "interval" }
        switch date.start?.precision {
        case .day?: return "day"
        case .month?: return "month"
        case .year?: return "year"
        case .decade?: return "decade"
        case .century?: return "century"
        case nil: return ""
        }
    }

    static func flag(_ value: Bool) -> String { value ? "true" : "false" }

    /// Characters that make a spreadsheet read a cell as a formula when they open it: OWASP's
    /// list (`=`, `+`, `-`, `@`, tab, carriage return), line feed, and the full-width forms
    /// of the first four, which spreadsheets in East Asian locales read the same way.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// A field quoted when it holds a comma, quote or line break; quotes doubled. A field
    /// that opens with a `formulaStarts` character is prefixed with `'` so spreadsheets do
    /// not run it as a formula.
    /// Bytes, not Characters: `"\r\n"` and a comma followed by a combining mark are single
    /// Characters that a Character comparison would miss.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.unicodeScalars.first, formulaStarts.contains(first) { text = "'" + text }
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}
