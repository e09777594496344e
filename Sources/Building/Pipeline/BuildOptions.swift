import Foundation
import Loading

/// What a build, check or export is asked to do (the command line's options).
package struct BuildOptions: Sendable {
    package var site: URL
    package var output: URL
    /// Warnings fail the build.
    package var strict = false
    /// Include documents marked `draft: true`.
    package var drafts = false
    /// Overrides `baseURL` from `dossier.yml`.
    package var baseURL: String?
    /// The built-in theme folder; nil uses the one embedded in the binary.
    package var builtinTheme: URL?
    /// Told the name of each stage as it starts, e.g. "Parsing 5000 files".
    package var progress: (@Sendable (String) -> Void)?
    /// Parsed files from earlier builds in this process, reused when unchanged.
    package var parseCache: ParseCache?
    /// Keep parsed files in `.dossier/cache` in the site between runs (`dossier build`).
    package var persistentCache = false
    /// With a persistent cache: when every file, setting and theme file is as the recorded
    /// build had them, do not link; report that build (`Generation.unchanged`).
    var skipsUnchangedLink = false
    /// How much older than a build a file's times must be for the build cache to trust its
    /// status (`ContentLoader.statusMargin`). Tests that write files and build at once
    /// set it to zero.
    package var statusMargin: Int64 = 2_000_000_000
    /// Count the parsed files' words for the search index while the site links (a build
    /// that renders; not `check`).
    var countsSearchWords = false
    /// False for a program that exits after this one build (`dossier build`): what the build
    /// made is left for the exit to reclaim, as `clang -cc1 -disable-free` does. Freeing a
    /// parsed site object by object took 0.12 s of one core after the last page was written.
    package var freesMemory = true

    package init(site: URL, output: URL? = nil) {
        self.site = site.standardizedFileURL
        self.output = (output ?? site.appendingPathComponent("Output")).standardizedFileURL
    }
}

extension BuildOptions {
    /// The content folder's path: `SITE/Content`, or the site folder for a vault.
    package var contentRoot: String {
        let folder = ConfigLoader.load(site: site).0.contentFolder
        return folder.isEmpty ? site.path : site.appendingPathComponent(folder).path
    }
}
