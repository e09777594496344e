/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `text` (case-insensitive), if it is close enough to be a
    /// plausible typo: at most a third of the length, and at most 3 edits.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let needle = Array(text.lowercased().unicodeScalars)
        let limit = min(3, max(1, needle.count / 3))
        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - needle.count) <= limit else { continue }
            let d = distance(needle, other, limit: limit)
            if d <= limit, best == nil || d < best!.distance || (d == best!.distance && candidate < best!.candidate) {
                best = (d, candidate)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance, giving up early (returning `limit + 1`) past `limit`.
    public static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
