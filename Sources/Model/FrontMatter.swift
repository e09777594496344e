/// Where a document came from.
package struct SourceInfo: Hashable, Sendable {
    package var publisher: String?
    package var url: String?
    package var title: String?
    package var date: PartialDate?

    package init(publisher: String? = nil, url: String? = nil, title: String? = nil, date: PartialDate? = nil) {
        self.publisher = publisher
        self.url = url
        self.title = title
        self.date = date
    }
}

/// A key judgment of a briefing: a statement, its likelihood and the analyst's confidence.
package struct Judgment: Hashable, Sendable {
    package var text: String
    package var likelihood: Likelihood?
    package var confidence: Confidence?
    package var basis: String?
    package var location: SourceLocation

    package init(text: String, likelihood: Likelihood?, confidence: Confidence?, basis: String?, location: SourceLocation) {
        self.text = text
        self.likelihood = likelihood
        self.confidence = confidence
        self.basis = basis
        self.location = location
    }
}

package struct DocumentMeta: Hashable, Sendable {
    package var title: String
    /// Other names wikilinks may use for the document (`[[Old title]]`).
    package var aliases: [String] = []
    package var date: PartialDate?
    package var authors: [String] = []
    package var summary: String?
    package var themes: [Reference] = []
    package var source: SourceInfo?
    package var draft = false
    /// Briefings: bottom line up front.
    package var bluf: String?
    package var judgments: [Judgment] = []
    /// Briefings: the date after which no information was taken into account.
    package var cutoff: PartialDate?
    /// Briefings: the sources it draws on, listed in its annex.
    package var sources: [SourceInfo] = []
    /// Briefings: banner text, such as a classification or `TLP:CLEAR`, and handling
    /// instructions shown beside it.
    package var classification: String?
    package var handling: String?
    /// `permalink`: the page's URL path, as written (applied by the parse stage).
    package var permalink: String?
    /// `cssclasses`: classes on the page's article.
    package var cssClasses: [String] = []
    /// `tags` (Obsidian's, Hugo's): themes by id, name or alias; an unknown tag makes a theme.
    package var tags: [Reference] = []

    package init(title: String) { self.title = title }
}

package struct ActorMeta: Hashable, Sendable {
    package var name: String
    package var type: ActorType = .other
    package var aliases: [String] = []
    package var wikidata: String?

    package init(name: String) { self.name = name }
}

package struct EventMeta: Hashable, Sendable {
    package var name: String
    package var aliases: [String] = []
    package var date: PartialDate?
    package var dateText: String?
    package var place: String?
    package var actors: [Reference] = []
    package var themes: [Reference] = []

    package init(name: String) { self.name = name }
}

package struct ThemeMeta: Hashable, Sendable {
    package var name: String
    package var aliases: [String] = []
    package var broader: Reference?

    package init(name: String) { self.name = name }
}

/// The typed front matter of a file; which case depends on the folder the file is in.
package enum FrontMatter: Hashable, Sendable {
    case document(DocumentMeta)
    case actor(ActorMeta)
    case event(EventMeta)
    case theme(ThemeMeta)
}
