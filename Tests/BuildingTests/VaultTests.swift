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
            "Home.md:4:19: note: tag 'research' names no theme; it has a page of its own (a theme file research.md would describe it) [tag-theme]",
            "Home.md:19:27: note: tag 'Field-Work' names no theme; it has a page of its own (a theme file field-work.md would describe it) [tag-theme]",
            "Notes/Deep note.md:15:34: warning: no heading 'Nowhere' on the linked page; the link leads to the top of the page [unknown-fragment]",
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
        // Markdown links and images whose path reaches nothing are found by file name.
        #expect(deep.contains("<img src=\"../../attachments/Nile%20map.png\" alt=\"the map\" />"))
        #expect(deep.contains("<a href=\"../../getting-started/index.html#next-steps\">the start</a>"))
        #expect(deep.contains("<a class=\"doc-link\" href=\"#second-part\">Second part</a>"))
        #expect(deep.contains("<p class=\"lede\" dir=\"auto\">A note with two parts.</p>"))
        #expect(deep.contains("Linked from"))
        // Embedded notes: a section, a block (its `^id` gone from the text), an entity's
        // card, a whole note whose links to its own headings now name it.
        let started = try page(output, "getting-started/index.html")
        // Embeds are listed by what they show; passages that name an embedded file name it.
        #expect(deep.contains("Shows the section “Second part” in place.") && deep.contains("Shows a passage in place."))
        #expect(started.contains("See <a class=\"file-link\" href=\"../attachments/Nile%20map.png\">Nile map.png</a> and"))
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
        // Tags are themes: a known one by its id, an unknown one with a page of its own.
        #expect(try page(output, "themes/computing/index.html").contains("Welcome"))
        // Inline tags too, the text around them quoted on the theme's page; a label may be formatted.
        #expect(home.contains("Filed under <a class=\"mention mention-theme\" href=\"../themes/research/index.html\" title=\"research\">#research</a>"))
        #expect(try page(output, "themes/field-work/index.html").contains("Filed under"))
        #expect(home.contains("<a class=\"doc-link\" href=\"../getting-started/index.html#next-steps\">the <code>next</code> steps</a>"))
        #expect(try page(output, "themes/research/index.html").contains("Welcome"))
    }
}

extension VaultTests {
    /// A note of a vault makes a single file too, named by its path in the vault.
    @Test func aVaultNoteMakesASingleFile() throws {
        var options = BuildOptions(site: Self.vault)
        options.builtinTheme = Repository.templates
        let brief = Builder.brief(options, target: .document("Notes/Deep note.md"))
        let html = try #require(brief.html, "\(brief.diagnostics)")
        #expect(html.contains("A key point worth quoting."))
        #expect(!HTMLScanner(html).references.contains { !$0.hasPrefix("#") && !$0.hasPrefix("data:") })
        // Its images are read into it: one found by file name alone, one embedded with its size.
        #expect(brief.diagnostics.allSatisfy { $0.code != .imageNotEmbedded }, "\(brief.diagnostics)")
        #expect(html.contains("<img src=\"data:image/png;base64,"))
        #expect(html.contains("<img class=\"embed embed-image\" src=\"data:image/png;base64,"))
        #expect(html.contains("alt=\"Nile map.png\" loading=\"lazy\" width=\"120\" height=\"80\">"))
        // A PDF a note embeds stays its name in a single file, without a warning each build.
        let home = Builder.brief(options, target: .document("Home.md"))
        #expect(home.html != nil && home.diagnostics.allSatisfy { $0.code != .imageNotEmbedded }, "\(home.diagnostics)")
    }
}

/// A vault of a few hundred notes written at random (seeded): folders and names with spaces,
/// capitals and decomposed accents, links to notes, headings and blocks in every form Obsidian
/// writes, embeds of notes, sections and attachments. Built, then every link and image of
/// every page is followed from disk: all of them arrive.
@Suite struct GeneratedVaultTests {
    struct Note {
        let folder: String
        let name: String
        let headings: [String]
        let blocks: [String]
        var path: String { folder.isEmpty ? name : folder + "/" + name }
    }

