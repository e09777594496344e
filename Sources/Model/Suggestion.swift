/// "Did you mean" suggestions by edit distance.
package enum Suggestion {
    /// The candidate closest to `text` (case-insensitive), if it is close enough to be a
    /// plausible typo: one edit for short words, else up to a third of the length, at most 3.
    /// On a tie the earlier candidate wins, so callers list their preferred candidates first.
    package static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let needle = Array(text.lowercased().unicodeScalars)
        let limit = needle.count <= 3 ? 1 : min(3, max(2, needle.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - needle.count) <= limit else { continue }
            let d = distance(needle, other, limit: limit)
            if d <= limit, best == nil || d < best!.distance {
                best = (d, candidate)
            }
        }
        return best?.candidate
    }

    /// Edit distance counting a swap of two neighbours as one edit (optimal string
    /// alignment), giving up early (returning `limit + 1`) past `limit`.
    package static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = min(d, before[j - 2] + 1) }
                current[j] = d
                rowMin = min(rowMin, d)
            }
            if rowMin > limit { return limit + 1 }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
