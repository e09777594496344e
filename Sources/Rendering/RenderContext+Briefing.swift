import Model

extension RenderContext {
    /// `briefingView`: the briefing, and its annex, which describes each entity it mentions
    /// or lists in a line from that entity's own description.
    static func briefingInputs(_ list: inout InputList, file: Int) {
        list.layout()
        list.body(file)
        list.add(.timeline)
        let described = Set(list.site.resolutions[file].compactMap { $0 } + (list.site.documentThemes[file] ?? []))
        list.cards(described)
        for entity in described { list.oneLine(entity) }
    }

    /// The single file: the briefing without the site's layout, and its images, read from
    /// disk when it is rendered (`StandaloneSource`), which no input covers.
    static func briefingFileInputs(_ list: inout InputList, file: Int) {
        briefingInputs(&list, file: file)
        if list.site.files[file].body.htmlContains("<img") {
            list.add(.disk)
        }
    }

    /// A briefing document. For its single file, pass the file as parsed for it, its notes
    /// and the head to inline; the context must then be `standalone`.
    func briefingView(_ file: Int, reparsed: ParsedFile? = nil, notes: [String] = [], head: StandaloneHead? = nil) -> BriefingView {
        let meta = site.documentMeta(file) ?? DocumentMeta(title: site.files[file].path)
        let folder = documentFolder(file)
        let judgments = judgmentViews(meta)
        let layout = standalone ? nil : self.layout(
            title: meta.title, description: meta.bluf ?? meta.summary ?? leadText(file), current: "briefings", folder: folder,
            kind: .document(file), extraStylesheets: [urls.file("assets/briefing.css")], headCSS: Self.printCSS(meta))
        return BriefingView(
            layout: layout, head: head, banner: Self.banner(meta),
            title: meta.title, date: meta.date?.displayText, isoDate: meta.date?.lowerBound?.description,
            cutoff: meta.cutoff?.displayText, cutoffISO: meta.cutoff?.lowerBound?.description,
            authors: meta.authors.isEmpty ? nil : meta.authors.joined(separator: ", "), summary: meta.summary,
            bluf: meta.bluf, judgments: judgments, bodyHTML: bodyHTML(file, reparsed: reparsed),
            annex: annex(file, meta: meta, notes: notes), key: Self.estimativeKey,
            downloadURL: standalone ? nil : "briefing.html", siteAddress: standalone ? absoluteURL(folder) : nil,
            hasJudgments: !judgments.isEmpty)
    }

    /// Numbered key judgments, for briefings and any other document that has them.
    func judgmentViews(_ meta: DocumentMeta) -> [BriefingView.JudgmentView] {
        meta.judgments.enumerated().map { offset, judgment in
            BriefingView.JudgmentView(
                number: offset + 1, text: judgment.text, likelihood: judgment.likelihood?.term,
                likelihoodRange: judgment.likelihood.map { Self.percent($0.percent) }, confidence: judgment.confidence?.term,
                basis: judgment.basis,
                scale: Likelihood.allCases.map { .init(term: $0.term, current: $0 == judgment.likelihood) },
                hasScale: judgment.likelihood != nil)
        }
    }

    /// The actors, events and themes a document mentions (themes: also those it lists), and
    /// its sources and notes.
    func annex(_ file: Int, meta: DocumentMeta, notes: [String]) -> AnnexView {
        let counts = mentionCounts(inFile: file)
        func members(_ kind: EntityKind) -> [Int] { counts.keys.filter { site.kind(of: $0) == kind } }
        let actors = members(.actor).sorted { site.name(of: $0).localizedCompare(site.name(of: $1)) }
        let events = members(.event).sorted { site.timelinePosition[$0, default: .max] < site.timelinePosition[$1, default: .max] }
        let themes = Set(members(.theme) + (site.documentThemes[file] ?? []))
            .sorted { site.name(of: $0).localizedCompare(site.name(of: $1)) }
        var sources = meta.sources
        if let origin = meta.source, !sources.contains(origin) { sources.insert(origin, at: 0) }
        let sourceViews = sources.map { source in
            AnnexView.Source(sourceTitle: source.title, publisher: source.publisher, sourceURL: source.url, published: source.date?.displayText,
                             linkURL: standalone ? nil : source.url.flatMap(Self.safeExternalURL))
        }
        let noteViews = notes.enumerated().map { AnnexView.Note(number: $0.offset + 1, url: $0.element) }
        return AnnexView(
            actors: actors.map { annexEntity($0, count: counts[$0]) }, events: events.map { annexEntity($0, count: counts[$0]) },
            themes: themes.map { annexEntity($0, count: counts[$0]) }, sources: sourceViews, notes: noteViews,
            hasActors: !actors.isEmpty, hasEvents: !events.isEmpty, hasThemes: !themes.isEmpty,
            hasSources: !sourceViews.isEmpty, hasNotes: !noteViews.isEmpty,
            isEmpty: actors.isEmpty && events.isEmpty && themes.isEmpty && sourceViews.isEmpty && noteViews.isEmpty)
    }

