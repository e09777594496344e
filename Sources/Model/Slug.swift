
/// URL-safe slugs for document paths and heading anchors: lowercase letters and digits
/// (any script) joined by `-`.
package enum Slug {
    package static func make(_ text: String) -> String {
        asciiSlug(text) ?? unicodeSlug(text)
    }

    static func unicodeSlug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.precomposedForSlug.unicodeScalars {
            let p = scalar.properties
            if p.isAlphabetic || p.numericType == .decimal {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            } else if p.generalCategory != .nonspacingMark {
                pendingDash = true
            } else {
                slug.unicodeScalars.append(scalar)
            }
        }
        return slug
    }
}

extension Slug {
    /// The same slug, byte by byte, for ASCII text (most headings and file names); nil for
    /// anything else.
    static func asciiSlug(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingDash && !bytes.isEmpty { bytes.append(UInt8(ascii: "-")) }
                pendingDash = false
                bytes.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
            default:
                pendingDash = true
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate var precomposedForSlug: String { EntityID.normalize(self) }
}
