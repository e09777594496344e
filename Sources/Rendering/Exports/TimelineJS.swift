import Model

/// Events in TimelineJS's JSON format (Knight Lab): dated events with their precision,
/// grouped by their first theme, for a hosted or embedded TimelineJS timeline. Each slide
/// says what the event's page says first, where it took place, and links to that page.
package enum TimelineJS {
    package static func json(_ site: Site) -> [UInt8] {
        let context = RenderContext(site: site, urls: URLs(pretty: site.config.prettyURLs, folder: ""),
                                    navigation: Navigation(site), index: RenderIndex(site))
        // An open end (`2020/..`) runs to the end of the timeline: a date the site gives,
        // not the day of the build, so the export is the same on every run.
        let lastDay = site.timeline.compactMap { site.entities[$0].date?.upperBound }.max()
        let firstDay = site.timeline.compactMap { site.entities[$0].date?.lowerBound }.min()
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
            // An open start (`../2016`) runs from the start of the timeline.
            guard case let .event(date?, _, place, _, themes) = entity.details, date.start != nil || firstDay != nil else { continue }
            json.beginObject()
            json.key("start_date")
            if let start = date.start {
                point(start, into: &json)
            } else {
                // Never after its own end (`../1990` on a timeline that starts later).
                day(min(firstDay!, date.end?.lower ?? firstDay!), into: &json)
            }
            if let end = endDate(date, lastDay: lastDay) {
                json.key("end_date")
                end(&json)
            }
            json.key("text")
            json.beginObject()
            json.field("headline", entity.name)
            json.field("text", slideText(event, place: place, context: context))
            json.endObject()
            json.field("display_date", entity.dateDisplay)
            json.field("group", themes.first.map { site.name(of: $0) })
            json.field("unique_id", entity.id.rawValue)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.finish()
    }

    /// The slide's HTML: the description's first sentence, the place, and a link to the
    /// event's page (absolute with `baseURL`, else from the site's root, as in graph.json).
    static func slideText(_ event: Int, place: String?, context: RenderContext) -> String {
        let folder = URLs.entityFolder(context.site.key(of: event))
        var html = ""
        if let file = context.site.entities[event].file {
            let lead = context.leadText(file)
            if !lead.isEmpty { html += "<p>" + HTML.escape(RenderContext.firstSentence(lead)) + "</p>" }
        }
        if let place, !place.isEmpty { html += "<p>" + HTML.escape(place) + "</p>" }
        let url = context.absoluteURL(folder) ?? URLs.absolute(folder)
        return html + "<p><a href=\"" + HTML.escape(url) + "\">Read more</a></p>"
    }

    /// Where the slide ends: a span's end, the end of the timeline for an open end, and
    /// the last year of a decade or century given alone (`195X` is 1950–1959). Nil for a
    /// single day, month or year, which TimelineJS shows as a point.
    static func endDate(_ date: PartialDate, lastDay: Day?) -> ((inout JSONWriter) -> Void)? {
        if date.isInterval, let end = date.end {
            return { point(end, upper: true, into: &$0) }
        }
        if date.isOpenEnd {
            guard let lastDay, let start = date.start, lastDay > start.upper else { return nil }
            return { day(lastDay, into: &$0) }
        }
        if let start = date.start, start.precision == .decade || start.precision == .century {
            return { point(start, upper: true, into: &$0) }
        }
        return nil
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

    static func day(_ day: Day, into json: inout JSONWriter) {
        json.beginObject()
        json.field("year", String(day.year))
        json.field("month", String(day.month))
        json.field("day", String(day.day))
        json.endObject()
    }
}
