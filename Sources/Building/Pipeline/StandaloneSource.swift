import Foundation
import Loading
import Model
import Rendering

/// A document read and parsed again for its single self-contained file, with its images
/// embedded: the site's own parse rewrote links for pages and left images as references.
struct StandaloneSource: Sendable {
    let site: URL
    let config: SiteConfig

    /// Nil when the file cannot be read again, or no longer holds the mentions the site was
    /// linked from (it changed during the build); diagnostics say why an image was left out.
    func reparse(_ path: String, expecting mentions: [Mention]? = nil) -> (reparsed: StandaloneRenderer.Reparsed?, diagnostics: [Diagnostic]) {
        let loader = ContentLoader(site: site, config: config)
        let (file, loadDiagnostics) = loader.reload(path)
        guard let file else { return (nil, loadDiagnostics) }
        let embedder = ImageEmbedder(site: site, contentFolder: config.contentFolder)
        let problems = Problems()
        let parser = FileParser(allowRawHTML: false, prettyURLs: config.prettyURLs)
        let reparsed = parser.parseStandalone(file) { url, location in
            switch embedder.embed(url, in: path) {
            case .success(let uri): return uri
            case .failure(let error):
                problems.list.append(.warning(.imageNotEmbedded, "image '\(url)' is left out of the single file: \(error)", at: location))
                return nil
            }
        }
        if let mentions, reparsed.file.mentions != mentions { return (nil, loadDiagnostics) }
        return (reparsed, loadDiagnostics + problems.list)
    }

    /// Collects what the embedding closure reports; it runs synchronously, inside the parse.
    private final class Problems {
        var list: [Diagnostic] = []
    }
}
