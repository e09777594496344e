import Templating

/// A briefing: its site page and its single self-contained file read the same view. In the
/// single file `layout` is nil, entity names are text, and the theme's CSS is inlined.
struct BriefingView {
    struct JudgmentView {
        let number: Int
        let text: String
        let likelihood: String?
        /// "55–80%"
        let likelihoodRange: String?
        let confidence: String?
        let basis: String?
        /// The seven steps of the likelihood scale, the judgment's own marked.
        let scale: [ScaleStep]
        let hasScale: Bool
    }

    struct ScaleStep {
        let term: String
        let current: Bool
    }

    let layout: LayoutView?
    let head: StandaloneHead?
    let banner: BannerView?
    let title: String
    let date: String?
    let isoDate: String?
    let cutoff: String?
    let cutoffISO: String?
    let authors: String?
    let summary: String?
    let bluf: String?
    let judgments: [JudgmentView]
    let bodyHTML: String
    let annex: AnnexView
    let key: EstimativeKeyView
    /// Site page: the single file beside it. Single file: the page on the site, as text.
    let downloadURL: String?
    let siteAddress: String?
    let hasJudgments: Bool
}

/// What a single self-contained file puts in its `<head>`: the language, the inlined theme
/// CSS, and the print margin boxes that repeat the banner and number the pages.
struct StandaloneHead {
    let language: String
    let direction: String
    let siteTitle: String
    let css: String
    let pageCSS: String
    let generator = "Dossier"
}

/// Classification or handling banner (`TLP:AMBER`), repeated at the top of printed pages.
struct BannerView {
    let text: String
    /// `tlp-amber` for the Traffic Light Protocol's levels, which have fixed colours.
    let style: String
}

/// The annex generated from the model: what the text mentions, its sources, its notes.
struct AnnexView {
    struct Entity {
        let name: String
        /// Nil in a single file, where entities are not links.
        let url: String?
        let kind: String
        let typeLabel: String?
        /// One line from the entity's description.
        let line: String?
        let when: String?
        let whenISO: String?
        let count: Int?
    }

    /// Field names differ from the briefing's own: Mustache looks a missing value up in the
    /// enclosing views, and a source without a title must not show the briefing's.
    struct Source {
        let sourceTitle: String?
        let publisher: String?
        let sourceURL: String?
        let published: String?
        /// Site page: the URL is a safe http(s) link.
        let linkURL: String?
    }

    struct Note {
        let number: Int
        let url: String
    }

    let actors: [Entity]
    let events: [Entity]
    let themes: [Entity]
    let sources: [Source]
    let notes: [Note]
    let hasActors: Bool
    let hasEvents: Bool
    let hasThemes: Bool
    let hasSources: Bool
    let hasNotes: Bool
    let isEmpty: Bool
}

/// The ICD 203 likelihood terms and the confidence levels, as a key to the judgments.
struct EstimativeKeyView {
    struct Term {
        let term: String
        let range: String
        let synonyms: String?
    }

    struct Level {
        let term: String
        let meaning: String
    }

    let likelihoods: [Term]
    let confidences: [Level]
}

/// "Everything about X on one page": an entity's single-file briefing.
struct EntityBriefingView {
    struct Fact {
        let label: String
        let value: String
    }

    struct TimelineItem {
        let name: String
        let when: String?
        let isoDate: String?
        /// How the event relates to the entity: "took part", "mentioned together", "this event".
        let role: String
        let isSelf: Bool
    }

    struct DocumentPassages {
        let title: String
        let date: String?
        let section: String
        /// Quoted as on the entity's page, HTML as bytes (`{{{.}}}`).
        let passages: [HTMLBytes]
    }

    let head: StandaloneHead
    let name: String
    let kind: String
    let kindLabel: String
    let typeLabel: String?
    let descriptionHTML: String?
    let facts: [Fact]
    let timeline: [TimelineItem]
    let documents: [DocumentPassages]
    /// Documents that mention the entity beyond those quoted; nil for none.
    let moreDocuments: Int?
    let relatedActors: [AnnexView.Entity]
    let relatedThemes: [AnnexView.Entity]
    let notes: [AnnexView.Note]
    let siteAddress: String?
    let hasTimeline: Bool
    let hasDocuments: Bool
    let hasRelatedActors: Bool
    let hasRelatedThemes: Bool
    let hasNotes: Bool
}
