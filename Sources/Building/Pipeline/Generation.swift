import Foundation
import Linking
import Loading
import Model
import Rendering
import Theme

/// Load → Parse → Link (→ Render): the build without writing, shared by `build`, `check`
/// and `export` so they can never disagree.
package struct Generation: Sendable {
    package var site: Site?
    /// The settings, with `--base-url` applied.
    package var config: SiteConfig?
    package var templates: TemplateSet?
    /// What loading the theme reported, kept with it for a rebuild that reuses it.
    var themeDiagnostics: [Diagnostic] = []
    /// Every page to render, derived once: the collision check and the renderer share it.
    package var pages: [Page] = []
    /// Non-Markdown files of `Content/` to copy.
    package var contentAssets: [(relativePath: String, url: URL)] = []
    /// Briefings parsed again for their single files (`briefing.html`), with their images
    /// embedded, by file index: done here, so an image that cannot be embedded is a
    /// diagnostic of the build (and of `check`) like any other.
    package var singleFiles: [Int: StandaloneRenderer.Reparsed] = [:]
    package var diagnostics: [Diagnostic] = []
    package var timings: [(step: String, seconds: Double)] = []
    /// The parsed files' words, being counted for the search index (`countsSearchWords`).
    package var searchWords: SearchWordCounts?
    /// With a parse cache: files reused from it and files parsed.
    package var parsing: (reused: Int, parsed: Int)?
    /// Markdown files read from disk: all of them, but in a build that found every file's
    /// status as the previous build recorded it (`ContentLoader.load(known:)`).
    package var readFiles = 0
    /// The content files in order, for a rebuild that re-reads only some of them, and
    /// whether loading them raised no diagnostic (a rebuild may then skip the walk).
    var files: [(path: String, role: FileRole)] = []
    var loadedCleanly = true
    /// Whether only the changed files of the previous build were read and parsed (the file
    /// list is the previous one), and whether linking only redid what they touch.
    var targeted = false
    var relinked = false
    /// Diagnostics found after parsing: by linking, and for briefings' single files. A build
    /// record keeps them for a build that does not link (`unchanged`).
    var linkDiagnostics: [Diagnostic] = []
    /// Set, with no site, when every file, setting and theme file is as the recorded build
    /// had them (`BuildOptions.skipsUnchangedLink`): that build's summary.
    var unchanged: BuildSummary?
    /// The files whose bytes changed, when the previous build said which (`serve`); nil
    /// when every file was read.
    var changedFiles: [Int]?
    /// The parse's diagnostics by file index, for the files that have any: the next targeted
    /// build takes them over and replaces only the changed files', where reading each of
    /// 10,000 files' lists was a tenth of an edit's linking time.
    var fileDiagnostics: [Int: [Diagnostic]] = [:]

    /// Errors, or warnings when strict.
    package func failed(strict: Bool) -> Bool {
        diagnostics.hasErrors || (strict && diagnostics.warningCount > 0)
    }
}

