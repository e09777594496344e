/// Where a document came from.
public struct SourceInfo: Hashable, Sendable {
    public var publisher: String?
    public var url: String?
    public var title: String?
    public var date: PartialDate?

    public init(publisher: String? = nil, url: String? = nil, title: String? = nil, date: PartialDate? = nil) {
        self.publisher = publisher
        self.url = url
        self.title = title
        self.date = date
    }
}

/// A key judgment of a briefing: a statement, its likelihood and the analyst's confidence.
public struct Judgment: Hashable, Sendable {
    public var text: String
    public var likelihood: Likelihood?
    public var confidence: Confidence?
    public var basis: String?
    public var location: SourceLocation

    public init(text: String, likelihood: Likelihood?, confidence: Confidence?, basis: String?, location: SourceLocation) {
        self.text = text
        self.likelihood = likelihood
        self.confidence = confidence
        self.basis = basis
        self.location = location
    }
}

public struct DocumentMeta: Hashable, Sendable {
    public var title: String
    public var date: PartialDate?
    public var authors: [String] = []
    public var summary: String?
    public var themes: [Reference] = []
    public var source: SourceInfo?
    public var draft = false
    /// Briefings: bottom line up front.
    public var bluf: String?
    public var judgments: [Judgment] = []
    /// Briefings: the date after which no information was taken into account.
    public var cutoff: PartialDate?
    /// Briefings: the sources it draws on, listed in its annex.
    public var sources: [SourceInfo] = []
    /// Briefings: banner text, such as a classification or `TLP:CLEAR`, and handling
    /// instructions shown beside it.
    public var classification: String?
    public var handling: String?

    public init(title: String) { self.title = title }
}

public struct ActorMeta: Hashable, Sendable {
    public var name: String
    public var type: ActorType = .other
    public var aliases: [String] = []
    public var wikidata: String?

    public init(name: String) { self.name = name }
}

public struct EventMeta: Hashable, Sendable {
    public var name: String
    public var aliases: [String] = []
    public var date: PartialDate?
    public var dateText: String?
    public var place: String?
    public var actors: [Reference] = []
    public var themes: [Reference] = []

    public init(name: String) { self.name = name }
}

public struct ThemeMeta: Hashable, Sendable {
    public var name: String
    public var aliases: [String] = []
    public var broader: Reference?

    public init(name: String) { self.name = name }
}

/// The typed front matter of a file; which case depends on the folder the file is in.
public enum FrontMatter: Hashable, Sendable {
    case document(DocumentMeta)
    case actor(ActorMeta)
    case event(EventMeta)
    case theme(ThemeMeta)
}
