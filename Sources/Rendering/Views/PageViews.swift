import Templating

struct HomeView {
    struct Stats {
        let documents: Int
        let actors: Int
        let events: Int
        let themes: Int
    }

    let layout: LayoutView
    let documents: [DocumentSummaryView]
    let briefings: [DocumentSummaryView]
    let keyActors: [EntityLinkView]
    let recentEvents: [EntityLinkView]
    let themes: [EntityLinkView]
    let stats: Stats
    let hasBriefings: Bool
}

struct DocumentView {
    /// A level-2 heading with the level-3 headings under it.
    struct TOCItem {
        let text: String
        let anchor: String
        let children: [TOCItem]
        let hasChildren: Bool
    }

    struct EntityGroup {
        let label: String
        let kind: String
        let entities: [EntityLinkView]
    }

    let layout: LayoutView
    let title: String
    let date: String?
    let isoDate: String?
    let authors: String?
    let summary: String?
    let sourcePublisher: String?
    let sourceURL: String?
    let themes: [EntityLinkView]
    let isBriefing: Bool
    let bluf: String?
    let judgments: [BriefingView.JudgmentView]
    let toc: [TOCItem]
    let bodyHTML: HTMLBytes
    let entityGroups: [EntityGroup]
    let readingMinutes: Int
    let section: String
    let sectionURL: String?
    let hasJudgments: Bool
    let hasTOC: Bool
    let hasThemes: Bool
    /// The passages of other files that link this document.
    let linkedFrom: [MentionGroupView]
    let hasLinkedFrom: Bool
    /// "Linked from 3 documents".
    let linkedFromSummary: String
    /// `cssclasses` from the front matter, space-separated.
    let cssClasses: String?
}

struct SectionView {
    let layout: LayoutView
    let title: String
    let documents: [DocumentSummaryView]
}

struct IndexView {
    struct Group {
        let label: String
        let anchor: String
        let entities: [EntityLinkView]
    }

    let layout: LayoutView
    let title: String
    let intro: String
    let total: Int
    let groups: [Group]
    /// Events: the timeline drawn to scale (SVG), and a note when it shows only some.
    let chartSVG: String?
    let chartNote: String?
}

/// Actor, event and theme pages share one view; each template shows what fits its kind.
struct EntityView {
    let layout: LayoutView
    let name: String
    let kind: String
    let kindLabel: String
    let typeLabel: String?
    let aliases: [String]
    let wikidataURL: String?
    let isStub: Bool
    let stubPath: String
    let descriptionHTML: HTMLBytes?
    let mentionCount: Int?
    let documentCount: Int?
    let mentionGroups: [MentionGroupView]
    /// Entities whose descriptions name this one, on this page of mentions.
    let describedBy: [EntityLinkView]
    let pager: PagerView?
    let relatedActors: [EntityLinkView]
    let relatedEvents: [EntityLinkView]
    let relatedThemes: [EntityLinkView]
    let documents: [DocumentSummaryView]
    // Events
    let date: String?
    let edtf: String?
    let place: String?
    let participants: [EntityLinkView]
    let eventThemes: [EntityLinkView]
    let previousEvent: EntityLinkView?
    let nextEvent: EntityLinkView?
    // Actors: events they take part in, and their neighbourhood in the graph (SVG)
    let participation: [EntityLinkView]
    let neighbourhoodSVG: HTMLBytes?
    // Events: their place on the timeline (SVG)
    let timelineSVG: String?
    // Themes
    let broader: EntityLinkView?
    let narrower: [EntityLinkView]
    // Flags: swift-mustache treats an empty string or zero as true, so templates test these.
    let indexURL: String
    let mentionSummary: String
    let hasMentions: Bool
    let hasAliases: Bool
    let hasParticipation: Bool
    let hasRelatedActors: Bool
    let hasRelatedEvents: Bool
    let hasRelatedThemes: Bool
    let hasParticipants: Bool
    let hasEventThemes: Bool
    let hasNarrower: Bool
    let hasDocuments: Bool
}

/// `/search/`: the form, and the scripts that load the index and answer queries.
struct SearchPageView {
    let layout: LayoutView
    let indexScript: String
    let script: String
    /// The site root from the page, for the index's links.
    let root: String
    let entries: Int
}

/// `/graph/`: the actor–event graph as SVG, with filters that scripts switch on.
struct GraphPageView {
    struct ThemeOption {
        let id: String
        let name: String
    }

    let layout: LayoutView
    let svg: String
    let nodeCount: Int
    let edgeCount: Int
    /// Actors and events in the site, when the graph shows only the most mentioned.
    let total: Int
    let isPartial: Bool
    let themes: [ThemeOption]
    let script: String
}
