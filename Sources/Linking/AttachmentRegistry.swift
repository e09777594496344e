import Foundation
import Model

/// The content folder's other files (images, PDFs, audio), as embeds and wikilinks reach
/// them: by path from the linking file's folder, else by a file name no other file has
/// (Obsidian's attachment search). Folders compare by their slugs, which is how the files
/// are published; names ignore case.
struct AttachmentRegistry {
    enum Lookup: Equatable {
        case found(String)
        case several([String])
        case missing
    }

    private var byPath: [String: String] = [:]
    private var byName: [String: [String]] = [:]

    init(_ paths: [String]) {
        for path in paths {
            byPath[path.lowercased()] = path
            let name = path.split(separator: "/").last.map { $0.lowercased() } ?? path
            byName[name, default: []].append(path)
        }
    }

    var isEmpty: Bool { byPath.isEmpty }

    /// `target` as written in a file in `folder` (content-relative folder names).
    func resolve(_ target: String, from folder: some Collection<String>) -> Lookup {
        let written = target.split(separator: "/").map(String.init)
        var parts = target.hasPrefix("/") ? [] : folder.map { Slug.make($0) }
        for (i, part) in written.enumerated() {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(i == written.count - 1 ? part : Slug.make(part))
            }
        }
        if let path = byPath[parts.joined(separator: "/").lowercased()] { return .found(path) }
        guard let name = written.last, let candidates = byName[name.lowercased()] else { return .missing }
        return candidates.count == 1 ? .found(candidates[0]) : .several(candidates.sorted())
    }

    /// The published path of the file at `path` (slugged folders, the name as written).
    func file(at path: String) -> String? { byPath[path.lowercased()] }

    /// Files with this name, anywhere.
    func files(named name: String) -> [String] { byName[name.lowercased()] ?? [] }

    /// A path as a URL path: each part percent-encoded.
    static func urlPath(_ path: String) -> String {
        path.split(separator: "/").map { $0.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? String($0) }
            .joined(separator: "/")
    }

    private static let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#%"))

    /// The closest file name, for a suggestion.
    func suggestion(for target: String) -> String? {
        Suggestion.closest(to: target.split(separator: "/").last.map(String.init) ?? target, among: byName.keys.sorted())
    }
}
