/// A node's place in the source: 1-based lines and 1-based UTF-8 byte columns.
struct NodePosition: Hashable {
    var startLine: Int
    var startColumn: Int
    var endLine: Int
    var endColumn: Int
}

/// What the GFM layer found about footnotes: the caller turns it into diagnostics.
package struct FootnoteReport: Sendable {
    package struct Site: Sendable, Hashable {
        package var label: String
        package var line: Int
        package var column: Int
    }

    /// `[^label]` with no definition, where it stands (it stays text).
    package var undefined: [Site] = []
    /// Definitions no reference uses (they are left out of the page).
    package var unused: [Site] = []
    /// A second definition of a label (the first one is used).
    package var duplicates: [Site] = []
    /// Labels of the definitions, as written.
    package var labels: [String] = []
    /// The ids a page may not give to anything else (`fn-…`, `fnref-…`).
    package var reservedIDs: Set<String> = []
}

/// Paragraphs rendered without their `<p>`: a marker opens and closes their content, and
/// the rendered HTML loses `<p>` + open marker and close marker + `</p>`. Content can
/// never produce a raw `<` followed by 0x01 in safe mode.
enum BareParagraph {
    static let open = "<\u{1}b0>"
    static let close = "<\u{1}B0>"

    private static let openRun = Array(("<p>" + open).utf8)
    private static let closeRun = Array((close + "</p>").utf8)

    static func strip(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var written = 0
            var i = 0
            while i < bytes.count {
                if bytes[i] == 0x3C, i + 4 < bytes.count, bytes[i + 1] == 0x70 || bytes[i + 1] == 0x01 {
                    let rest = UnsafeBufferPointer(rebasing: bytes[i...])
                    if rest.starts(with: openRun) { i += openRun.count; continue }
                    if rest.starts(with: closeRun) { i += closeRun.count; continue }
                }
                out[written] = bytes[i]
                written += 1
                i += 1
            }
            return written
        }
    }
}
