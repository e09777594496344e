import Foundation
import Synchronization
import Linking
import Loading
import Model
import Rendering

/// `dossier build`, `check` and `export`, composed from the pipeline's stages.
package enum Builder {
    package struct Report: Sendable {
        package var diagnostics: [Diagnostic]
        package var pages = 0
        /// Pages rendered; the others were kept from the previous build.
        package var pagesRendered = 0
        package var filesWritten = 0
        package var filesUnchanged = 0
        package var entities = 0
        package var documents = 0
        package var seconds = 0.0
        package var succeeded = false
        /// Set when the output could not be written (unsafe folder, I/O).
        package var writeError: String?
        /// Seconds spent in each stage, in order.
        package var timings: [(step: String, seconds: Double)] = []

        /// One line for the end of a build.
        package var summary: String {
            let time = String(format: "%.2f s", seconds)
            let problems = Self.counted(diagnostics)
            guard succeeded else {
                // Refused before any diagnostic (an unsafe output folder): the error line above says why.
                if diagnostics.errorCount == 0, writeError != nil {
                    return "Build failed: the output could not be written; the previous output was left untouched (\(time))"
                }
                return "Build failed: \(problems); the previous output was left untouched (\(time))"
            }
            return "Built \(Plural.count(pages, "page")) (\(Plural.count(documents, "document")), \(Plural.count(entities, "entity", "entities"))): "
                + "\(Plural.count(filesWritten, "file")) written, \(filesUnchanged) unchanged, \(problems) in \(time)"
        }

        /// "1 error, 2 warnings": the same words for `build` and `check`.
        package static func counted(_ diagnostics: [Diagnostic]) -> String {
            "\(Plural.count(diagnostics.errorCount, "error")), \(Plural.count(diagnostics.warningCount, "warning"))"
        }
    }

    /// Builds the site into `options.output`. Never touches the output when there are errors.
    package static func build(_ options: BuildOptions) -> Report {
        let start = DispatchTime.now()
        var report = buildReport(options)
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
    }

    private static func buildReport(_ options: BuildOptions) -> Report {
        var options = options
        var cacheTiming: [(step: String, seconds: Double)] = []
        if options.persistentCache, options.parseCache == nil {
            var clock = Stopwatch()
            let cache = ParseCache()
            BuildCache.load(into: cache, site: options.site)
            options.parseCache = cache
            cacheTiming = [("cache", clock.lap())]
        }
        // A build killed earlier may have left the site moved aside: put it back first, so
        // even a build that fails leaves a site in place.
        OutputWriter(site: options.site, output: options.output).recoverFromInterruptedBuilds()
        options.skipsUnchangedLink = options.persistentCache
        options.countsSearchWords = true
        var generation = Pipeline.generate(options)
        // Runs last, after the cache is saved: the parses, the site and its pages stay.
        defer { if !options.freesMemory { LeftForExit.keep(options, generation) } }
        let buildID = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        if let summary = generation.unchanged {
            if let report = keepUnchanged(options, generation, summary: summary, build: buildID, cacheTiming: cacheTiming) {
                return report
            }
            // The output is not the recorded build's, or not intact: build it the usual way.
            options.skipsUnchangedLink = false
            generation = Pipeline.generate(options)
        }
        // Written while the pages render, and put in place once they are written. A build that
        // fails, for its diagnostics or to write, is not saved: the record keeps naming the
        // output's build, whose pages the next build, its errors mended, can keep. That build
        // parses again what this one parsed anew (the files that differ from the record; all
        // of them when there is none), and a failing build run twice links twice.
        let saving = DispatchGroup()
        let pending = Mutex<BuildCache.Pending?>(nil)
        var wrote = false
        if options.persistentCache, let cache = options.parseCache, generation.parsing != nil, !generation.failed(strict: options.strict) {
            if let site = generation.site, let templates = generation.templates {
                cache.signature = BuildCache.signature(config: site.config, templates: templates, drafts: options.drafts,
                                                       attachments: site.attachments)
                cache.summary = BuildSummary(
                    pages: generation.pages.count, documents: site.documents.count, entities: site.entities.count,
                    assets: Pipeline.assets(site.config, templates: templates, contentAssets: generation.contentAssets).map(\.path).sorted(),
                    diagnostics: generation.linkDiagnostics)
            }
            cache.build = buildID
            let site = options.site
            DispatchQueue.global().async(group: saving) {
                let prepared = BuildCache.prepare(cache, site: site)
                pending.withLock { $0 = prepared }
            }
        }
        defer {
            saving.wait()
            if let prepared = pending.withLock({ $0 }), let cache = options.parseCache {
                if wrote { BuildCache.finish(prepared, cache: cache, site: options.site) } else { BuildCache.discard(prepared) }
            }
        }
        var report = Report(diagnostics: generation.diagnostics)
        report.timings = cacheTiming + generation.timings
        var clock = Stopwatch()
        guard !generation.failed(strict: options.strict), let site = generation.site, let templates = generation.templates else {
            return report
        }
        let writer = OutputWriter(site: options.site, output: options.output)
        let reuse = reusablePages(options, generation, site: site, templates: templates, writer: writer)
        report.pages = generation.pages.count
        report.entities = site.entities.count
        report.documents = site.documents.count
        // The search index's files besides its manifest, as the previous build recorded them:
        // kept with the manifest or not at all.
        let searchFiles = reuse?.pages.contains(.searchIndex) == true ? writer.recordedFiles().filter(SearchIndex.isChunk) : []
        if let reuse, reuse.graph, reuse.pages.count == generation.pages.count {
            // Every page and `graph.json` as the previous build wrote them: when the copied
            // files are too, the output is this build's already and nothing is written.
            let assets = Pipeline.assets(site.config, templates: templates, contentAssets: generation.contentAssets)
            // The search index's files are this build's too: every page is.
            let expected = Set(generation.pages.map { $0.outputPath(in: site) } + ["graph.json"] + assets.map(\.path)).union(searchFiles)
            do {
                if try writer.keep(expected: expected, build: buildID, isCurrent: { assetsArePublished(assets, in: options.output) }) != nil {
                    wrote = true
                    report.timings.append(("render", clock.lap()))
                    report.timings.append(("write", 0))
                    report.filesUnchanged = expected.count
                    report.succeeded = true
                    return report
                }
            } catch {
                report.writeError = "\(error)"
                return report
            }
        }
        let staging: OutputWriter.Staging
        do {
            staging = try writer.stage()
        } catch {
            report.writeError = "\(error)"
            return report
        }
        // Pages the previous build wrote and no change can have touched are kept as they are.
        var pages = generation.pages
        var graph = true
        if let reuse {
            // The search index is its manifest and the files listed beside it: kept whole or not
            // at all, so all are checked before any is linked (one linked and then written
            // again would be written, and recorded, twice).
            let searchWhole = searchFiles.allSatisfy { FileManager.default.fileExists(atPath: options.output.appendingPathComponent($0).path) }
            let kept = reuse.pages.parallelMap { page -> Page? in
                if page == .searchIndex {
                    guard searchWhole, staging.reuse(page.outputPath(in: site)) else { return page }
                    return searchFiles.allSatisfy(staging.reuse) ? nil : page
                }
                return staging.reuse(page.outputPath(in: site)) ? nil : page
            }
            let missing = Set(kept.compactMap { $0 })
            let reused = Set(reuse.pages).subtracting(missing)
            pages = pages.filter { !reused.contains($0) }
            graph = !(reuse.graph && staging.reuse("graph.json"))
        }
        report.pagesRendered = pages.count
        options.progress?("Rendering \(pages.count) pages")
        let searchSeconds = Mutex<Double?>(nil)
        Pipeline.render(site, pages: pages, templates: templates,
                        contentAssets: generation.contentAssets, singleFiles: generation.singleFiles, graph: graph,
                        searchWords: generation.searchWords, searchSeconds: { seconds in searchSeconds.withLock { $0 = seconds } }) { path, contents in
            switch contents {
            case .text(let text): staging.write(text, path: path)
            case .bytes(let bytes): staging.write(OutputFile(path: path, contents: bytes))
            case .borrowed(let bytes): staging.write(bytes, path: path)
            case .stream(let produce): staging.write(path: path, produce)
            case .unreadable(let reason): staging.fail(reason)
            }
        }
        report.timings.append(("render", clock.lap()))
        // The search index is made during rendering, beside the pages: its share of it.
        if let seconds = searchSeconds.withLock({ $0 }) { report.timings.append(("search", seconds)) }
        options.progress?("Writing")
        do {
            let counts = try writer.commit(staging, build: buildID)
            wrote = true
            report.timings.append(("write", clock.lap()))
            report.filesWritten = counts.written
            report.filesUnchanged = counts.unchanged
        } catch {
            report.writeError = "\(error)"
            return report
        }
        report.succeeded = true
        return report
    }

    /// Whether the output holds each copied file with the bytes it is published with.
    private static func assetsArePublished(_ assets: [(path: String, url: URL, sanitize: Bool)], in output: URL) -> Bool {
        assets.allSatisfy { asset in
            FileManager.default.contents(atPath: output.appendingPathComponent(asset.path).path)
                .map { Pipeline.assetBytes(asset.url, sanitize: asset.sanitize) == [UInt8]($0) } ?? false
        }
    }

    /// A build that found every file, setting and theme file as the recorded build had them
    /// (`Generation.unchanged`): it reports that build's pages and diagnostics, and when the
    /// output is that build's, intact, only renews its marker and the record. Nil when the
    /// output is not, and the site must be built the usual way.
    private static func keepUnchanged(
        _ options: BuildOptions, _ generation: Generation, summary: BuildSummary, build: String,
        cacheTiming: [(step: String, seconds: Double)]
    ) -> Report? {
        guard let cache = options.parseCache, let config = generation.config, let templates = generation.templates,
              let signature = cache.previousSignature, let recorded = cache.previousBuild else { return nil }
        var report = Report(diagnostics: generation.diagnostics)
        report.timings = cacheTiming + generation.timings
        // The same diagnostics as the recorded build: failing now means `--strict` is new.
        // Nothing is written, and the record still describes the output.
        if generation.failed(strict: options.strict) { return report }
        var clock = Stopwatch()
        let writer = OutputWriter(site: options.site, output: options.output)
        let assets = Pipeline.assets(config, templates: templates, contentAssets: generation.contentAssets)
        let kept: Int
        do {
            guard let count = try writer.keep(expected: nil, writtenBy: recorded, build: build,
                                              isCurrent: { assetsArePublished(assets, in: options.output) }) else { return nil }
            kept = count
        } catch {
            report.writeError = "\(error)"
            return report
        }
        cache.signature = signature
        cache.build = build
        cache.summary = summary
        BuildCache.save(cache, site: options.site)
        report.timings += [("render", clock.lap()), ("write", 0)]
        report.pages = summary.pages
        report.documents = summary.documents
        report.entities = summary.entities
        report.filesUnchanged = kept
        report.succeeded = true
        return report
    }

    /// The pages of the previous build that this one can keep, and whether `graph.json` can
    /// be kept: only when the previous build's record (in the parse cache) matches the output
    /// folder, its settings and theme are the same, and `ChangeScope` limits the change.
    private static func reusablePages(
        _ options: BuildOptions, _ generation: Generation, site: Site, templates: TemplateSet, writer: OutputWriter
    ) -> (pages: [Page], graph: Bool)? {
        guard options.persistentCache, let cache = options.parseCache, let previousFiles = cache.previousFiles,
              cache.previousSignature == cache.signature,  // set for this build before saving
              let previousBuild = cache.previousBuild, !previousBuild.isEmpty, writer.previousBuild() == previousBuild
        else { return nil }
        // Files added, removed or renamed change every page: nothing to keep.
        guard previousFiles.map(\.path) == site.files.map(\.path) else { return nil }
        // The previous site, derived from this one when only bodies changed (linking it
        // from scratch costs as much as the build's own linking).
        let changed = site.files.indices.filter { previousFiles[$0] != site.files[$0] }
        let linker = Linker(config: site.config, includeDrafts: options.drafts || site.config.drafts)
        let previous = changed.isEmpty ? site : linker.relink(site, files: previousFiles, changed: changed)
            ?? linker.link(previousFiles, attachments: site.attachments)
        var dependencies: DependencyIndex?
        let previousPages = changed.isEmpty ? generation.pages : Page.inventory(of: previous)
        guard case .pages(let dirty) = ChangeScope.between(
            old: previous, templates, oldPages: previousPages, new: site, templates, pages: generation.pages,
            files: changed, keepingIndex: false, index: &dependencies) else { return nil }
        return (generation.pages.filter { !dirty.contains($0) }, previous.files == site.files)
    }

    /// Diagnostics only: the build without rendering and writing. With `unlinked`, also a
    /// note for each plain-text name of an entity that could be annotated.
    package static func check(_ options: BuildOptions, unlinked: Bool = false) -> [Diagnostic] {
        let generation = Pipeline.generate(options)
        guard unlinked, let site = generation.site else { return generation.diagnostics }
        // Documents are named in text too: by their titles and aliases, as pseudo-entities
        // after the real ones.
        let documents = site.documents.compactMap { file -> (file: Int, entity: Entity)? in
            guard let meta = site.documentMeta(file), let id = EntityID("document") else { return nil }
            return (file, Entity(key: EntityKey(.theme, id), name: meta.title, aliases: meta.aliases, file: file, details: .theme(broader: nil, narrower: [])))
        }
        let matcher = NameMatcher(site.entities + documents.map(\.entity))
        let paths = documents.map { document -> String in
            let path = site.config.contentPath(site.files[document.file].path)
            return String(path.hasSuffix(".md") ? path.dropLast(3) : path)
        }
        let ownDocument = Dictionary(uniqueKeysWithValues: documents.enumerated().map { ($1.file, site.entities.count + $0) })
        let loader = ContentLoader(site: options.site, config: site.config, skipping: [options.output])
        let files = site.documents + site.entityByFile.keys.sorted()
        let notes = files.parallelMap { file -> [Diagnostic] in
            guard let content = loader.reload(site.files[file].path).file else { return [] }
            return UnlinkedScanner.scan(content, matcher: matcher, entities: site.entities, documents: paths,
                                        owner: site.entityByFile[file] ?? ownDocument[file])
        }
        return (generation.diagnostics + notes.flatMap { $0 }).sortedByLocation()
    }

    /// What `dossier export` writes.
    package enum ExportFormat: String, CaseIterable, Sendable {
        /// The knowledge graph, as `graph.json`.
        case json
        /// Events, one row each.
        case csv
        /// Entities and relations for Gephi, yEd or Cytoscape.
        case graphml
        /// Events for TimelineJS.
        case timeline
    }

    /// The site in an export format, or nil when the site has errors.
    package static func export(_ options: BuildOptions, format: ExportFormat) -> (bytes: [UInt8]?, diagnostics: [Diagnostic]) {
        let generation = Pipeline.generate(options, withTheme: false)
        guard !generation.failed(strict: options.strict), let site = generation.site else { return (nil, generation.diagnostics) }
        let bytes: [UInt8] = switch format {
        case .json: GraphExport.json(site)
        case .csv: Array(EventsCSV.csv(site).utf8)
        case .graphml: Array(GraphML.xml(site).utf8)
        case .timeline: TimelineJS.json(site)
        }
        return (bytes, generation.diagnostics)
    }
}

/// What a build made, kept from being freed in a process about to exit (`freesMemory`).
private enum LeftForExit {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ options: BuildOptions, _ generation: Generation) {
        kept.withLock { $0.append(contentsOf: [options, generation] as [any Sendable]) }
    }
}