package enum Pipeline {
    /// Work the previous build in this process did, for a rebuild that knows which files
    /// changed (`serve`): the file list, and the parsed files that did not change.
    struct Previous {
        var files: [(path: String, role: FileRole)]
        var assets: [(relativePath: String, url: URL)]
        /// Site-relative paths of Markdown files whose bytes changed, with their places in
        /// `files` (and in `site.files`, which is parsed from them in order); nothing else did.
        var changed: Set<String>
        var changedIndexes: [Int]
        var config: SiteConfig
        /// The previous build's linked site, for linking only what changed.
        var site: Site
        /// The theme as loaded then, and what loading it reported: only Markdown changed.
        var templates: TemplateSet
        var themeDiagnostics: [Diagnostic]
        /// The page inventory, and the single files made for briefings, by file index.
        var pages: [Page]
        var singleFiles: [Int: StandaloneRenderer.Reparsed]
        /// The parse's diagnostics by file index (`Generation.fileDiagnostics`).
        var fileDiagnostics: [Int: [Diagnostic]]
    }

    /// The theme: the site's `Templates/` over the built-in one, and what loading it reported.
    private static func loadTheme(_ options: BuildOptions) -> (templates: TemplateSet?, diagnostics: [Diagnostic]) {
        let siteTemplates = options.site.appendingPathComponent("Templates")
        let override = FileManager.default.fileExists(atPath: siteTemplates.path)
            && siteTemplates.resolvingSymlinksInPath() != (options.builtinTheme ?? BuiltinTheme.directory)?.resolvingSymlinksInPath()
            ? siteTemplates : nil
        return TemplateSet.load(builtin: options.builtinTheme ?? BuiltinTheme.directory, override: override)
    }

    /// An error when the built-in theme is missing (reported by every build that uses one).
    private static func missingTheme(_ options: BuildOptions) -> [Diagnostic] {
        guard options.builtinTheme ?? BuiltinTheme.directory == nil else { return [] }
        return [.error(
            .missingTheme,
            "the built-in theme was not found: keep the Dossier_Theme.resources folder beside the dossier executable, or give the site a complete Templates/ folder",
            at: nil)]
    }

    /// When `files` are the recorded build's, byte for byte, and the settings, theme, program
    /// and copied files are too, the site cannot differ from that build's: fills `generation`
    /// with the theme and that build's summary (`unchanged`), and returns the diagnostics
    /// of the files' parses and of that build after parsing. Nil (with nothing filled)
    /// otherwise. A briefing whose single file reads images from disk always links (no
    /// record covers those images).
    private static func unchanged(
        _ loaded: ContentLoader.Result, options: BuildOptions, config: SiteConfig, parser: FileParser, cache: ParseCache,
        into generation: inout Generation
    ) -> [Diagnostic]? {
        guard let summary = cache.previousSummary, let build = cache.previousBuild, !build.isEmpty,
              let parses = cache.recordedDiagnostics(loaded.files, recorded: loaded.recorded, with: parser) else { return nil }
        let files = loaded.files.map { ($0.path, $0.role) } + loaded.recorded.map { ($0.path, $0.role) }
        for (path, role) in files {
            guard case .document(section: "briefings", _) = role else { continue }
            guard let recorded = cache.recordedFile(path),
                  !recorded.body.htmlContains("<img")
            else { return nil }
        }
        let theme = loadTheme(options)
        guard let templates = theme.templates,
              BuildCache.signature(config: config, templates: templates, drafts: options.drafts,
                                   attachments: generation.contentAssets.map(\.relativePath)) == cache.previousSignature,
              summary.assets == assets(config, templates: templates, contentAssets: generation.contentAssets).map(\.path).sorted()
        else { return nil }
        generation.templates = templates
        generation.themeDiagnostics = theme.diagnostics
        generation.parsing = (reused: files.count, parsed: 0)
        generation.unchanged = summary
        return parses + missingTheme(options) + theme.diagnostics + summary.diagnostics
    }

    /// The changed files of `previous` read again, in the order of `changedIndexes`; nil when
    /// one cannot be read cleanly.
    private static func reload(_ previous: Previous, loader: ContentLoader) -> [ContentFile]? {
        var files: [ContentFile] = []
        for index in previous.changedIndexes {
            let (file, diagnostics) = loader.reload(previous.files[index].path)
            guard let file, diagnostics.isEmpty, file.role == previous.files[index].role else { return nil }
            files.append(file)
        }
        return files
    }

    /// Runs every stage up to and including linking; loads the theme when `withTheme`.
    package static func generate(_ options: BuildOptions, withTheme: Bool = true) -> Generation {
        generate(options, withTheme: withTheme, previous: nil)
    }

    static func generate(_ options: BuildOptions, withTheme: Bool = true, previous: Previous?) -> Generation {
        var generation = Generation()
        var clock = Stopwatch()

        var (config, configDiagnostics) = ConfigLoader.load(site: options.site)
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        generation.config = config
        generation.diagnostics += configDiagnostics

        options.progress?("Loading \(config.contentFolder.isEmpty ? "the vault" : config.contentFolder + "/")")
        var loader = ContentLoader(site: options.site, config: config, skipping: [options.output])
        loader.statusMargin = options.statusMargin
        let parser = FileParser(allowRawHTML: config.unsafeHTML, prettyURLs: config.prettyURLs)
        let cache = options.parseCache
        var parsed: [ParsedFile]
        // Only the changed files are read and parsed again when nothing else can have moved:
        // their places in the (sorted) file list are known, and every other file is as the
        // previous build parsed it. A changed file that cannot be read now (gone, too large)
        // sends the build the long way, which reports it.
        if let previous, previous.config == config, let reloaded = reload(previous, loader: loader) {
            generation.contentAssets = previous.assets
            generation.timings.append(("load", clock.lap()))
            parsed = previous.site.files
            generation.fileDiagnostics = previous.fileDiagnostics
            for (index, file) in zip(previous.changedIndexes, reloaded) {
                parsed[index] = cache?.parse(file, with: parser) ?? parser.parse(file)
                generation.fileDiagnostics[index] = parsed[index].diagnostics.isEmpty ? nil : parsed[index].diagnostics
            }
            generation.parsing = cache.map { _ in (reused: parsed.count - reloaded.count, parsed: reloaded.count) }
            cache?.finishTargetedBuild()
            generation.files = previous.files
            generation.targeted = true
        } else {
            // A build that may find nothing changed reads only the files whose status is not
            // the one the previous build recorded (a build with nothing changed, none).
            let skipsUnchanged = options.skipsUnchangedLink && withTheme && cache != nil
            let known = skipsUnchanged ? cache?.knownFiles() ?? [:] : [:]
            var loaded = loader.load(known: known)
            generation.readFiles = loaded.files.count
            generation.contentAssets = loaded.assets
            generation.timings.append(("load", clock.lap()))
            // The site cannot differ from the recorded build's: report that build, unparsed
            // and unlinked.
            if skipsUnchanged, let cache,
               let recorded = unchanged(loaded, options: options, config: config, parser: parser, cache: cache, into: &generation) {
                generation.diagnostics += loaded.diagnostics + recorded
                generation.loadedCleanly = loaded.diagnostics.isEmpty
                generation.timings += [("parse", 0), ("link", 0), ("theme", clock.lap())]
                generation.diagnostics = generation.diagnostics.sortedByLocation()
                return generation
            }
            // Something changed: the files left unread are read now.
            loader.readRecorded(into: &loaded)
            generation.readFiles = loaded.files.count
            generation.diagnostics += loaded.diagnostics
            generation.loadedCleanly = loaded.diagnostics.isEmpty
            options.progress?("Parsing \(loaded.files.count) files")
            parsed = loaded.files.parallelMap { cache?.parse($0, with: parser) ?? parser.parse($0) }
            if options.countsSearchWords { generation.searchWords = SearchWordCounts(parsed) }
            generation.parsing = cache?.finishBuild(keeping: Set(loaded.files.map(\.path)))
            generation.files = loaded.files.map { ($0.path, $0.role) }
            loaded.files = []  // The source bytes are not needed past parsing.
            for (index, file) in parsed.enumerated() where !file.diagnostics.isEmpty { generation.fileDiagnostics[index] = file.diagnostics }
        }
        // In file order, as the files are.
        for index in generation.fileDiagnostics.keys.sorted() { generation.diagnostics += generation.fileDiagnostics[index]! }
        generation.timings.append(("parse", clock.lap()))

        options.progress?("Linking")
        let linker = Linker(config: config, includeDrafts: options.drafts || config.drafts)
        var relinked: Site?
        if let previous, generation.targeted {
            relinked = linker.relink(previous.site, files: parsed, changed: previous.changedIndexes)
            generation.changedFiles = previous.changedIndexes
        }
        generation.relinked = relinked != nil
        let site = relinked ?? linker.link(parsed, attachments: generation.contentAssets.map(\.relativePath))
        generation.diagnostics += site.diagnostics
        generation.linkDiagnostics = site.diagnostics
        generation.site = site
        generation.timings.append(("link", clock.lap()))

        if withTheme {
            // A rebuild after Markdown edits only keeps the theme it had.
            let (templates, themeDiagnostics) = previous.map { ($0.templates, $0.themeDiagnostics) } ?? loadTheme(options)
            generation.diagnostics += missingTheme(options)
            generation.templates = templates
            generation.themeDiagnostics = themeDiagnostics
            generation.diagnostics += themeDiagnostics
            let source = StandaloneSource(site: options.site, config: site.config, assets: generation.contentAssets)
            for file in site.documents where site.isBriefing(file) {
                // A briefing whose Markdown did not change keeps its single file (its images
                // did not change either: a change to one is not a Markdown-only rebuild).
                if let previous, !previous.changed.contains(site.files[file].path), let kept = previous.singleFiles[file] {
                    generation.singleFiles[file] = kept
                    continue
                }
                let (reparsed, problems) = source.reparse(site.files[file].path, expecting: site.files[file].mentions, links: site.links[file], fixes: site.linkFixes[file] ?? [:])
                generation.singleFiles[file] = reparsed
                // Reading problems were reported when the file was loaded.
                let notEmbedded = problems.filter { $0.code == .imageNotEmbedded }
                generation.diagnostics += notEmbedded
                generation.linkDiagnostics += notEmbedded
            }
            if let templates {
                generation.pages = Page.inventory(of: site)
                // The same pages, theme and content files as a build that succeeded: nothing
                // collides now either.
                if previous?.pages != generation.pages {
                    generation.contentAssets = checkCollisions(site, pages: generation.pages, templates: templates,
                                                               contentAssets: generation.contentAssets, into: &generation.diagnostics)
                }
            }
            generation.timings.append(("theme", clock.lap()))
        }
        generation.diagnostics = generation.diagnostics.sortedByLocation()
        return generation
    }

    /// One unit of the Render stage's parallel work.
    enum Job: Sendable {
        case graph
        /// `sanitize`: an SVG from content, written without active content.
        case asset(path: String, url: URL, sanitize: Bool)
        case page(Page)
    }

    /// Renders every page, `graph.json` and the assets, handing each file to `emit` as soon
    /// as it is made (from many threads), so the site is never held in memory whole.
    /// Returns the number of pages.
    @discardableResult
    package static func render(
        _ site: Site, pages: [Page], templates: TemplateSet, contentAssets: [(relativePath: String, url: URL)],
        singleFiles: [Int: StandaloneRenderer.Reparsed], graph: Bool = true, index: RenderIndex? = nil,
        searchWords: SearchWordCounts? = nil, searchSeconds: (@Sendable (Double) -> Void)? = nil,
        emit: @Sendable (_ path: String, _ contents: consuming Contents) -> Void
    ) -> Int {
        let renderer = PageRenderer(site: site, templates: templates, index: index, searchWords: searchWords) { singleFiles[$0] }
        let assets = Self.assets(site.config, templates: templates, contentAssets: contentAssets).map(Job.asset)
        // The graph is the largest single job: it starts first so it does not finish last.
        // So does the search index, the next largest.
        let search: [Job] = pages.contains(.searchIndex) ? [.page(.searchIndex)] : []
        let jobs: [Job] = (graph ? [.graph] : []) + search + assets + pages.filter { $0 != .searchIndex }.map { .page($0) }
        jobs.parallelForEach { job in
            switch job {
            case .graph:
                emit("graph.json", .stream { sink in GraphExport.write(site, to: sink) })
            case let .asset(path, url, sanitize):
                // Readable when the content was loaded; one that is not now fails the build
                // rather than being published empty.
                guard let bytes = assetBytes(url, sanitize: sanitize) else {
                    emit(path, .unreadable("cannot read \(url.path) to publish it as \(path)"))
                    return
                }
                emit(path, .bytes(bytes))
            case .page(.searchIndex):
                var clock = Stopwatch()
                renderer.files(.searchIndex) { emit($0.path, .bytes($0.contents)) }
                searchSeconds?(clock.lap())
            case .page(let page):
                renderer.withRendered(page) { path, contents in emit(path, .borrowed(contents)) }
            }
        }
        return pages.count
    }

    /// The files copied into the output: the theme's, trusted as they are, and content's,
    /// whose SVG is sanitised unless the site says every author is trusted (`unsafe_html`).
    static func assets(_ config: SiteConfig, templates: TemplateSet, contentAssets: [(relativePath: String, url: URL)])
        -> [(path: String, url: URL, sanitize: Bool)] {
        let sanitize = !config.unsafeHTML
        return templates.assets.map { ($0.path, $0.url, false) }
            + contentAssets.map { ($0.relativePath, $0.url, sanitize && $0.relativePath.lowercased().hasSuffix(".svg")) }
    }

    /// An asset's bytes as published, or nil when it cannot be read. The loader refused an
    /// SVG that does not parse; one that stopped parsing since is published empty rather
    /// than as it is.
    static func assetBytes(_ url: URL, sanitize: Bool) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let bytes = [UInt8](data)
        return sanitize ? SVGSanitizer.sanitize(bytes) ?? [] : bytes
    }

    package enum Contents {
        case bytes([UInt8])
        /// Bytes that are valid only while `emit` runs (a page, where its template wrote it).
        case borrowed(UnsafeBufferPointer<UInt8>)
        case text(String)
        /// Produced in pieces, each handed to the sink in order.
        case stream((_ sink: ([UInt8]) -> Void) -> Void)
        /// A file that could not be made (a copied file that cannot be read now): the build fails.
        case unreadable(String)

        /// All the bytes, in memory (none for a file that could not be made).
        var bytes: [UInt8] {
            switch self {
            case .bytes(let bytes): return bytes
            case .borrowed(let bytes): return Array(bytes)
            case .unreadable: return []
            case .text(let text): return Array(text.utf8)
            case .stream(let produce):
                var all: [UInt8] = []
                produce { all += $0 }
                return all
            }
        }
    }

    /// A file of `Content/` or of the theme that would take the place of a generated page
    /// (or of another file) is an error, not a silent overwrite. Returns the assets to copy.
    static func checkCollisions(
        _ site: Site, pages: [Page], templates: TemplateSet, contentAssets: [(relativePath: String, url: URL)],
        into diagnostics: inout [Diagnostic]
    ) -> [(relativePath: String, url: URL)] {
        var taken = Set(pages.map { $0.outputPath(in: site) })
        taken.insert("graph.json")
        // The search index's own folders.
        func isTaken(_ path: String) -> Bool { SearchIndex.isChunk(path) || !taken.insert(path).inserted }
        for asset in templates.assets where isTaken(asset.path) {
            diagnostics.append(.error(.outputCollision, "the theme file \(asset.path) would replace a generated page", at: nil))
        }
        return contentAssets.filter { asset in
            guard !isTaken(asset.relativePath) else {
                diagnostics.append(.error(
                    .outputCollision, "\(asset.relativePath) would replace a page or file Dossier generates; rename it",
                    at: SourceLocation(path: "Content/" + asset.relativePath, line: 1, column: 1)))
                return false
            }
            return true
        }
    }
}

struct Stopwatch {
    private var last = DispatchTime.now()

    mutating func lap() -> Double {
        let now = DispatchTime.now()
        defer { last = now }
        return Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9
    }
}
