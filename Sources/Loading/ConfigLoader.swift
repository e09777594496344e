import Foundation
import Model

/// Reads `dossier.yml`. Every key is optional; unknown keys warn.
package enum ConfigLoader {
    package static let keys = [
        "title", "baseURL", "language", "direction", "description", "autolink", "unsafe_html",
        "paginate", "max_file_size", "drafts", "pretty_urls", "content", "kinds",
    ]

    /// The settings, with the content folder found: a folder with `.obsidian/` and no
    /// `Content/` is a vault, its own content folder.
    package static func load(site: URL) -> (SiteConfig, [Diagnostic]) {
        let url = site.appendingPathComponent("dossier.yml")
        var (config, diagnostics) = FileManager.default.contents(atPath: url.path).map { parse([UInt8]($0), path: "dossier.yml") }
            ?? (SiteConfig(), [])
        if config.content == nil, isFolder(site.appendingPathComponent(".obsidian")), !isFolder(site.appendingPathComponent("Content")) {
            config.content = ""
        }
        return (config, diagnostics)
    }

    private static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    package static func parse(_ bytes: [UInt8], path: String) -> (SiteConfig, [Diagnostic]) {
        var config = SiteConfig()
        let source = SourceText(path: path, bytes: bytes)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (config, [.error(.invalidUTF8, "settings file is not valid UTF-8", at: source.location(line: 1, column: 1))])
        }
        var reader = YAMLReader(source: source, firstLine: 1)
        guard let root = reader.parse(text) else { return (config, reader.diagnostics) }
        for (key, keyNode, value) in reader.mapping(root, what: "dossier.yml") ?? [] {
            switch key {
            case "title": config.title = reader.string(value, key: key) ?? config.title
            case "baseURL", "base_url": config.baseURL = reader.string(value, key: key) ?? ""
            case "language": config.language = reader.string(value, key: key) ?? config.language
            case "direction":
                let direction = reader.string(value, key: key)?.lowercased() ?? "ltr"
                if direction == "ltr" || direction == "rtl" {
                    config.direction = direction
                } else {
                    reader.diagnostics.append(.error(.invalidSetting, "'direction' must be ltr or rtl", at: reader.location(of: value)))
                }
            case "description": config.description = reader.string(value, key: key) ?? ""
            case "autolink":
                let text = reader.string(value, key: key)?.lowercased() ?? "off"
                // YAML 1.1 habit: `autolink: off` may be meant as false.
                if let mode = SiteConfig.Autolink(rawValue: text == "false" || text == "no" ? "off" : text) {
                    config.autolink = mode
                } else {
                    reader.diagnostics.append(.error(.invalidSetting, "'autolink' must be off, first or all", at: reader.location(of: value)))
                }
            case "unsafe_html": config.unsafeHTML = reader.bool(value, key: key) ?? false
            case "drafts": config.drafts = reader.bool(value, key: key) ?? false
            case "pretty_urls": config.prettyURLs = reader.bool(value, key: key) ?? false
            case "paginate":
                if let n = reader.int(value, key: key) {
                    if n >= 1 { config.paginate = n } else {
                        reader.diagnostics.append(.error(.invalidSetting, "'paginate' must be at least 1", at: reader.location(of: value)))
                    }
                }
            case "max_file_size":
                if let n = reader.int(value, key: key) {
                    if n >= 1 { config.maxFileSize = n } else {
                        reader.diagnostics.append(.error(.invalidSetting, "'max_file_size' must be a positive number of bytes", at: reader.location(of: value)))
                    }
                }
            case "content":
                guard let folder = reader.string(value, key: key) else { break }
                let parts = folder.split(separator: "/").filter { $0 != "." }
                if folder.hasPrefix("/") || parts.contains("..") || parts.contains(where: { $0.hasPrefix(".") }) {
                    reader.diagnostics.append(.error(.invalidSetting, "'content' must be a folder inside the site, such as Content or .",
                                                     at: reader.location(of: value)))
                } else {
                    config.content = parts.joined(separator: "/")
                }
            case "kinds":
                for (folder, _, kindNode) in reader.mapping(value, what: "kinds") ?? [] {
                    let name = reader.string(kindNode, key: folder)?.lowercased() ?? ""
                    if let kind = EntityKind(rawValue: name) ?? EntityKind(folder: name) {
                        config.kinds.append(FolderKind(folder: folder.trimmingSpaces, kind: kind))
                    } else {
                        reader.diagnostics.append(.error(.invalidSetting, "'kinds' maps folders to actor, event or theme, not '\(name)'",
                                                         at: reader.location(of: kindNode)))
                    }
                }
            default: reader.unknownKey(key, keyNode, allowed: keys)
            }
        }
        return (config, reader.diagnostics)
    }
}
