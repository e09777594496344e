import Templating

// Views answer template lookups with a switch over the name's number (`ViewKey`): no
// reflection, no dynamic casts. `ViewConformanceTests` checks that every stored property is
// answered here.

extension LayoutView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .siteTitle: self.siteTitle.templateValue
        case .siteDescription: self.siteDescription.templateValue
        case .language: self.language.templateValue
        case .direction: self.direction.templateValue
        case .pageTitle: self.pageTitle.templateValue
        case .title: self.title.templateValue
        case .description: self.description.templateValue
        case .stylesheet: self.stylesheet.templateValue
        case .icon: self.icon.templateValue
        case .extraStylesheets: self.extraStylesheets.templateValue
        case .headCSS: self.headCSS.templateValue
        case .homeURL: self.homeURL.templateValue
        case .graphURL: self.graphURL.templateValue
        case .searchURL: self.searchURL.templateValue
        case .themeScript: self.themeScript.templateValue
        case .quickSearchScript: self.quickSearchScript.templateValue
        case .searchData: self.searchData.templateValue
        case .searchScript: self.searchScript.templateValue
        case .rootURL: self.rootURL.templateValue
        case .previewScript: self.previewScript.templateValue
        case .previewData: self.previewData.templateValue
        case .feedURL: self.feedURL.templateValue
        case .canonical: self.canonical.templateValue
        case .ogType: self.ogType.templateValue
        case .ogLocale: self.ogLocale.templateValue
        case .publishedTime: self.publishedTime.templateValue
        case .jsonLD: self.jsonLD.templateValue
        case .nav: self.nav.templateValue
        case .generator: self.generator.templateValue
        default: .missing
        }
    }
}

extension LayoutView.NavItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .label: self.label.templateValue
        case .url: self.url.templateValue
        case .current: self.current.templateValue
        default: .missing
        }
    }
}

extension EntityLinkView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .name: self.name.templateValue
        case .url: self.url.templateValue
        case .kind: self.kind.templateValue
        case .typeLabel: self.typeLabel.templateValue
        case .when: self.when.templateValue
        case .count: self.count.templateValue
        case .weight: self.weight.templateValue
        case .isStub: self.isStub.templateValue
        default: .missing
        }
    }
}

extension DocumentSummaryView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .title: self.title.templateValue
        case .url: self.url.templateValue
        case .published: self.published.templateValue
        case .publishedISO: self.publishedISO.templateValue
        case .summary: self.summary.templateValue
        case .section: self.section.templateValue
        case .authors: self.authors.templateValue
        case .isBriefing: self.isBriefing.templateValue
        default: .missing
        }
    }
}

extension MentionGroupView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .title: self.title.templateValue
        case .url: self.url.templateValue
        case .published: self.published.templateValue
        case .source: self.source.templateValue
        case .snippets: self.snippets.templateValue
        case .more: self.more.templateValue
        case .moreURL: self.moreURL.templateValue
        default: .missing
        }
    }
}

extension MentionGroupView.Snippet: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .html: self.html.templateValue
        case .url: self.url.templateValue
        default: .missing
        }
    }
}

extension PagerView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .previousURL: self.previousURL.templateValue
        case .nextURL: self.nextURL.templateValue
        case .current: self.current.templateValue
        case .total: self.total.templateValue
        case .pages: self.pages.templateValue
        default: .missing
        }
    }
}

extension PagerView.Link: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .number: self.number.templateValue
        case .url: self.url.templateValue
        case .current: self.current.templateValue
        default: .missing
        }
    }
}

extension HomeView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .documents: self.documents.templateValue
        case .briefings: self.briefings.templateValue
        case .keyActors: self.keyActors.templateValue
        case .recentEvents: self.recentEvents.templateValue
        case .themes: self.themes.templateValue
        case .stats: self.stats.templateValue
        case .hasBriefings: self.hasBriefings.templateValue
        default: .missing
        }
    }
}

extension HomeView.Stats: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .documents: self.documents.templateValue
        case .actors: self.actors.templateValue
        case .events: self.events.templateValue
        case .themes: self.themes.templateValue
        default: .missing
        }
    }
}

extension DocumentView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .title: self.title.templateValue
        case .date: self.date.templateValue
        case .isoDate: self.isoDate.templateValue
        case .authors: self.authors.templateValue
        case .summary: self.summary.templateValue
        case .sourcePublisher: self.sourcePublisher.templateValue
        case .sourceURL: self.sourceURL.templateValue
        case .themes: self.themes.templateValue
        case .isBriefing: self.isBriefing.templateValue
        case .bluf: self.bluf.templateValue
        case .judgments: self.judgments.templateValue
        case .toc: self.toc.templateValue
        case .bodyHTML: self.bodyHTML.templateValue
        case .entityGroups: self.entityGroups.templateValue
        case .readingMinutes: self.readingMinutes.templateValue
        case .section: self.section.templateValue
        case .sectionURL: self.sectionURL.templateValue
        case .hasJudgments: self.hasJudgments.templateValue
        case .hasTOC: self.hasTOC.templateValue
        case .hasThemes: self.hasThemes.templateValue
        case .linkedFrom: self.linkedFrom.templateValue
        case .hasLinkedFrom: self.hasLinkedFrom.templateValue
        case .linkedFromSummary: self.linkedFromSummary.templateValue
        case .cssClasses: self.cssClasses.templateValue
        default: .missing
        }
    }
}

