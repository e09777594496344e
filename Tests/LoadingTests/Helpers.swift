import Loading
import Model
import TestSupport

let documentRole = FileRole.document(section: "articles", urlPath: "articles/a")

func parse(_ text: String, path: String = "Content/articles/a.md", role: FileRole = documentRole, rawHTML: Bool = false) -> ParsedFile {
    parse(bytes: Array(text.utf8), path: path, role: role, rawHTML: rawHTML)
}

func parse(bytes: [UInt8], path: String = "Content/articles/a.md", role: FileRole = documentRole, rawHTML: Bool = false) -> ParsedFile {
    FileParser(allowRawHTML: rawHTML).parse(ContentFile(path: path, role: role, bytes: bytes))
}

/// Parses marked text and returns each mention's `target@line:column`, plus the expected
/// list built from the markers (marker n ↦ the n-th expected target).
func mentions(_ marked: String, targets: [String]) -> (found: [String], expected: [String]) {
    let source = MarkedText(marked)
    let parsed = parse(source.text)
    let found = parsed.mentions.map { "\($0.target)@\($0.location.line):\($0.location.column)" }
    let expected = targets.enumerated().map { i, target in
        let at = source.markers[i + 1]!
        return "\(target)@\(at.line):\(at.column)"
    }
    return (found, expected)
}
