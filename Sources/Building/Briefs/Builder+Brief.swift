import Foundation
import Model
import Rendering

/// What `dossier brief` makes a single file of.
package enum BriefTarget: Sendable, Equatable {
    /// A document, by its path relative to the site folder (`Content/briefings/x.md`).
    case document(String)
    /// An entity: `actor:iran`, or an id, name or alias when only one entity answers to it.
    case entity(String)
}

extension Builder {
    package struct Brief: Sendable {
        /// The single HTML file, or nil when it could not be made.
        package var html: String?
        /// Problems of the briefed file and its images; site-wide errors are summarised.
        package var diagnostics: [Diagnostic] = []
        /// Why nothing was made, when it is not a diagnostic.
        package var failure: String?
        /// A file name stem for the output: the document's or the entity's id.
        package var name = "briefing"
    }

    /// Builds the site in memory and renders one document or entity as a single file.
    package static func brief(_ options: BuildOptions, target: BriefTarget) -> Brief {
        var brief = Brief()
        let generation = Pipeline.generate(options)
        guard let site = generation.site, let templates = generation.templates else {
            brief.diagnostics = generation.diagnostics
            brief.failure = "the site could not be loaded"
            return brief
        }
        var target = target
        // `dossier brief gerd-outlook`: a document named by its file, path or title, when no entity answers.
        if case .entity(let reference) = target, case .failure(let failure) = resolveEntity(reference, in: site), !failure.ambiguous,
           let path = documentPath(named: reference, in: site) {
            target = .document(path)
        }
        let standalone = StandaloneRenderer(site: site, templates: templates)
        let source = StandaloneSource(site: options.site, config: site.config, assets: generation.contentAssets)
        switch target {
        case .document(let path):
            guard let file = site.files.firstIndex(where: { $0.path == path }) else {
                brief.diagnostics = generation.diagnostics
                brief.failure = "\(path) is not a Markdown file of the site's Content/ folder"
                return brief
            }
            guard site.documents.contains(file) else {
                brief.diagnostics = generation.diagnostics.filter { $0.location?.path == path }
                brief.failure = site.documentMeta(file)?.draft == true
                    ? "\(path) is a draft; pass --drafts to brief it" : "\(path) is not a document (entity files are briefed by id, such as actor:iran)"
                return brief
            }
            // Briefings were parsed for their single files by the build, which reported their images.
            let (reparsed, problems) = generation.singleFiles[file].map { ($0, [Diagnostic]()) }
                ?? source.reparse(path, expecting: site.files[file].mentions, links: site.links[file], fixes: site.linkFixes[file] ?? [:])
            brief.diagnostics = Self.relevant(generation.diagnostics, to: path) + problems
            guard !Self.failed(brief.diagnostics, path: path, strict: options.strict), let reparsed else {
                brief.failure = brief.failure ?? (reparsed == nil ? "\(path) could not be read again" : nil)
                return brief
            }
            brief.html = standalone.briefing(file, reparsed: reparsed)
            brief.name = Self.stem(path)
        case .entity(let reference):
            switch resolveEntity(reference, in: site) {
            case .success(let entity):
                var reparsed: StandaloneRenderer.Reparsed?
                var problems: [Diagnostic] = []
                let path = site.entities[entity].file.map { site.files[$0].path }
                if let path, let file = site.entities[entity].file {
                    (reparsed, problems) = source.reparse(path, expecting: site.files[file].mentions, links: site.links[file], fixes: site.linkFixes[file] ?? [:])
                }
                brief.diagnostics = Self.relevant(generation.diagnostics, to: path) + problems
                guard !Self.failed(brief.diagnostics, path: path, strict: options.strict) else { return brief }
                brief.html = standalone.entityBriefing(entity, reparsed: reparsed)
                brief.name = site.entities[entity].id.rawValue
            case .failure(let message):
                brief.diagnostics = generation.diagnostics.filter { $0.severity == .error }
                brief.failure = message.description
            }
        }
        return brief
    }

    /// The diagnostics of the briefed file, and one line for errors elsewhere: they do not
    /// stop a briefing, but the writer should know.
    private static func relevant(_ diagnostics: [Diagnostic], to path: String?) -> [Diagnostic] {
        var own = diagnostics.filter { $0.location?.path == path && path != nil }
        let elsewhere = diagnostics.filter { $0.severity == .error && ($0.location?.path != path || path == nil) }.count
        if elsewhere > 0 {
            own.append(.warning(.siteErrors, "the rest of the site has \(Plural.count(elsewhere, "error")); run dossier check", at: nil))
        }
        return own
    }

    private static func failed(_ diagnostics: [Diagnostic], path: String?, strict: Bool) -> Bool {
        diagnostics.contains { $0.severity == .error || (strict && $0.code != .siteErrors) }
    }

    private static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").dropLast().joined(separator: ".")
    }

    /// The one published document whose file name (without `.md`), path from the content
    /// folder or title is `reference`; briefings first when several documents answer.
    static func documentPath(named reference: String, in site: Site) -> String? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        let key = lookupKey(text)
        let matches = site.documents.filter { file in
            let path = site.files[file].path
            let withoutExtension = site.config.contentPath(path).split(separator: ".").dropLast().joined(separator: ".")
            return withoutExtension == text || stem(path) == text || lookupKey(site.documentMeta(file)?.title ?? "") == key
        }
        let briefings = matches.filter { site.isBriefing($0) }
        if briefings.count == 1 { return site.files[briefings[0]].path }
        return matches.count == 1 ? site.files[matches[0]].path : nil
    }

    /// `kind:id` exactly; otherwise an id, name or alias that only one entity has.
    package static func resolveEntity(_ reference: String, in site: Site) -> Result<Int, BriefFailure> {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if let colon = text.firstIndex(of: ":"), let kind = EntityKind(rawValue: String(text[..<colon]).lowercased()) {
            let id = EntityID.normalize(String(text[text.index(after: colon)...]))
            if let entityID = EntityID(id), let index = site.entityIndex[EntityKey(kind, entityID)] { return .success(index) }
            let ids = site.entities(of: kind).map { site.entities[$0].id.rawValue }
            var message = "no \(kind.rawValue) '\(id)' in the site"
            if let guess = Suggestion.closest(to: id, among: ids) { message += " (did you mean '\(kind.rawValue):\(guess)'?)" }
            return .failure(BriefFailure(message))
        }
        let folded = EntityID.normalize(text)
        let key = lookupKey(text)
        let matches = site.entities.indices.filter { index in
            let entity = site.entities[index]
            return entity.id.rawValue == folded || lookupKey(entity.name) == key || entity.aliases.contains { lookupKey($0) == key }
        }
        switch matches.count {
        case 1: return .success(matches[0])
        case 0:
            var message = "no entity or document '\(text)'"
            if let guess = Suggestion.closest(to: folded, among: site.entities.map(\.id.rawValue)) { message += " (did you mean '\(guess)'?)" }
            return .failure(BriefFailure(message))
        default:
            let keys = matches.map { site.entities[$0].key.description }.joined(separator: ", ")
            return .failure(BriefFailure("'\(text)' names several entities: \(keys); write one of them", ambiguous: true))
        }
    }

    package struct BriefFailure: Error, CustomStringConvertible {
        package var description: String
        /// Several entities answer: the writer must choose, and no document is tried instead.
        package var ambiguous = false
        init(_ description: String, ambiguous: Bool = false) {
            self.description = description
            self.ambiguous = ambiguous
        }
    }
}
