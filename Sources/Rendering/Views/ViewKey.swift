import Templating

/// Every name a view answers, numbered: the theme's templates are compiled with these
/// names first (`TemplateKey`), so a view's lookup is a `switch` on a number.
/// `ViewConformanceTests` checks that each stored property of each view is answered.
enum ViewKey: Int, CaseIterable {
    case actors, aliases, anchor, annex, authors, banner, basis, bluf
    case bodyHTML, briefings, broader, canonical, chartNote, chartSVG, children, confidence
    case confidences, count, css, cssClasses, current, cutoff, cutoffISO, date
    case describedBy, description, descriptionHTML, direction, documentCount, documents, downloadURL, edgeCount
    case edtf, entities, entityGroups, entries, eventThemes, events, extraStylesheets, facts
    case feedURL, generator, graphURL, groups, hasActors, hasAliases, hasBriefings, hasChildren
    case hasDescribedBy, hasDocuments, hasEventThemes, hasEvents, hasJudgments, hasLinkedFrom, hasMentions, hasNarrower
    case hasNotes, hasParticipants, hasParticipation, hasRelatedActors, hasRelatedEvents, hasRelatedThemes, hasScale, hasSources
    case hasTOC, hasThemes, hasTimeline, head, headCSS, homeURL, html, icon
    case id, indexScript, indexURL, intro, isBriefing, isEmpty, isPartial, isSelf
    case isStub, isoDate, jsonLD, judgments, key, keyActors, kind, kindLabel
    case label, language, layout, likelihood, likelihoodRange, likelihoods, line, linkURL
    case linkedFrom, linkedFromSummary, meaning, mentionCount, mentionGroups, mentionSummary, more, moreDocuments
    case moreURL, name, narrower, nav, neighbourhoodSVG, nextEvent, nextURL, nodeCount
    case notes, number, ogLocale, ogType, pageCSS, pageTitle, pager, pages
    case participants, participation, passages, place, previewData, previewScript, previousEvent, previousURL
    case published, publishedISO, publishedTime, publisher, quickSearchScript, range, readingMinutes, recentEvents
    case relatedActors, relatedEvents, relatedThemes, role, root, rootURL, scale, script
    case searchData, searchScript, searchURL, section, sectionURL, siteAddress, siteDescription, siteTitle
    case snippets, source, sourcePublisher, sourceTitle, sourceURL, sources, stats, stubPath
    case style, stylesheet, summary, svg, synonyms, term, text, themeScript
    case themes, timeline, timelineSVG, title, toc, total, typeLabel, url
    case value, weight, when, whenISO, wikidataURL
    /// A name no view answers.
    case other

    init(_ key: TemplateKey) { self = ViewKey(rawValue: key.id) ?? .other }

    /// The names in the order of their numbers, for `TemplateLibrary`.
    static let vocabulary = allCases.dropLast().map { String(describing: $0) }
}
