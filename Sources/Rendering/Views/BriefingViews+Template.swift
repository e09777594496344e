import Templating

// Template lookups for the briefing views; see Views+Template.swift.

extension BriefingView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .layout: self.layout.templateValue
        case .head: self.head.templateValue
        case .banner: self.banner.templateValue
        case .title: self.title.templateValue
        case .date: self.date.templateValue
        case .isoDate: self.isoDate.templateValue
        case .cutoff: self.cutoff.templateValue
        case .cutoffISO: self.cutoffISO.templateValue
        case .authors: self.authors.templateValue
        case .summary: self.summary.templateValue
        case .bluf: self.bluf.templateValue
        case .judgments: self.judgments.templateValue
        case .bodyHTML: self.bodyHTML.templateValue
        case .annex: self.annex.templateValue
        case .key: self.key.templateValue
        case .downloadURL: self.downloadURL.templateValue
        case .siteAddress: self.siteAddress.templateValue
        case .hasJudgments: self.hasJudgments.templateValue
        default: .missing
        }
    }
}

extension BriefingView.JudgmentView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .number: self.number.templateValue
        case .text: self.text.templateValue
        case .likelihood: self.likelihood.templateValue
        case .likelihoodRange: self.likelihoodRange.templateValue
        case .confidence: self.confidence.templateValue
        case .basis: self.basis.templateValue
        case .scale: self.scale.templateValue
        case .hasScale: self.hasScale.templateValue
        default: .missing
        }
    }
}

extension BriefingView.ScaleStep: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .term: self.term.templateValue
        case .current: self.current.templateValue
        default: .missing
        }
    }
}

extension StandaloneHead: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .language: self.language.templateValue
        case .direction: self.direction.templateValue
        case .siteTitle: self.siteTitle.templateValue
        case .css: self.css.templateValue
        case .pageCSS: self.pageCSS.templateValue
        case .generator: self.generator.templateValue
        default: .missing
        }
    }
}

extension BannerView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .text: self.text.templateValue
        case .style: self.style.templateValue
        default: .missing
        }
    }
}

extension AnnexView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .actors: self.actors.templateValue
        case .events: self.events.templateValue
        case .themes: self.themes.templateValue
        case .sources: self.sources.templateValue
        case .notes: self.notes.templateValue
        case .hasActors: self.hasActors.templateValue
        case .hasEvents: self.hasEvents.templateValue
        case .hasThemes: self.hasThemes.templateValue
        case .hasSources: self.hasSources.templateValue
        case .hasNotes: self.hasNotes.templateValue
        case .isEmpty: self.isEmpty.templateValue
        default: .missing
        }
    }
}

extension AnnexView.Entity: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .name: self.name.templateValue
        case .url: self.url.templateValue
        case .kind: self.kind.templateValue
        case .typeLabel: self.typeLabel.templateValue
        case .line: self.line.templateValue
        case .when: self.when.templateValue
        case .whenISO: self.whenISO.templateValue
        case .count: self.count.templateValue
        default: .missing
        }
    }
}

extension AnnexView.Source: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .sourceTitle: self.sourceTitle.templateValue
        case .publisher: self.publisher.templateValue
        case .sourceURL: self.sourceURL.templateValue
        case .published: self.published.templateValue
        case .linkURL: self.linkURL.templateValue
        default: .missing
        }
    }
}

extension AnnexView.Note: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .number: self.number.templateValue
        case .url: self.url.templateValue
        default: .missing
        }
    }
}

extension EstimativeKeyView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .likelihoods: self.likelihoods.templateValue
        case .confidences: self.confidences.templateValue
        default: .missing
        }
    }
}

extension EstimativeKeyView.Term: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .term: self.term.templateValue
        case .range: self.range.templateValue
        case .synonyms: self.synonyms.templateValue
        default: .missing
        }
    }
}

extension EstimativeKeyView.Level: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .term: self.term.templateValue
        case .meaning: self.meaning.templateValue
        default: .missing
        }
    }
}

extension EntityBriefingView: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .head: self.head.templateValue
        case .name: self.name.templateValue
        case .kind: self.kind.templateValue
        case .kindLabel: self.kindLabel.templateValue
        case .typeLabel: self.typeLabel.templateValue
        case .descriptionHTML: self.descriptionHTML.templateValue
        case .facts: self.facts.templateValue
        case .timeline: self.timeline.templateValue
        case .documents: self.documents.templateValue
        case .moreDocuments: self.moreDocuments.templateValue
        case .relatedActors: self.relatedActors.templateValue
        case .relatedThemes: self.relatedThemes.templateValue
        case .notes: self.notes.templateValue
        case .siteAddress: self.siteAddress.templateValue
        case .hasTimeline: self.hasTimeline.templateValue
        case .hasDocuments: self.hasDocuments.templateValue
        case .hasRelatedActors: self.hasRelatedActors.templateValue
        case .hasRelatedThemes: self.hasRelatedThemes.templateValue
        case .hasNotes: self.hasNotes.templateValue
        default: .missing
        }
    }
}

extension EntityBriefingView.Fact: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .label: self.label.templateValue
        case .value: self.value.templateValue
        default: .missing
        }
    }
}

extension EntityBriefingView.TimelineItem: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .name: self.name.templateValue
        case .when: self.when.templateValue
        case .isoDate: self.isoDate.templateValue
        case .role: self.role.templateValue
        case .isSelf: self.isSelf.templateValue
        default: .missing
        }
    }
}

extension EntityBriefingView.DocumentPassages: TemplateObject, TemplateRepresentable {
    func value(forKey key: TemplateKey) -> TemplateValue {
        switch ViewKey(key) {
        case .title: self.title.templateValue
        case .date: self.date.templateValue
        case .section: self.section.templateValue
        case .passages: self.passages.templateValue
        default: .missing
        }
    }
}
