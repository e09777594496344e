import Foundation
import Model

extension Linker {
    /// Checks that each Markdown link and image of `file` written to a file of the site
    /// arrives: a page for a Markdown file, a copied file for anything else, a heading or
    /// block for a `#fragment`. Misses are warnings with a suggestion; the link stays as
    /// written.
    static func checkLocalLinks(
        _ file: Int, _ targets: Targets, filesByPath: [String: Int], into diagnostics: inout [Diagnostic]
    ) -> [String: String] {
        let links = targets.files[file].localLinks
        var fixes: [String: String] = [:]
        guard !links.isEmpty else { return fixes }
        let folder = Array(targets.folder(of: file))
        // A briefing's images are checked when its single file embeds them (`image-not-embedded`).
        let briefing = {
            if case .document(section: "briefings", _) = targets.files[file].role { return true }
            return false
        }()
        for link in links where !(briefing && link.isImage) {
            var path = Substring(link.url)
            var fragment: String?
            if let mark = path.firstIndex(where: { $0 == "#" || $0 == "?" }) {
                if path[mark] == "#" { fragment = String(path[path.index(after: mark)...]).removingPercentEncoding }
                path = path[..<mark]
            }
            let decoded = String(path).removingPercentEncoding ?? String(path)
            if decoded.isEmpty {
                if let fragment, !fragment.isEmpty { checkFragment(fragment, in: file, link, targets, &diagnostics) }
                continue
            }
            guard !decoded.hasSuffix("/") else { continue }
            // The path from the content folder, `..` applied.
            var parts = decoded.hasPrefix("/") ? [] : folder
            var escapes = false
            for part in decoded.split(separator: "/") {
                switch part {
                case ".": continue
                case "..": if parts.isEmpty { escapes = true } else { parts.removeLast() }
                default: parts.append(String(part))
                }
            }
            if escapes {
                diagnostics.append(.warning(.brokenLink, "'\(link.url.prefix(60))' leads out of the content folder; only the site's own files are published",
                                            at: link.location))
                continue
            }
            let name = parts.last ?? decoded
            let lower = name.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
                let key = parts.joined(separator: "/").lowercased()
                let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
                if filesByPath[key] == nil, case .found(let document) = targets.documents.resolve(stem), targets.documents.paths[document].map({
                    $0.split(separator: "/").last.map { lookupKey(String($0)) } == lookupKey(stem)
                }) == true, case let .document(_, urlPath) = targets.files[document].role {
                    // A note named by its file alone, elsewhere in the vault.
                    fixes[link.rewritten] = Site.pageFix + urlPath + (fragment.map { Self.fragmentSuffix($0, of: link.url) } ?? "")
                    continue
                }
                guard let target = filesByPath[key] else {
                    var message = "no page for '\(decoded)' (from \(parts.joined(separator: "/")))"
                    if let guess = targets.documents.suggestion(for: stem) { message += " (did you mean '\(guess)'?)" }
                    diagnostics.append(.warning(.brokenLink, message, at: link.location))
                    continue
                }
                if let fragment, !fragment.isEmpty { checkFragment(fragment, in: target, link, targets, &diagnostics) }
            } else {
                let published = (parts.dropLast().map { Slug.make($0) } + [name]).joined(separator: "/")
                guard targets.attachments.file(at: published) == nil else { continue }
                let elsewhere = targets.attachments.files(named: name)
                if elsewhere.count == 1 {
                    // Found by its name alone, as Obsidian finds it.
                    fixes[link.rewritten] = AttachmentRegistry.urlPath(elsewhere[0])
                    continue
                }
                var message = "no file '\(decoded)' (from \(parts.joined(separator: "/")))"
                if elsewhere.count > 1 {
                    message += "; \(elsewhere.count) files have that name (\(elsewhere.joined(separator: ", "))): write the path of one"
                } else if let guess = targets.attachments.suggestion(for: name) {
                    message += " (did you mean '\(guess)'?)"
                }
                diagnostics.append(.warning(.brokenLink, message, at: link.location))
            }
        }
        return fixes
    }

    /// The `#part` of a link as its page gave it (the slug of the heading's text).
    private static func fragmentSuffix(_ fragment: String, of url: String) -> String {
        guard let hash = url.firstIndex(of: "#") else { return "" }
        let last = fragment.split(separator: "#").last.map(String.init) ?? fragment
        return last.hasPrefix("^") || last.hasPrefix("_") ? String(url[hash...]) : "#" + Slug.make(last)
    }

    private static func checkFragment(_ fragment: String, in file: Int, _ link: LocalLink, _ targets: Targets, _ diagnostics: inout [Diagnostic]) {
        let headings = targets.places(on: targets.owners[file].map { .entity($0) } ?? .document(file))
        guard Fragments.anchor(fragment, among: headings) == nil, !fragment.hasPrefix("_") else { return }
        var message = "no heading '\(fragment)' on the linked page"
        if let guess = Suggestion.closest(to: fragment, among: headings.map(\.text)) { message += " (did you mean '\(guess)'?)" }
        diagnostics.append(.warning(.unknownFragment, message, at: link.location))
    }

    /// Every file by its path from the content folder, lowercased: what Markdown links name.
    static func filesByPath(_ files: [ParsedFile], config: SiteConfig) -> [String: Int] {
        var result: [String: Int] = [:]
        for (i, file) in files.enumerated() { result[config.contentPath(file.path).lowercased()] = i }
        return result
    }
}
