import Foundation
import Loading
import Model
import Rendering

/// A document read and parsed again for its single self-contained file, with its images
/// embedded: the site's own parse rewrote links for pages and left images as references.
struct StandaloneSource: Sendable {
    let site: URL
    let config: SiteConfig
    /// The content folder's other files, as published and on disk: the images a page shows
    /// by name alone or embeds (`![[…]]`) are read from them.
    var assets: [(relativePath: String, url: URL)] = []

    /// Nil when the file cannot be read again, or no longer holds the mentions the site was
    /// linked from (it changed during the build); diagnostics say why an image was left out.
    /// `links` are the file's mention links in the site (the attachments it embeds), `fixes`
    /// its images found by file name alone (`Site.linkFixes`): the single file shows the
    /// images the page shows.
    func reparse(_ path: String, expecting mentions: [Mention]? = nil, links: [Int: MentionLink] = [:], fixes: [String: String] = [:])
        -> (reparsed: StandaloneRenderer.Reparsed?, diagnostics: [Diagnostic]) {
        let loader = ContentLoader(site: site, config: config)
        let (file, loadDiagnostics) = loader.reload(path)
        guard let file else { return (nil, loadDiagnostics) }
        let embedder = ImageEmbedder(site: site, contentFolder: config.contentFolder)
        let problems = Problems()
        let parser = FileParser(allowRawHTML: false, prettyURLs: config.prettyURLs)
        var reparsed = StandaloneRenderer.Reparsed(parser.parseStandalone(file) { url, location in
            var result = embedder.embed(url, in: path)
            if case .failure(.unreadable) = result, let rewritten = RelativeLink.rewrite(url, prettyURLs: config.prettyURLs),
               let fixed = fixes[rewritten], let found = asset(published: fixed) {
                result = embedder.embed(file: found)
            }
            switch result {
            case .success(let uri): return uri
            case .failure(let error):
                problems.list.append(.warning(.imageNotEmbedded, "image '\(url)' is left out of the single file: \(error)", at: location))
                return nil
            }
        })
        if let mentions, reparsed.file.mentions != mentions { return (nil, loadDiagnostics) }
        for (m, link) in links.sorted(by: { $0.key < $1.key }) where reparsed.file.mentions.indices.contains(m) && reparsed.file.mentions[m].embed {
            // Images only: a PDF, audio or video stays its name, as a single file cannot play it.
            guard case .attachment(let published) = link.page, reparsed.media[published] == nil,
                  ImageEmbedder.isImage(published), let found = asset(published: published) else { continue }
            switch embedder.embed(file: found) {
            case .success(let uri): reparsed.media[published] = uri
            case .failure(let error):
                problems.list.append(.warning(.imageNotEmbedded, "'\(reparsed.file.mentions[m].target)' is left out of the single file: \(error)",
                                              at: reparsed.file.mentions[m].location))
            }
        }
        return (reparsed, loadDiagnostics + problems.list)
    }

    /// The file on disk behind a published path as links write it (percent-encoded).
    private func asset(published: String) -> URL? {
        let path = published.removingPercentEncoding ?? published
        return assets.first { $0.relativePath == path }?.url
    }

    /// Collects what the embedding closure reports; it runs synchronously, inside the parse.
    private final class Problems {
        var list: [Diagnostic] = []
    }
}
