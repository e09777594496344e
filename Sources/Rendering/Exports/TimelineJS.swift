import Model

/// Events in TimelineJS's JSON format (Knight Lab): dated events with their precision,
/// grouped by their first theme, for a hosted or embedded TimelineJS timeline.
package enum TimelineJS {
    package static func json(_ site: Site) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("title")
        json.beginObject()
        json.key("text")
        json.beginObject()
        json.field("headline", site.config.title)
        json.field("text", site.config.description.isEmpty ? nil : site.config.description)
        json.endObject()
        json.endObject()
        json.beginArray("events")
        for event in site.timeline {
            let entity = site.entities[event]
            guard case let .event(date?, _, place, _, themes) = entity.details, let start = date.start else { continue }
            json.beginObject()
            json.key("start_date")
            point(start, into: &json)
            if let end = date.end, date.isInterval {
                json.key("end_date")
                point(end, upper: true, into: &json)
            }
            json.key("text")
            json.beginObject()
            json.field("headline", entity.name)
            json.field("text", place)
            json.endObject()
            json.field("display_date", entity.dateDisplay)
            json.field("group", themes.first.map { site.entities[$0].name })
            json.field("unique_id", entity.id.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finish()
    }

    /// Only the parts the date gives: a month-precise date has no day. Decades and centuries
    /// start (or end) at their first (last) year.
    static func point(_ point: PartialDate.Point, upper: Bool = false, into json: inout JSONWriter) {
        json.beginObject()
        let year = upper ? point.upper.year : point.year
        json.field("year", String(year))
        if let month = point.month { json.field("month", String(month)) }
        if let day = point.day { json.field("day", String(day)) }
        json.endObject()
    }
}
