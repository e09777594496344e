/// Fenced code blocks found line by line, for the passes that read the raw source before
/// cmark does (footnote definitions, comments): text inside a fence is code, not syntax.
/// CommonMark's rules: a run of three or more backticks or tildes indented at most three
/// spaces opens a fence (a backtick fence's info string holds no backtick); a run of the
/// same character, at least as long, with nothing but spaces after it closes it.
struct CodeFences {
    private var open: (byte: UInt8, count: Int)?

    /// Whether the line opens, closes or lies inside a fence; lines are given in order.
    mutating func isCode(_ bytes: [UInt8], line range: Range<Int>) -> Bool {
        var first = range.lowerBound
        while first < range.upperBound, bytes[first] == 0x20 { first += 1 }
        let fenceable = first - range.lowerBound <= 3 && first < range.upperBound
            && (bytes[first] == 0x60 || bytes[first] == 0x7E)
        var run = first
        if fenceable { while run < range.upperBound, bytes[run] == bytes[first] { run += 1 } }
        let after = bytes[run..<range.upperBound]
        if let current = open {
            if fenceable, bytes[first] == current.byte, run - first >= current.count,
               after.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                open = nil
            }
            return true
        }
        guard fenceable, run - first >= 3, bytes[first] == 0x7E || !after.contains(0x60) else { return false }
        open = (bytes[first], run - first)
        return true
    }
}
