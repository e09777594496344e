import Foundation
import Model

extension Linker {
    /// Checks that each Markdown link and image of `file` written to a file of the site
    /// arrives: a page for a Markdown file, a copied file for anything else, a heading or
    /// block for a `#fragment`. Misses are warnings with a suggestion; the link stays as
    /// written.
    static func checkLocalLinks(_ file: Int, _ targets: Targets, filesByPath: [String: Int], into diagnostics: inout [Diagnostic]) {
        let links = targets.files[file].localLinks
        guard !links.isEmpty else { return }
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
                guard let target = filesByPath[key] else {
                    var message = "no page for '\(decoded)' (from \(parts.joined(separator: "/")))"
                    let stem = String(name[..<(name.lastIndex(of: ".") ?? name.endIndex)])
                    if let guess = targets.documents.suggestion(for: stem) { message += " (did you mean '\(guess)'?)" }
                    diagnostics.append(.warning(.brokenLink, message, at: link.location))
                    continue
                }
                if let fragment, !fragment.isEmpty { checkFragment(fragment, in: target, link, targets, &diagnostics) }
            } else {
                let published = (parts.dropLast().map { Slug.make($0) } + [name]).joined(separator: "/")
                guard targets.attachments.file(at: published) == nil else { continue }
                var message = "no file '\(decoded)' (from \(parts.joined(separator: "/")))"
                let elsewhere = targets.attachments.files(named: name)
                if elsewhere.count == 1 {
                    message += "; a file of that name is at \(elsewhere[0]): write that path"
                } else if let guess = targets.attachments.suggestion(for: name) {
                    message += " (did you mean '\(guess)'?)"
                }
                diagnostics.append(.warning(.brokenLink, message, at: link.location))
            }
        }
    }

    private static func checkFragment(_ fragment: String, in file: Int, _ link: LocalLink, _ targets: Targets, _ diagnostics: inout [Diagnostic]) {
        var headings = targets.files[file].headings.map { (text: $0.text, anchor: $0.anchor) }
            + targets.files[file].blockIDs.map { (text: "^" + $0, anchor: "^" + $0) }
        if let owner = targets.owners[file] {
            headings += EntityPageSections.sections(of: targets.entities.registry.entities[owner].kind)
        }
        guard Fragments.anchor(fragment, among: headings) == nil, !fragment.hasPrefix("_") else { return }
        var message = "no heading '\(fragment)' on the linked page"
        if let guess = Suggestion.closest(to: fragment, among: headings.map(\.text)) { message += " (did you mean '\(guess)'?)" }
        diagnostics.append(.warning(.unknownFragment, message, at: link.location))
    }

    /// Every file by its path from the content folder, lowercased: what Markdown links name.
    static func filesByPath(_ files: [ParsedFile], contentFolder: String) -> [String: Int] {
        var result: [String: Int] = [:]
        let prefix = contentFolder.isEmpty ? 0 : contentFolder.count + 1
        for (i, file) in files.enumerated() { result[String(file.path.dropFirst(prefix)).lowercased()] = i }
        return result
    }
}
