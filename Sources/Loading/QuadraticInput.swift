/// Debian's cmark 0.30.2 lacks the fix for CVE-2023-22486: each link closed while images
/// are still open walks back over all of them, so `![[]()` repeated takes quadratic time
/// (40,000 times: 5 s in cmark alone). A linear pass over the body counts that walk before
/// cmark sees it; a body whose count is past `limit` is refused with a located diagnostic.
/// Every other class of cmark's pathological inputs runs in linear time at 1 MB (measured in
/// `QuadraticInputTests` and Benchmarks/RESULTS.md).
enum QuadraticInput {
    /// About a second of cmark's time on this machine kind; ordinary documents (thousands of
    /// closed images and links) count near zero.
    static let limit = 150_000_000

    /// The offset of the first image opener of a body that exceeds `limit`, or nil.
    static func check(_ bytes: [UInt8], limit: Int = limit) -> Int? {
        // The cost adds the open brackets at each `](`: with a brackets and b closers among
        // n bytes (a + b ≤ n) it is at most a·b ≤ n²/4. Most bodies are too short to reach
        // the limit at all, and skip the pass.
        guard bytes.count > 1 << 31 || bytes.count * bytes.count / 4 > limit else { return nil }
        var open = 0
        var cost = 0
        var firstImage: Int?
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x5C:
                i += 2
                continue
            case 0x21 where i + 1 < bytes.count && bytes[i + 1] == 0x5B:
                if firstImage == nil { firstImage = i }
                open += 1
                i += 2
                continue
            case 0x5B:
                open += 1
            case 0x5D:
                if open > 0 { open -= 1 }
                if i + 1 < bytes.count, bytes[i + 1] == 0x28 {
                    cost += open
                    if cost > limit { return firstImage ?? i }
                }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
