import Foundation
import Loading
import Linking
import Model
import Rendering

/// One fuzz input, end to end: the bytes are a Markdown file (front matter and all) in a
/// small site with a few entities; it is parsed for the site and for a single file, linked,
/// and rendered as its page, its entities' pages, its single-file briefing and the search
/// and graph outputs. Returns the invariants it broke; a crash or a hang is the fuzzer's
/// to catch.
package enum FuzzHarness {
    static let entities: [(path: String, text: String)] = [
        ("Content/actors/iran.md", "---\nname: Iran\ntype: country\naliases: [IRI, ایران]\n---\nA country near [[tajikistan]].\n"),
        ("Content/actors/tajikistan.md", "---\nname: Tajikistan\naliases: [Тоҷикистон]\n---\nBorders [[afghanistan]].\n"),
        ("Content/actors/afghanistan.md", "---\nname: Afghanistan\n---\n"),
        ("Content/events/talks.md", "---\nname: Talks\ndate: 2022-05~\nactors: [iran, tajikistan]\nthemes: [security]\n---\n"),
        ("Content/themes/security.md", "---\nname: Security\n---\n"),
        // A note to link, embed and take sections and blocks of; it embeds the fuzzed file
        // back, so circles of embeds are tried too.
        ("Content/articles/notes.md", "---\ntitle: Notes\naliases: [Field notes]\n---\n## Part one\n\nA line. ^key\n\n![[fuzz]]\n\n## Part two\n\n![[map.png|20]]\n"),
    ]

    static let templates: TemplateSet? = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates")
        return TemplateSet.load(builtin: folder, override: nil).0
    }()

    /// What the fuzzed file is: an article, a briefing, or an actor's description.
    package enum Role: CaseIterable, Sendable { case article, briefing, actor }

    package static func check(_ bytes: [UInt8], as kind: Role) -> [String] {
        var violations: [String] = []
        let (path, role): (String, FileRole) = switch kind {
        case .article: ("Content/articles/fuzz.md", .document(section: "articles", urlPath: "articles/fuzz"))
        case .briefing: ("Content/briefings/fuzz.md", .document(section: "briefings", urlPath: "briefings/fuzz"))
        case .actor: ("Content/actors/fuzz.md", .entity(EntityKey(.actor, EntityID("fuzz")!)))
        }
        var config = SiteConfig()
        config.autolink = bytes.first.map { $0 % 3 == 0 ? .all : $0 % 3 == 1 ? .first : .off } ?? .off
        let parser = FileParser(allowRawHTML: bytes.count % 2 == 0)
        let document = ContentFile(path: path, role: role, bytes: bytes)
        var files = entities.map { entry -> ParsedFile in
            let folder = String(entry.path.split(separator: "/")[1]), stem = String(entry.path.split(separator: "/")[2].dropLast(3))
            let role: FileRole = EntityKind(folder: folder).map { .entity(EntityKey($0, EntityID(stem)!)) }
                ?? .document(section: folder, urlPath: folder + "/" + stem)
            return parser.parse(ContentFile(path: entry.path, role: role, bytes: Array(entry.text.utf8)))
        }
        let parsed = parser.parse(document)
        files.append(parsed)
        // Positions lie in the file.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count + bytes.count(where: { $0 == 0x0D })
        for mention in parsed.mentions where mention.location.line < 1 || mention.location.line > max(1, lines) || mention.location.column < 1 {
            violations.append("mention at \(mention.location) outside the file")
        }
        for diagnostic in parsed.diagnostics {
            if let at = diagnostic.location, at.line < 0 || at.line > max(1, lines) + 1 { violations.append("diagnostic at \(at) outside the file") }
        }
        // The single file sees the same mentions.
        let single = parser.parseStandalone(document) { _, _ in nil }
        if single.file.mentions != parsed.mentions { violations.append("single-file parse found other mentions") }

        let site = Linker(config: config, includeDrafts: true).link(files, attachments: ["articles/map.png", "other/map.png", "a b/c.pdf"])
        guard let templates else { return ["templates did not load"] }
        let renderer = PageRenderer(site: site, templates: templates) { _ in StandaloneRenderer.Reparsed(single) }
        for page in Page.inventory(of: site) {
            let text = renderer.render(page).text
            if page.isHTMLPage, !text.hasSuffix("</html>\n") { violations.append("\(page) is cut short") }
            if case .briefingFile = page {
                let references = HTMLScanner(text).references.filter { !$0.hasPrefix("#") && !$0.hasPrefix("data:") }
                if !references.isEmpty { violations.append("single file refers to \(references.prefix(3))") }
            }
        }
        _ = GraphExport.json(site)
        return violations
    }
}
