import Mustache

// Views answer Mustache lookups directly. swift-mustache otherwise reads stored properties
// through Mirror, which demangles type metadata on every lookup: profiled at over 70% of a
// large build. `ViewConformanceTests` checks that every stored property is answered here.

extension LayoutView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "siteTitle": self.siteTitle
        case "siteDescription": self.siteDescription
        case "language": self.language
        case "direction": self.direction
        case "pageTitle": self.pageTitle
        case "description": self.description
        case "stylesheet": self.stylesheet
        case "homeURL": self.homeURL
        case "canonical": self.canonical
        case "nav": self.nav
        case "generator": self.generator
        default: nil
        }
    }
}

extension LayoutView.NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "url": self.url
        case "current": self.current
        default: nil
        }
    }
}

extension EntityLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "url": self.url
        case "kind": self.kind
        case "typeLabel": self.typeLabel
        case "when": self.when
        case "count": self.count
        case "weight": self.weight
        case "isStub": self.isStub
        default: nil
        }
    }
}

extension DocumentSummaryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "url": self.url
        case "published": self.published
        case "publishedISO": self.publishedISO
        case "summary": self.summary
        case "section": self.section
        case "authors": self.authors
        case "isBriefing": self.isBriefing
        default: nil
        }
    }
}

extension MentionGroupView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": self.title
        case "url": self.url
        case "published": self.published
        case "source": self.source
        case "snippets": self.snippets
        default: nil
        }
    }
}

extension MentionGroupView.Snippet: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "html": self.html
        case "url": self.url
        default: nil
        }
    }
}

extension PagerView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "previousURL": self.previousURL
        case "nextURL": self.nextURL
        case "current": self.current
        case "total": self.total
        case "pages": self.pages
        default: nil
        }
    }
}

extension PagerView.Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "url": self.url
        case "current": self.current
        default: nil
        }
    }
}

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "documents": self.documents
        case "briefings": self.briefings
        case "keyActors": self.keyActors
        case "recentEvents": self.recentEvents
        case "themes": self.themes
        case "stats": self.stats
        case "hasBriefings": self.hasBriefings
        default: nil
        }
    }
}

extension HomeView.Stats: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "documents": self.documents
        case "actors": self.actors
        case "events": self.events
        case "themes": self.themes
        default: nil
        }
    }
}

extension DocumentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "title": self.title
        case "date": self.date
        case "isoDate": self.isoDate
        case "authors": self.authors
        case "summary": self.summary
        case "sourcePublisher": self.sourcePublisher
        case "sourceURL": self.sourceURL
        case "themes": self.themes
        case "isBriefing": self.isBriefing
        case "bluf": self.bluf
        case "judgments": self.judgments
        case "toc": self.toc
        case "bodyHTML": self.bodyHTML
        case "entityGroups": self.entityGroups
        case "readingMinutes": self.readingMinutes
        case "section": self.section
        case "sectionURL": self.sectionURL
        case "hasJudgments": self.hasJudgments
        case "hasTOC": self.hasTOC
        case "hasThemes": self.hasThemes
        default: nil
        }
    }
}

extension DocumentView.TOCItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": self.text
        case "anchor": self.anchor
        case "children": self.children
        case "hasChildren": self.hasChildren
        default: nil
        }
    }
}

extension DocumentView.JudgmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "number": self.number
        case "text": self.text
        case "likelihood": self.likelihood
        case "confidence": self.confidence
        case "basis": self.basis
        default: nil
        }
    }
}

extension DocumentView.EntityGroup: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "kind": self.kind
        case "entities": self.entities
        default: nil
        }
    }
}

extension SectionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "title": self.title
        case "documents": self.documents
        default: nil
        }
    }
}

extension IndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "title": self.title
        case "intro": self.intro
        case "total": self.total
        case "groups": self.groups
        default: nil
        }
    }
}

extension IndexView.Group: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": self.label
        case "anchor": self.anchor
        case "entities": self.entities
        default: nil
        }
    }
}

extension EntityView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": self.layout
        case "name": self.name
        case "kind": self.kind
        case "kindLabel": self.kindLabel
        case "typeLabel": self.typeLabel
        case "aliases": self.aliases
        case "wikidataURL": self.wikidataURL
        case "isStub": self.isStub
        case "stubPath": self.stubPath
        case "descriptionHTML": self.descriptionHTML
        case "mentionCount": self.mentionCount
        case "documentCount": self.documentCount
        case "mentionGroups": self.mentionGroups
        case "pager": self.pager
        case "relatedActors": self.relatedActors
        case "relatedEvents": self.relatedEvents
        case "relatedThemes": self.relatedThemes
        case "documents": self.documents
        case "date": self.date
        case "edtf": self.edtf
        case "place": self.place
        case "participants": self.participants
        case "eventThemes": self.eventThemes
        case "previousEvent": self.previousEvent
        case "nextEvent": self.nextEvent
        case "participation": self.participation
        case "broader": self.broader
        case "narrower": self.narrower
        case "indexURL": self.indexURL
        case "mentionSummary": self.mentionSummary
        case "hasMentions": self.hasMentions
        case "hasAliases": self.hasAliases
        case "hasParticipation": self.hasParticipation
        case "hasRelatedActors": self.hasRelatedActors
        case "hasRelatedEvents": self.hasRelatedEvents
        case "hasRelatedThemes": self.hasRelatedThemes
        case "hasParticipants": self.hasParticipants
        case "hasEventThemes": self.hasEventThemes
        case "hasNarrower": self.hasNarrower
        case "hasDocuments": self.hasDocuments
        default: nil
        }
    }
}