    func annexEntity(_ index: Int, count: Int? = nil) -> AnnexView.Entity {
        let entity = site.entities[index]
        var typeLabel: String?
        if case let .actor(type, _) = entity.details { typeLabel = Labels.actorType(type) }
        return AnnexView.Entity(
            name: entity.name, url: standalone ? nil : entityURL(index), kind: entity.kind.rawValue, typeLabel: typeLabel,
            line: oneLine(index), when: entity.dateDisplay, whenISO: entity.date?.lowerBound?.description, count: count)
    }

    /// The first sentence of an entity's description, or for an event without one, where it
    /// happened.
    func oneLine(_ entity: Int) -> String? {
        if let file = site.entities[entity].file {
            let lead = leadText(file)
            if !lead.isEmpty { return Self.firstSentence(lead) }
        }
        if case let .event(_, _, place?, _, _) = site.entities[entity].details { return place }
        return nil
    }

    static func firstSentence(_ text: String) -> String {
        var previous: Character = " "
        for index in text.indices {
            let c = text[index]
            // A full stop after a lowercase letter or a digit ends the sentence; "U.S." does not.
            if c == "." || c == "!" || c == "?", previous.isLowercase || previous.isNumber || previous == ")",
               text.index(after: index) == text.endIndex || text[text.index(after: index)] == " " {
                return String(text[...index])
            }
            previous = c
        }
        return text
    }

    static func percent(_ range: ClosedRange<Int>) -> String {
        String(format: "%02d–%02d%%", range.lowerBound, range.upperBound)
    }

    static func banner(_ meta: DocumentMeta) -> BannerView? {
        let text = [meta.classification, meta.handling].compactMap { $0 }.joined(separator: " · ")
        guard !text.isEmpty else { return nil }
        return BannerView(text: text, style: tlpLevel(meta.classification ?? "").map { "tlp-\($0)" } ?? "plain")
    }

    /// The Traffic Light Protocol level of `TLP:AMBER+STRICT` and the like (TLP:WHITE is the
    /// older name of CLEAR).
    static func tlpLevel(_ text: String) -> String? {
        let upper = text.uppercased().filter { !$0.isWhitespace }
        guard upper.hasPrefix("TLP:") else { return nil }
        switch upper.dropFirst(4) {
        case "CLEAR", "WHITE": return "clear"
        case "GREEN": return "green"
        case "AMBER": return "amber"
        case "AMBER+STRICT": return "amber-strict"
        case "RED": return "red"
        default: return nil
        }
    }

    /// Print margin boxes: the banner at the top of every page, the title at the bottom.
    /// They hold the document's own words, so they are written as CSS strings.
    static func printCSS(_ meta: DocumentMeta) -> String {
        var css = "@page { @bottom-left { content: \(CSS.string(meta.title)); } "
        if let banner = banner(meta) { css += "@top-center { content: \(CSS.string(banner.text)); } " }
        return css + "}"
    }

    static let estimativeKey = EstimativeKeyView(
        likelihoods: Likelihood.allCases.map {
            .init(term: $0.term, range: percent($0.percent), synonyms: $0.synonyms.isEmpty ? nil : $0.synonyms.joined(separator: ", "))
        },
        confidences: Confidence.allCases.map { .init(term: $0.term, meaning: $0.meaning) })
}

/// Text for CSS.
enum CSS {
    /// A quoted CSS string. `<` is escaped too, so the text can never close a `<style>`.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.replacingForbiddenHTMLCodePoints.unicodeScalars {
            switch scalar {
            case "\"", "\\", "<", "\n", "\r", "\u{C}":
                out += "\\" + String(scalar.value, radix: 16) + " "
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A style sheet placed inside `<style>`: any `</` is broken so it cannot end the element.
    static func inline(_ css: String) -> String {
        css.replacingOccurrences(of: "</", with: "<\\/")
    }
}
