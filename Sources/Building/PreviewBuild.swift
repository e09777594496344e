import Foundation
import Model
import Rendering

/// The site built again after every change, kept in memory: what `dossier serve` shows.
/// Unchanged files are not parsed again, and each rebuild reports which output files
/// changed, so the browser reloads only the pages that did. A failed rebuild keeps the
/// last good site.
public final class PreviewBuild: @unchecked Sendable {
    public struct Outcome: Sendable {
        public var diagnostics: [Diagnostic] = []
        public var succeeded = false
        /// Output paths (`actors/iran/index.html`) added or changed since the last good build.
        public var changed: [String] = []
        /// Output paths that no longer exist.
        public var removed: [String] = []
        public var reused = 0
        public var parsed = 0
        public var pages = 0
        public var seconds = 0.0
    }

    public let options: BuildOptions
    private let cache = ParseCache()
    private let lock = NSLock()
    private var current: [String: [UInt8]] = [:]

    public init(options: BuildOptions) {
        var options = options
        options.parseCache = cache
        self.options = options
    }

    /// The last good site: output path → bytes.
    public var files: [String: [UInt8]] { lock.withLock { current } }

    public func file(at path: String) -> [UInt8]? { lock.withLock { current[path] } }

    /// Builds the site again. Concurrent calls are not expected (the server serialises them).
    public func rebuild() -> Outcome {
        let start = DispatchTime.now()
        var outcome = Outcome()
        let generation = Pipeline.generate(options)
        outcome.diagnostics = generation.diagnostics
        (outcome.reused, outcome.parsed) = generation.parsing ?? (0, 0)
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        guard !generation.failed(strict: options.strict), let site = generation.site, let templates = generation.templates else {
            outcome.seconds = elapsed()
            return outcome
        }
        let collected = NSLock()
        nonisolated(unsafe) var next: [String: [UInt8]] = [:]
        outcome.pages = Pipeline.render(site, pages: generation.pages, templates: templates,
                                        contentAssets: generation.contentAssets) { path, contents in
            let bytes: [UInt8] = switch contents {
            case .bytes(let bytes): bytes
            case .text(let text): Array(text.utf8)
            case .stream(let produce): { var all: [UInt8] = []; produce { all += $0 }; return all }()
            }
            collected.withLock { next[path] = bytes }
        }
        let previous = files
        outcome.changed = next.filter { previous[$0.key] != $0.value }.map(\.key).sorted()
        outcome.removed = previous.keys.filter { next[$0] == nil }.sorted()
        lock.withLock { current = next }
        outcome.succeeded = true
        outcome.seconds = elapsed()
        return outcome
    }
}
