/// Maps a request path to a file of the generated site, refusing anything that could reach
/// outside it. The site is served from memory, so no request can touch the file system; the
/// checks still answer `..`, encoded dots, backslashes and NUL bytes with 400 rather than
/// guessing what was meant.
enum RequestPath {
    enum Resolution: Equatable {
        /// Candidate output paths, in order (`a/b/index.html` for `/a/b/`); when only the
        /// second of two exists, the server redirects `/a/b` to `/a/b/`.
        case candidates([String])
        case refused
    }

    /// `raw` is the request target's path as sent, still percent-encoded.
    static func resolve(_ raw: String) -> Resolution {
        guard raw.hasPrefix("/"), !raw.hasPrefix("//") else { return .refused }
        guard let decoded = percentDecoded(raw) else { return .refused }
        if decoded.contains("\\") || decoded.unicodeScalars.contains(where: { $0.value < 0x20 }) { return .refused }
        // Encoded twice (`%252e%252e`): a server that decoded again would see `..`.
        let lower = decoded.lowercased()
        if ["%2e", "%2f", "%5c", "%00"].contains(where: lower.contains) { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .refused }
        // Empty segments inside the path (`/a//b`) are refused too: they never name a page.
        if segments.dropLast().contains(where: \.isEmpty) { return .refused }
        let path = segments.joined(separator: "/")
        if path.isEmpty { return .candidates(["index.html"]) }
        if decoded.hasSuffix("/") { return .candidates([path + "index.html"]) }
        return .candidates([path, path + "/index.html"])
    }

    /// `%xx` sequences decoded (as UTF-8); nil when malformed.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The `Content-Type` of an output file.
    static func contentType(of path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "pdf": "application/pdf"
        case "txt", "md": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
