import Foundation
import HashTreeCollections
import Linking
import Model
import Rendering
import Synchronization

/// The site built again after every change, kept in memory: what `dossier serve` shows.
/// Unchanged files are not parsed again; when only the text of existing files changed, only
/// the pages that show that text are rendered again (see `ChangeScope`). Each rebuild reports
/// which output files changed, so the browser reloads only those pages. A failed rebuild
/// keeps the last good site.
package final class PreviewBuild: Sendable {
    package struct Outcome: Sendable {
        package var diagnostics: [Diagnostic] = []
        package var succeeded = false
        /// Output paths (`actors/iran/index.html`) added or changed since the last good build.
        package var changed: [String] = []
        /// Output paths that no longer exist.
        package var removed: [String] = []
        package var reused = 0
        package var parsed = 0
        /// Pages in the site, and pages rendered by this build.
        package var pages = 0
        package var rendered = 0
        /// The output paths of the pages rendered by this build (not the theme's assets, nor
        /// pages made on request, `onRequest`), sorted.
        package var renderedPaths: [String] = []
        package var seconds = 0.0
        /// Seconds per stage.
        package var timings: [(step: String, seconds: Double)] = []
        /// Whether only the changed files were read, not the whole of `Content/`, and
        /// whether linking only redid what they touch.
        package var targeted = false
        package var relinked = false
        /// Whether the index of what the last state's pages read was there to ask, brought
        /// up to date after the last rebuild rather than made again for this one.
        package var keptIndex = false
    }

    /// What the last good build was made of.
    private struct State: Sendable {
        var site: Site
        var templates: TemplateSet
        var themeDiagnostics: [Diagnostic] = []
        var singleFiles: [Int: StandaloneRenderer.Reparsed] = [:]
        var pages: [Page]
        /// Output path → bytes. Persistent: the next state shares all but the files an edit
        /// changed with this one, which goes on serving while it is made.
        var files: TreeDictionary<String, [UInt8]>
        /// Content files and assets as loaded, and whether loading was clean.
        var content: [(path: String, role: FileRole)] = []
        /// Each content file's place in `content`.
        var positions: [String: Int] = [:]
        var assets: [(relativePath: String, url: URL)] = []
        var loadedCleanly = false
        /// The parse's diagnostics by file index (`Generation.fileDiagnostics`).
        var fileDiagnostics: [Int: [Diagnostic]] = [:]
        /// Files made when first asked for (see `onRequest`), by output path: which page each
        /// is, and the bytes once made.
        var deferred: [String: Page] = [:]
        var made: [String: [UInt8]] = [:]
        /// The renderer those files are made with, built once per state (its index is a pass
        /// over the whole site).
        var renderer: PageRenderer?
        /// Counts rebuilds, to tell states apart.
        var generation = 0
        /// What each page read, made at the first rebuild that can use it and kept up to date.
        var dependencies: DependencyIndex?
        /// What many pages repeat about each file and entity, kept up to date; out of the
        /// state while a rebuild updates it in place.
        var renderIndex: RenderIndex?
    }

    package let options: BuildOptions
    private let cache = ParseCache()
    /// Whether the last rebuild succeeded, so that its state holds every edit so far.
    private var lastSucceeded: Bool {
        get { shared.withLock { $0.succeeded } }
        set { shared.withLock { $0.succeeded = newValue } }
    }
    /// The last good state, and whether the last rebuild succeeded: rebuilds run on one
    /// queue, files are read from others.
    private struct Shared {
        var state: State?
        var succeeded = false
    }
    private let shared = Mutex(Shared())
    /// The dependency index being brought to the last state's pages, after its edit was
    /// served: the next rebuild waits for it.
    private let indexing = DispatchGroup()

    package init(options: BuildOptions) {
        var options = options
        options.parseCache = cache
        self.options = options
    }

    /// Whether a build has succeeded, so there is a site to serve.
    package var hasSite: Bool { shared.withLock { $0.state != nil } }

    /// The last good site: output path → bytes.
    package var files: [String: [UInt8]] {
        guard let current = shared.withLock({ $0.state }) else { return [:] }
        var all = Dictionary(uniqueKeysWithValues: current.files.lazy.map { ($0.key, $0.value) })
        for path in current.deferred.keys + ["graph.json"] { all[path] = file(at: path) }
        // The search index's other files, made with its manifest.
        let made = shared.withLock { $0.state?.generation == current.generation ? $0.state?.made ?? [:] : [:] }
        for (path, bytes) in made where all[path] == nil { all[path] = bytes }
        return all
    }

    /// Files that sum up the whole site, change with nearly every edit and are seldom open
    /// while writing: `graph.json`, the relationship graph (a force layout), the search
    /// index, the preview cards, feeds and the sitemap. A rebuild does not make them; the
    /// first request after it does.
    static func onRequest(_ page: Page) -> Bool {
        switch page {
        case .graph, .searchIndex, .previews, .sitemap, .feed: true
        default: false
        }
    }

    package func file(at path: String) -> [UInt8]? {
        guard let current = shared.withLock({ $0.state }) else { return nil }
        if let bytes = current.files[path] ?? current.made[path] { return bytes }
        // Made outside the lock, so requests for pages do not wait for it.
        var made: [OutputFile] = []
        if path == "graph.json" {
            var bytes: [UInt8] = []
            GraphExport.write(current.site) { bytes += $0 }
            made = [OutputFile(path: path, contents: bytes)]
        } else if current.made["search/index.js"] != nil, SearchIndex.isChunk(path) {
            // Made with the index, and not among its files: asked for by an older manifest.
            return nil
        } else if let page = current.deferred[path] ?? (SearchIndex.isChunk(path) ? current.deferred["search/index.js"] : nil) {
            // During a rebuild the index is being updated: this page makes its own. The
            // search index is made whole, all its files at once.
            let renderer = current.renderer
                ?? PageRenderer(site: current.site, templates: current.templates, index: current.renderIndex ?? RenderIndex(current.site))
            renderer.files(page) { made.append($0) }
            shared.withLock { if $0.state?.generation == current.generation, $0.state?.renderer == nil { $0.state?.renderer = renderer } }
        } else {
            return nil
        }
        shared.withLock { shared in
            // Kept only if no rebuild replaced the site meanwhile.
            guard shared.state?.generation == current.generation else { return }
            for file in made { shared.state?.made[file.path] = file.contents }
        }
        return made.first { $0.path == path }?.contents
    }

    /// Builds the site again. `changed`, when known, holds the absolute paths that changed
    /// since the last build (from the file watcher): when they are all Markdown files that
    /// existed before, only they are read again, not the whole of `Content/`. Calls are not
    /// expected to overlap (the server serialises them).
    package func rebuild(changed: Set<String>? = nil) -> Outcome {
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        var outcome = Outcome()
        indexing.wait()
        // After a failed rebuild the last good state misses that rebuild's edits: read all.
        let previous = lastSucceeded ? shared.withLock { $0.state }.flatMap { state in
            changed.flatMap { Self.previous(state, changed: $0, site: options.site) }
        } : nil
        let generation = Pipeline.generate(options, previous: previous)
        outcome.targeted = generation.targeted
        outcome.relinked = generation.relinked
        lastSucceeded = false
        outcome.timings = generation.timings
        outcome.diagnostics = generation.diagnostics
        (outcome.reused, outcome.parsed) = generation.parsing ?? (0, 0)
        guard !generation.failed(strict: options.strict), let site = generation.site, let templates = generation.templates else {
            outcome.seconds = elapsed()
            return outcome
        }
        // The dependency and render indexes leave the state while they are updated, so that
        // no second reference to them (the state's, its renderer's) makes an update copy them.
        var (last, dependencies, previousIndex) = shared.withLock { shared in
            defer {
                shared.state?.dependencies = nil
                shared.state?.renderIndex = nil
                shared.state?.renderer = nil
            }
            return (shared.state, shared.state?.dependencies, shared.state?.renderIndex)
        }
        last?.dependencies = nil
        last?.renderIndex = nil
        last?.renderer = nil
        outcome.keptIndex = dependencies != nil
        let scopeStart = DispatchTime.now()
        var indexUpdate: ChangeScope.IndexUpdate?
        let scope = last.map {
            ChangeScope.between(old: $0.site, $0.templates, oldPages: $0.pages, new: site, templates, pages: generation.pages,
                                files: generation.changedFiles, relinked: generation.relinked, index: &dependencies,
                                deferring: &indexUpdate)
        } ?? .everything
        // Brought to this build's pages once the edit is served (below).
        var staleIndex = indexUpdate == nil ? nil : dependencies.take()
        outcome.timings.append(("scope", Double(DispatchTime.now().uptimeNanoseconds - scopeStart.uptimeNanoseconds) / 1e9))
        let renderStart = DispatchTime.now()
        var pages: [Page]
        switch scope {
        case .everything: pages = generation.pages
        case .pages(let dirty): pages = generation.pages.filter(dirty.contains)
        }
        pages = pages.filter { !Self.onRequest($0) }
        let deferred = Dictionary(generation.pages.filter(Self.onRequest).map { ($0.outputPath(in: site), $0) }, uniquingKeysWith: { a, _ in a })

        var renderIndex: RenderIndex
        if let last, case .pages = scope, var index = previousIndex.take() {
            index.update(from: last.site, to: site, files: generation.changedFiles, comparable: generation.relinked)
            renderIndex = index
        } else {
            renderIndex = RenderIndex(site)
        }
        outcome.timings.append(("index", Double(DispatchTime.now().uptimeNanoseconds - renderStart.uptimeNanoseconds) / 1e9))
        let pagesStart = DispatchTime.now()
        let collected = Mutex<[String: [UInt8]]>([:])
        let unreadable = Mutex<[String]>([])
        outcome.rendered = Pipeline.render(site, pages: pages, templates: templates, contentAssets: generation.contentAssets,
                                           singleFiles: generation.singleFiles, graph: false, index: renderIndex) { path, contents in
            if case .unreadable(let reason) = contents {
                unreadable.withLock { $0.append(reason) }
                return
            }
            let bytes = contents.bytes
            collected.withLock { $0[path] = bytes }
        }
        // A copied file that cannot be read now fails the rebuild: the last good site stays served.
        let problems = unreadable.withLock { $0 }.sorted()
        guard problems.isEmpty else {
            outcome.diagnostics += problems.map { .error(.unreadableFile, $0, at: nil) }
            outcome.seconds = elapsed()
            return outcome
        }
        let rendered = collected.withLock { $0 }
        // Pages not rendered keep their bytes; pages and assets that are gone go.
        var next = last?.files ?? [:]
        let old = next
        if case .everything = scope { next = [:] }
        let samePaths = last.map {
            $0.pages == generation.pages && $0.assets.map(\.relativePath) == generation.contentAssets.map(\.relativePath)
                && $0.templates.assets.map(\.path) == templates.assets.map(\.path)
        } ?? false
        if case .pages = scope, samePaths {
            // The same files as before: only the rendered ones can differ.
            for (path, bytes) in rendered { next[path] = bytes }
            outcome.changed = rendered.filter { old[$0.key] != $0.value }.map(\.key).sorted()
        } else {
            let live = Set(generation.pages.map { $0.outputPath(in: site) })
                .union(templates.assets.map(\.path)).union(generation.contentAssets.map(\.relativePath))
            next = next.filter { live.contains($0.key) && deferred[$0.key] == nil }
            for (path, bytes) in rendered { next[path] = bytes }
            outcome.changed = next.filter { old[$0.key] != $0.value }.map(\.key).sorted()
            outcome.removed = old.keys.filter { next[$0] == nil }.sorted()
        }
        outcome.renderedPaths = pages.map { $0.outputPath(in: site) }.sorted()
        if outcome.changed.contains(where: { $0.hasSuffix(".html") }) || !outcome.removed.isEmpty || last == nil {
            outcome.changed += ["graph.json"] + deferred.keys.sorted()
        }
        outcome.removed += (last?.deferred.keys.filter { deferred[$0] == nil } ?? []).sorted()
        // The same files in the same order as the last state when only some were read again.
        let positions = generation.targeted ? last?.positions ?? [:]
            : Dictionary(generation.files.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { first, _ in first })
        let number = shared.withLock { shared in
            shared.state = State(site: site, templates: templates, themeDiagnostics: generation.themeDiagnostics,
                                 singleFiles: generation.singleFiles, pages: generation.pages, files: next,
                                 content: generation.files, positions: positions, assets: generation.contentAssets,
                                 loadedCleanly: generation.loadedCleanly, fileDiagnostics: generation.fileDiagnostics, deferred: deferred,
                                 generation: (shared.state?.generation ?? 0) + 1, dependencies: dependencies, renderIndex: renderIndex)
            return shared.state!.generation
        }
        if let indexUpdate, staleIndex != nil {
            // Moved, not copied: a second reference would make the update copy the index.
            let moving = Mutex(staleIndex.take())
            indexing.enter()
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                moving.withLock { indexUpdate.apply(to: &$0!) }
                let updated = moving.withLock { $0.take() }
                shared.withLock { if $0.state?.generation == number { $0.state?.dependencies = updated } }
                indexing.leave()
            }
        } else if dependencies == nil {
            // After a full build, the index of what each page reads is made in the background,
            // so that the first edit does not wait for it (a second or so at 10,000 articles).
            // An edit that comes first waits for it: making its own would take as long.
            let pages = generation.pages
            indexing.enter()
            DispatchQueue.global(qos: .utility).async { [self] in
                // So are the tables a relink looks documents up in.
                Linker.prepareRelinking(site)
                let index = DependencyIndex(site: site, pages: pages)
                shared.withLock { if $0.state?.generation == number { $0.state?.dependencies = index } }
                indexing.leave()
            }
        }
        outcome.pages = generation.pages.count
        outcome.succeeded = true
        lastSucceeded = true
        // The previous state is freed off the edit's path: its site's lists and pages took
        // milliseconds to release, before the reload could be sent. (The last references go
        // with the closure; the ones here are only counted down.)
        let retired = (last.take(), previous, old)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
        outcome.seconds = elapsed()
        outcome.timings.append(("render", Double(DispatchTime.now().uptimeNanoseconds - pagesStart.uptimeNanoseconds) / 1e9))
        return outcome
    }

    /// The previous build's work, when `changed` is only edits of Markdown files it read.
    private static func previous(_ state: State, changed: Set<String>, site: URL) -> Pipeline.Previous? {
        guard state.loadedCleanly, !changed.isEmpty else { return nil }
        let root = site.path + "/"
        var relative = Set<String>()
        var indexes: [Int] = []
        for path in changed {
            guard path.hasPrefix(root) else { return nil }
            let inSite = String(path.dropFirst(root.count))
            var info = stat()
            guard inSite.hasSuffix(".md") || inSite.hasSuffix(".markdown"),
                  let index = state.positions[inSite], lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            if relative.insert(inSite).inserted { indexes.append(index) }
        }
        guard state.site.files.count == state.content.count else { return nil }
        return Pipeline.Previous(files: state.content, assets: state.assets, changed: relative, changedIndexes: indexes.sorted(),
                                 config: state.site.config, site: state.site, templates: state.templates,
                                 themeDiagnostics: state.themeDiagnostics, pages: state.pages, singleFiles: state.singleFiles,
                                 fileDiagnostics: state.fileDiagnostics)
    }
}
