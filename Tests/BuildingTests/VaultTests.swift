import Building
import Foundation
import Model
import Testing
import TestSupport

/// An Obsidian vault built as it is (DESIGN §2b): `Fixtures/vault` has `.obsidian/` and no
/// `Content/`, notes in folders with spaces and capitals, attachments found by name, a
/// `kinds:` folder, `kind:` in front matter and the front matter Obsidian users write.
@Suite struct VaultTests {
    static let vault = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/vault")

    func build() throws -> (Builder.Report, URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-vault-\(UUID().uuidString)")
        var options = BuildOptions(site: Self.vault, output: output)
        options.builtinTheme = Repository.templates
        return (Builder.build(options), output)
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func buildsWithTheWarningsItsNotesEarn() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.succeeded)
        #expect(report.diagnostics.map(\.description) == [
            "Notes/Deep note.md:13:34: warning: no heading 'Nowhere' on the linked page; the link leads to the top of the page [unknown-fragment]",
            "People/Ada Lovelace.md:2:10: warning: 'aliases' is one text with commas; it is read as a list (write [Ada, Countess of Lovelace] to say so) [alias-list]",
        ])
        // Notes are pages under their folders' slugs; the output, the settings and Obsidian's
        // folder are not content.
        let files = Set(try FileManager.default.subpathsOfDirectory(atPath: output.path))
        for path in ["home/index.html", "getting-started/index.html", "notes/deep-note/index.html", "actors/ada-lovelace/index.html",
                     "themes/computing/index.html", "attachments/Nile map.png", "attachments/Report.pdf"] {
            #expect(files.contains(path), "\(path)")
        }
        #expect(!files.contains { $0.hasPrefix("notes/unpublished") || $0.contains("obsidian") || $0.contains("dossier.yml") })
    }

    @Test func linksEmbedsAndFragmentsReachTheirTargets() throws {
        let (report, output) = try build()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(report.succeeded)
        let home = try page(output, "home/index.html")
        #expect(home.contains("<article class=\"document wide home-page\">"))
        #expect(home.contains("<a class=\"doc-link\" href=\"../notes/deep-note/index.html#second-part\">the second part</a>"))
        // An alias shows as written; so does a name in other letters.
        #expect(home.contains("<a class=\"doc-link\" href=\"../notes/deep-note/index.html\">Deep</a>"))
        #expect(home.contains(">Ada</a>") && home.contains(">Ada Lovelace</a>"))
        #expect(home.contains("href=\"../actors/ada-lovelace/index.html#life\""))
        #expect(home.contains("<img class=\"embed embed-image\" src=\"../attachments/Nile%20map.png\" alt=\"Nile map.png\" loading=\"lazy\" width=\"300\">"))
        #expect(home.contains("<object class=\"embed embed-pdf\" type=\"application/pdf\" data=\"../attachments/Report.pdf\"><a href=\"../attachments/Report.pdf\">Report.pdf</a></object>"))
        // Obsidian's Markdown links: folders and headings by their slugs.
        #expect(home.contains("<a href=\"../notes/deep-note/index.html#second-part\">deep</a>"))
        #expect(home.contains("<img src=\"../attachments/Nile%20map.png\" alt=\"map\" />"))
        let deep = try page(output, "notes/deep-note/index.html")
        #expect(deep.contains("width=\"120\" height=\"80\""))
        #expect(deep.contains("<a class=\"doc-link\" href=\"#second-part\">Second part</a>"))
        #expect(deep.contains("<p class=\"lede\" dir=\"auto\">A note with two parts.</p>"))
        #expect(deep.contains("Linked from"))
        // Embedded notes: a section, a block (its `^id` gone from the text), an entity's
        // card, a whole note whose links to its own headings now name it.
        let started = try page(output, "getting-started/index.html")
        #expect(started.contains("<p class=\"embed-source\"><a href=\"../notes/deep-note/index.html#second-part\">Deep note</a></p>\n<h2 data-id=\"second-part\">Second part</h2>"))
        #expect(started.contains("<p class=\"embed-source\"><a href=\"../notes/deep-note/index.html#%5Ekey-point\">Deep note</a></p>\n<p><span class=\"block-anchor\" data-id=\"^key-point\"></span>A key point worth quoting.</p>\n</div>"))
        #expect(!started.contains("First part"))
        #expect(started.contains("<aside class=\"embed embed-card embed-actor\">"))
        #expect(started.contains("<p>Mathematician who wrote about Computing.</p>"))
        #expect(deep.contains("<span class=\"block-anchor\" id=\"^key-point\"></span>A key point worth quoting.</p>"))
        #expect(home.contains("<p class=\"embed-source\"><a href=\"../getting-started/index.html\">Getting started</a></p>"))
        #expect(home.contains("<a class=\"doc-link\" href=\"../getting-started/index.html#next-steps\">Next steps</a>"))
        // The theme from `kind: theme` lists the actor from `kinds: {People: actor}`.
        #expect(try page(output, "themes/computing/index.html").contains("Ada Lovelace"))
    }
}
