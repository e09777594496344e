import Foundation
import Model

/// Single self-contained HTML files: a briefing document, or an entity's briefing. The
/// theme's `assets/briefing.css` is inlined, entity names are text explained by an annex,
/// and a Content-Security-Policy forbids every request, so the file opens offline and
/// never reaches out, wherever it is mailed.
package struct StandaloneRenderer: Sendable {
    let site: Site
    let templates: TemplateSet
    let index: RenderIndex
    let css: String

    package init(site: Site, templates: TemplateSet) {
        self.init(site: site, templates: templates, index: RenderIndex(site))
    }

    init(site: Site, templates: TemplateSet, index: RenderIndex) {
        self.site = site
        self.templates = templates
        self.index = index
        css = templates.inlinedCSS
    }

    /// A file parsed for a single file (`FileParser.parseStandalone`), its notes, and the
    /// files it embeds (`![[map.png]]`) as `data:` URIs by their published path.
    package struct Reparsed: Sendable {
        package var file: ParsedFile
        package var notes: [String]
        package var media: [String: String] = [:]

        package init(_ parsed: (file: ParsedFile, notes: [String])) {
            file = parsed.file
            notes = parsed.notes
        }
    }

    /// When the file cannot be read again as it was built (deleted or edited during the
    /// build), the single file says so instead of falling back on the site's parse, whose
    /// links and images would reach outside it. The next build makes it whole.
    package static func unavailable(_ file: ParsedFile) -> Reparsed {
        var empty = file
        empty.body = RenderedBody(segments: [.html("<p class=\"notice\">The text of this briefing changed while the site was built; build the site again to include it.</p>\n")])
        empty.mentions = []
        return Reparsed((empty, []))
    }

    /// The single file of the briefing document at `file` (an index into `site.files`).
    package func briefing(_ file: Int, reparsed: Reparsed) -> String {
        let meta = site.documentMeta(file) ?? DocumentMeta(title: site.files[file].path)
        let view = context(media: reparsed.media).briefingView(file, reparsed: reparsed.file, notes: reparsed.notes,
                                        head: head(title: meta.title, pageCSS: RenderContext.printCSS(meta)))
        return templates.render(view, template: .brief)
    }

    /// The single-file briefing on the entity at `entity` (an index into `site.entities`);
    /// `reparsed` is its description file parsed for a single file, when it has one.
    package func entityBriefing(_ entity: Int, reparsed: Reparsed?) -> String {
        let name = site.name(of: entity)
        let view = context(media: reparsed?.media ?? [:]).entityBriefingView(entity, reparsed: reparsed?.file, notes: reparsed?.notes ?? [],
                                              head: head(title: name, pageCSS: RenderContext.printCSS(DocumentMeta(title: name))))
        return templates.render(view, template: .briefEntity)
    }

    private func context(media: [String: String]) -> RenderContext {
        RenderContext(site: site, urls: URLs(pretty: site.config.prettyURLs, folder: ""), navigation: Navigation(site), index: index,
                      standalone: true, media: media)
    }

    private func head(title: String, pageCSS: String) -> StandaloneHead {
        StandaloneHead(language: site.config.language, direction: site.config.direction, siteTitle: site.config.title,
                       css: css, pageCSS: CSS.inline(pageCSS))
    }
}