    @Test(arguments: [UInt64(7), 8])
    func everyLinkOfARandomVaultArrives(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let folders = ["", "Daily Notes", "Projects/Big Plan", "Research", "Re\u{0301}sumés"]
        var notes: [Note] = []
        for n in 0..<240 {
            let folder = folders.randomElement(using: &random)!
            let name = ["Note \(n)", "Idée \(n)", "Plan \(n) Draft", "e\u{0301}tude \(n)", "Topic-\(n)"].randomElement(using: &random)!
            let headings = (0..<Int.random(in: 1...3, using: &random)).map { ["Summary", "Open questions", "Next Steps", "Détails \($0)"][$0 % 4] }
            let blocks = Int.random(in: 0...3, using: &random) == 0 ? ["b\(n)"] : []
            notes.append(Note(folder: folder, name: name, headings: headings, blocks: blocks))
        }
        var files: [String: Data] = [".obsidian/app.json": Data("{}".utf8)]
        for i in 0..<6 { files["Attachments/Image \(i).png"] = Data([0x89, 0x50, 0x4E, 0x47]) }
        for (n, note) in notes.enumerated() {
            var text = "Intro of \(note.name).\n"
            for heading in note.headings {
                text += "\n## \(heading)\n\n"
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let other = notes[Int.random(in: 0..<notes.count, using: &random)]
                    let heading = other.headings.randomElement(using: &random)!
                    let encoded = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
                    let link = [
                        "[[\(other.path)]]", "[[\(other.path)|a label]]", "[[\(other.path)#\(heading)]]", "[[#\(note.headings[0])]]",
                        other.blocks.first.map { "[[\(other.path)#^\($0)]]" } ?? "[[\(other.path)]]",
                        "[md](\(String(repeating: "../", count: note.folder.split(separator: "/").count))\(other.path.split(separator: "/").map { encoded(String($0)) }.joined(separator: "/")).md#\(encoded(heading)))",
                        "![[Image \(Int.random(in: 0..<6, using: &random)).png|\(Int.random(in: 40...400, using: &random))]]",
                        "[by name](\(encoded(other.name)).md#\(encoded(heading)))", "![by name](Image%20\(Int.random(in: 0..<6, using: &random)).png)",
                    ].randomElement(using: &random)!
                    text += "Some words and \(link) here.\n"
                }
            }
            // Embeds of earlier notes only: no circles.
            if n > 0, Int.random(in: 0...4, using: &random) == 0 {
                let other = notes[Int.random(in: 0..<n, using: &random)]
                text += "\n![[\(other.path)#\(other.headings.randomElement(using: &random)!)]]\n"
            }
            for block in note.blocks { text += "\nA quotable line. ^\(block)\n" }
            files[note.path + ".md"] = Data(text.utf8)
        }
        let site = try TemporarySite([:])
        try site.remove("Content")
        for (path, data) in files { try site.write(path, data) }
        var options = site.options()
        options.builtinTheme = Repository.templates
        let report = Builder.build(options)
        #expect(report.succeeded)
        // Only deep chains of embeds may warn; every link resolves.
        #expect(report.diagnostics.filter { $0.code != .embedTooDeep }.map(\.description) == [])
        let (checked, broken) = try OutputIntegrityTests.audit(site.output)
        #expect(checked > 2000)
        #expect(broken.isEmpty, "\(broken.prefix(10))")
    }
}

@Suite struct DeepEmbedTests {
    /// Past three levels, and in a circle, an embed is a link: opened and closed.
    @Test func embedsTooDeepOrInACircleAreWholeLinks() throws {
        var files: [String: String] = [:]
        for n in 0..<5 { files["Content/articles/n\(n).md"] = "---\ntitle: N\(n)\n---\nText \(n).\n\n" + (n < 4 ? "![[n\(n + 1)]]\n" : "End.\n") }
        files["Content/articles/self.md"] = "---\ntitle: Self\n---\n## Part\n\nBefore.\n\n![[#Part]]\n"
        let site = try TemporarySite(files)
        let report = Builder.build(site.options())
        #expect(report.succeeded)
        let top = try #require(site.read("articles/n0/index.html"))
        // n1, n2 and n3 are shown in n0; n4 is linked from inside n3.
        #expect(top.contains("Text 3.") && !top.contains("Text 4."))
        #expect(top.contains("<p><a class=\"doc-link\" href=\"../../articles/n4/index.html\">n4\n</a></p>"))
        let own = try #require(site.read("articles/self/index.html"))
        #expect(own.components(separatedBy: "<a ").count == own.components(separatedBy: "</a>").count)
        #expect(top.components(separatedBy: "<a ").count == top.components(separatedBy: "</a>").count)
    }
}
