import Model

/// URL-safe slugs for document paths and heading anchors: lowercase letters and digits
/// (any script) joined by `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
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

extension String {
    fileprivate var precomposedForSlug: String { EntityID.normalize(self) }
}
