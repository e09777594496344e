import Foundation
import Model
import Rendering

/// `dossier build`, `check` and `export`, composed from the pipeline's stages.
public enum Builder {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        public var pages = 0
        public var filesWritten = 0
        public var filesUnchanged = 0
        public var entities = 0
        public var documents = 0
        public var seconds = 0.0
        public var succeeded = false
        /// Set when the output could not be written (unsafe folder, I/O).
        public var writeError: String?
        /// Seconds spent in each stage, in order.
        public var timings: [(step: String, seconds: Double)] = []

        /// One line for the end of a build.
        public var summary: String {
            let time = String(format: "%.2f s", seconds)
            let problems = "\(diagnostics.errorCount) error\(diagnostics.errorCount == 1 ? "" : "s"), \(diagnostics.warningCount) warning\(diagnostics.warningCount == 1 ? "" : "s")"
            guard succeeded else { return "Build failed: \(problems); the previous output was left untouched (\(time))" }
            return "Built \(pages) pages (\(documents) documents, \(entities) entities): \(filesWritten) files written, \(filesUnchanged) unchanged, \(problems) in \(time)"
        }
    }

    /// Builds the site into `options.output`. Never touches the output when there are errors.
    public static func build(_ options: BuildOptions) -> Report {
        let start = DispatchTime.now()
        var report = buildReport(options)
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return report
    }

    private static func buildReport(_ options: BuildOptions) -> Report {
        var options = options
        if options.persistentCache, options.parseCache == nil {
            let cache = ParseCache()
            BuildCache.load(into: cache, site: options.site)
            options.parseCache = cache
        }
        let generation = Pipeline.generate(options)
        // Parsing results do not depend on whether the site links: keep them either way,
        // saved while the pages render.
        let saving = DispatchGroup()
        if options.persistentCache, let cache = options.parseCache, generation.parsing != nil {
            let site = options.site
            DispatchQueue.global().async(group: saving) { BuildCache.save(cache, site: site) }
        }
        defer { saving.wait() }
        var report = Report(diagnostics: generation.diagnostics)
        report.timings = generation.timings
        var clock = Stopwatch()
        guard !generation.failed(strict: options.strict), let site = generation.site, let templates = generation.templates else {
            return report
        }
        let writer = OutputWriter(site: options.site, output: options.output)
        let staging: OutputWriter.Staging
        do {
            staging = try writer.stage()
        } catch {
            report.writeError = "\(error)"
            return report
        }
        options.progress?("Rendering \(generation.pages.count) pages")
        report.pages = Pipeline.render(site, pages: generation.pages, templates: templates,
                                       contentAssets: generation.contentAssets) { path, contents in
            switch contents {
            case .text(let text): staging.write(text, path: path)
            case .bytes(let bytes): staging.write(OutputFile(path: path, contents: bytes))
            case .stream(let produce): staging.write(path: path, produce)
            }
        }
        report.timings.append(("render", clock.lap()))
        options.progress?("Writing")
        do {
            let counts = try writer.commit(staging)
            report.timings.append(("write", clock.lap()))
            report.filesWritten = counts.written
            report.filesUnchanged = counts.unchanged
        } catch {
            report.writeError = "\(error)"
            return report
        }
        report.entities = site.entities.count
        report.documents = site.documents.count
        report.succeeded = true
        return report
    }

    /// Diagnostics only: the build without rendering and writing.
    public static func check(_ options: BuildOptions) -> [Diagnostic] {
        Pipeline.generate(options).diagnostics
    }

    /// The knowledge graph as JSON, or nil when the site has errors.
    public static func exportJSON(_ options: BuildOptions) -> (json: [UInt8]?, diagnostics: [Diagnostic]) {
        let generation = Pipeline.generate(options, withTheme: false)
        guard !generation.failed(strict: options.strict), let site = generation.site else { return (nil, generation.diagnostics) }
        return (GraphExport.json(site), generation.diagnostics)
    }
}