extension DocumentView.TOCItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .text: self.text.templateValue
        case .anchor: self.anchor.templateValue
        case .children: self.children.templateValue
        case .hasChildren: self.hasChildren.templateValue
        default: .missing
        }
    }
}

extension DocumentView.EntityGroup: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .label: self.label.templateValue
        case .kind: self.kind.templateValue
        case .entities: self.entities.templateValue
        default: .missing
        }
    }
}

extension SectionView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .title: self.title.templateValue
        case .documents: self.documents.templateValue
        default: .missing
        }
    }
}

extension IndexView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .title: self.title.templateValue
        case .intro: self.intro.templateValue
        case .total: self.total.templateValue
        case .groups: self.groups.templateValue
        case .chartSVG: self.chartSVG.templateValue
        case .chartNote: self.chartNote.templateValue
        default: .missing
        }
    }
}

extension IndexView.Group: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .label: self.label.templateValue
        case .anchor: self.anchor.templateValue
        case .entities: self.entities.templateValue
        default: .missing
        }
    }
}

extension EntityView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .name: self.name.templateValue
        case .kind: self.kind.templateValue
        case .kindLabel: self.kindLabel.templateValue
        case .typeLabel: self.typeLabel.templateValue
        case .aliases: self.aliases.templateValue
        case .wikidataURL: self.wikidataURL.templateValue
        case .isStub: self.isStub.templateValue
        case .stubPath: self.stubPath.templateValue
        case .descriptionHTML: self.descriptionHTML.templateValue
        case .mentionCount: self.mentionCount.templateValue
        case .documentCount: self.documentCount.templateValue
        case .mentionGroups: self.mentionGroups.templateValue
        case .describedBy: self.describedBy.templateValue
        case .hasDescribedBy: (!self.describedBy.isEmpty).templateValue
        case .pager: self.pager.templateValue
        case .relatedActors: self.relatedActors.templateValue
        case .relatedEvents: self.relatedEvents.templateValue
        case .relatedThemes: self.relatedThemes.templateValue
        case .documents: self.documents.templateValue
        case .date: self.date.templateValue
        case .edtf: self.edtf.templateValue
        case .place: self.place.templateValue
        case .participants: self.participants.templateValue
        case .eventThemes: self.eventThemes.templateValue
        case .previousEvent: self.previousEvent.templateValue
        case .nextEvent: self.nextEvent.templateValue
        case .participation: self.participation.templateValue
        case .neighbourhoodSVG: self.neighbourhoodSVG.templateValue
        case .timelineSVG: self.timelineSVG.templateValue
        case .broader: self.broader.templateValue
        case .narrower: self.narrower.templateValue
        case .indexURL: self.indexURL.templateValue
        case .mentionSummary: self.mentionSummary.templateValue
        case .hasMentions: self.hasMentions.templateValue
        case .hasAliases: self.hasAliases.templateValue
        case .hasParticipation: self.hasParticipation.templateValue
        case .hasRelatedActors: self.hasRelatedActors.templateValue
        case .hasRelatedEvents: self.hasRelatedEvents.templateValue
        case .hasRelatedThemes: self.hasRelatedThemes.templateValue
        case .hasParticipants: self.hasParticipants.templateValue
        case .hasEventThemes: self.hasEventThemes.templateValue
        case .hasNarrower: self.hasNarrower.templateValue
        case .hasDocuments: self.hasDocuments.templateValue
        default: .missing
        }
    }
}

extension SearchPageView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .indexScript: self.indexScript.templateValue
        case .script: self.script.templateValue
        case .root: self.root.templateValue
        case .entries: self.entries.templateValue
        default: .missing
        }
    }
}

extension GraphPageView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .svg: self.svg.templateValue
        case .nodeCount: self.nodeCount.templateValue
        case .edgeCount: self.edgeCount.templateValue
        case .total: self.total.templateValue
        case .isPartial: self.isPartial.templateValue
        case .themes: self.themes.templateValue
        case .script: self.script.templateValue
        default: .missing
        }
    }
}

extension GraphPageView.ThemeOption: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .id: self.id.templateValue
        case .name: self.name.templateValue
        default: .missing
        }
    }
}
