import Foundation
import Model

/// Turns an image a document refers to into a `data:` URI, for single files that must not
/// load anything: the path is read against the document's folder (`/img/x.png` against
/// `Content/`), and only image files inside `Content/` of at most `maxBytes` are embedded.
package struct ImageEmbedder: Sendable {
    let site: URL
    let maxBytes: Int
    /// `Content`, or "" for a vault: the folder documents' paths start with.
    let contentFolder: String

    package static let defaultMaxBytes = 8 << 20

    package init(site: URL, maxBytes: Int = ImageEmbedder.defaultMaxBytes, contentFolder: String = "Content") {
        self.site = site
        self.maxBytes = maxBytes
        self.contentFolder = contentFolder
    }

    static let mediaTypes = [
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "svg": "image/svg+xml",
    ]

    /// The image at `url`, written in the document at `document` (`Content/briefings/x.md`),
    /// or why it cannot be embedded.
    package func embed(_ url: String, in document: String) -> Result<String, EmbedError> {
        var path = Substring(url)
        if let mark = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<mark] }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        // Content-relative parts of the file, resolved without leaving Content/.
        let depth = contentFolder.isEmpty ? 0 : contentFolder.split(separator: "/").count
        var parts: [Substring] = decoded.hasPrefix("/") ? [] : document.split(separator: "/").dropFirst(depth).dropLast()
        for part in decoded.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return .failure(.outsideContent) }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        guard !parts.isEmpty else { return .failure(.notAnImage) }
        return embed(file: URL(fileURLWithPath: ([contentRoot] + parts.map(String.init)).joined(separator: "/")))
    }

    private var contentRoot: String {
        (contentFolder.isEmpty ? site : site.appendingPathComponent(contentFolder)).resolvingSymlinksInPath().path
    }

    /// Whether the path names a file this embedder reads (by its extension).
    package static func isImage(_ path: String) -> Bool { mediaType(path) != nil }

    /// The media type of an image by its name's extension, nil for other files.
    private static func mediaType(_ name: String) -> String? {
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return mediaTypes[name[name.index(after: dot)...].lowercased()]
    }

    /// The image file at `file`, a file of the content folder (an attachment found by name).
    package func embed(file: URL) -> Result<String, EmbedError> {
        guard let type = Self.mediaType(file.lastPathComponent) else { return .failure(.notAnImage) }
        // A symbolic link may point anywhere: only what lies inside Content/ is read.
        let real = file.resolvingSymlinksInPath().path
        guard real.hasPrefix(contentRoot + "/") else { return .failure(.outsideContent) }
        switch FileReading.read(real, limit: maxBytes) {
        case .bytes(let bytes):
            // The file is read and inlined by the reader's browser: SVG goes without scripts.
            guard type == "image/svg+xml" else { return .success("data:\(type);base64," + Data(bytes).base64EncodedString()) }
            guard let clean = SVGSanitizer.sanitize(bytes) else { return .failure(.unreadable("it is not well-formed SVG")) }
            return .success("data:\(type);base64," + Data(clean).base64EncodedString())
        case .tooLarge(let size): return .failure(.tooLarge(size, limit: maxBytes))
        case .failed(let reason): return .failure(.unreadable(reason))
        }
    }

    package enum EmbedError: Error, Equatable, CustomStringConvertible {
        case notAnImage, outsideContent, tooLarge(Int, limit: Int), unreadable(String)

        package var description: String {
            switch self {
            case .notAnImage: "it is not a PNG, JPEG, GIF, WebP, AVIF or SVG file"
            case .outsideContent: "it is outside Content/"
            case let .tooLarge(size, limit): "it is \(size) bytes, over the limit of \(limit)"
            case .unreadable(let reason): reason
            }
        }
    }
}
