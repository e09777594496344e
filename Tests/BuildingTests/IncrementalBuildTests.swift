import Building
import Foundation
import Model
import Testing
import TestSupport

/// A build that reuses earlier work must give exactly what a clean build gives. Random edits
/// — mentions added and removed, aliases changed, entities deleted and restored, templates
/// and settings edited, documents added and renamed — are applied to the fixture site one
/// after another; after each, the incremental result is compared with a clean build.
@Suite struct IncrementalBuildTests {
    static let fixture = Repository.root.appendingPathComponent("Tests/BuildingTests/Fixtures/basic-site")

    func copyFixture() throws -> TemporarySite {
        let site = try TemporarySite([:])
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.fixture.path))
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: Self.fixture.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue { try site.write(path, Data(contentsOf: Self.fixture.appendingPathComponent(path))) }
        }
        return site
    }

    struct Edit: Sendable {
        let name: String
        let apply: @Sendable (TemporarySite, inout SplitMix64) throws -> Void
    }

    static func text(_ site: TemporarySite, _ path: String) -> String? {
        FileManager.default.contents(atPath: site.root.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
    }

    static func documents(_ site: TemporarySite) -> [String] {
        let folder = site.root.appendingPathComponent("Content/articles")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map { "Content/articles/" + $0 }
    }

    static let targets = ["iran", "Tajikistan", "IRI", "afghanistan", "event:civil-war", "security", "Rahmon", "new-actor"]

    static let edits: [Edit] = [
        Edit(name: "add a mention") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document) else { return }
            try site.write(document, Data((text + "\nAlso [[\(targets.randomElement(using: &random)!)]] here.\n").utf8))
        },
        Edit(name: "remove a mention") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document),
                  let open = text.range(of: "[["), let close = text.range(of: "]]", range: open.upperBound..<text.endIndex) else { return }
            try site.write(document, Data(text.replacingCharacters(in: open.lowerBound..<close.upperBound, with: "someone").utf8))
        },
        Edit(name: "edit a paragraph") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document) else { return }
            try site.write(document, Data((text + "\nA plain sentence \(Int.random(in: 0...99, using: &random)).\n").utf8))
        },
        Edit(name: "edit an entity description") { site, random in
            let path = ["Content/actors/tajikistan.md", "Content/themes/security.md"].randomElement(using: &random)!
            guard let text = text(site, path) else { return }
            let extra = ["Borders [[iran]].", "See [[afghanistan]].", "Plain words."].randomElement(using: &random)!
            try site.write(path, Data((text + "\n" + extra + "\n").utf8))
        },
        Edit(name: "rewrite a description's first sentence") { site, random in
            let lead = ["A landlocked country.", "A republic in Central Asia. It borders [[afghanistan]]."].randomElement(using: &random)!
            try site.write("Content/actors/tajikistan.md", Data("---\nname: Tajikistan\ntype: country\n---\n\(lead)\n".utf8))
        },
        Edit(name: "edit the briefing") { site, random in
            guard let text = text(site, "Content/briefings/outlook.md") else { return }
            let extra = ["More on [[tajikistan]].", "See [the report](https://example.org/new).", "Plain."].randomElement(using: &random)!
            try site.write("Content/briefings/outlook.md", Data((text + "\n" + extra + "\n").utf8))
        },
        Edit(name: "change the briefing's image") { site, random in
            let fill = ["#1f5f8b", "#8a2f1d", "#2f6b3a"].randomElement(using: &random)!
            try site.write("Content/briefings/map.svg", Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"2\" fill=\"\(fill)\"/></svg>\n".utf8))
        },
        Edit(name: "edit the single files' style sheet") { site, random in
            let rule = [".judgment { color: red; }", ".annex { margin: 0; }"].randomElement(using: &random)!
            let css = try String(contentsOf: Repository.templates.appendingPathComponent("assets/briefing.css"), encoding: .utf8)
            try site.write("Templates/assets/briefing.css", Data((css + rule + "\n").utf8))
        },
        Edit(name: "change an alias") { site, random in
            let alias = ["IRI", "Persia", "Tehran", "Rahmon"].randomElement(using: &random)!
            try site.write("Content/actors/iran.md", Data("---\nname: Iran\ntype: country\naliases: [\(alias)]\n---\nA country.\n".utf8))
        },
        Edit(name: "delete an entity") { site, random in
            let path = ["Content/actors/afghanistan.md", "Content/events/civil-war.md", "Content/actors/new-actor.md"].randomElement(using: &random)!
            try? site.remove(path)
        },
        Edit(name: "add an entity") { site, random in
            let name = ["New Actor", "Newcomer"].randomElement(using: &random)!
            try site.write("Content/actors/new-actor.md", Data("---\nname: \(name)\n---\nNew, linked to [[iran]].\n".utf8))
        },
        Edit(name: "restore an entity") { site, _ in
            try site.write("Content/actors/afghanistan.md", Data("---\nname: Afghanistan\ntype: country\n---\nA neighbour.\n".utf8))
            try site.write("Content/events/civil-war.md", Data("---\nname: Tajik civil war\ndate: 1992/1997\n---\nWar.\n".utf8))
        },
        Edit(name: "edit a template") { site, random in
            let footer = ["<footer>Edited footer {{siteTitle}}</footer>\n", "<footer>{{#nav}}{{label}} {{/nav}}</footer>\n"]
                .randomElement(using: &random)!
            try site.write("Templates/partials/footer.mustache", Data(footer.utf8))
        },
        Edit(name: "drop the template override") { site, _ in
            try? site.remove("Templates/partials/footer.mustache")
        },
        Edit(name: "edit the settings") { site, random in
            let title = ["Fixture", "Renamed site", "Другое имя"].randomElement(using: &random)!
            try site.write("dossier.yml", Data("title: \(title)\npaginate: \(Int.random(in: 1...3, using: &random))\n".utf8))
        },
        Edit(name: "add a document") { site, random in
            let n = Int.random(in: 1...3, using: &random)
            try site.write("Content/articles/extra-\(n).md",
                           Data("---\ntitle: Extra \(n)\ndate: 2023-0\(n)-01\n---\nOn [[iran]] and [[tajikistan]].\n".utf8))
        },
        Edit(name: "rename a document") { site, random in
            guard let document = documents(site).randomElement(using: &random) else { return }
            let renamed = "Content/articles/renamed-\(Int.random(in: 1...3, using: &random)).md"
            guard renamed != document, !FileManager.default.fileExists(atPath: site.root.appendingPathComponent(renamed).path) else { return }
            try FileManager.default.moveItem(at: site.root.appendingPathComponent(document), to: site.root.appendingPathComponent(renamed))
        },
        Edit(name: "link a document") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document) else { return }
            let link = ["[[second]]", "[[First article#Background]]", "[[articles/first#After|after]]", "[see](doc:third)",
                        "[[#After]]", "[[first#Nowhere]]", "[[renamed-1]]", "[[second|the `second` one]]",
                        "#security", "#Field-Notes"].randomElement(using: &random)!
            try site.write(document, Data((text + "\nLinks to \(link) here.\n").utf8))
        },
        Edit(name: "embed a note") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document) else { return }
            let embed = ["![[second]]", "![[first#Background]]", "![[third#^key]]", "![[actor:iran]]", "![[map.svg|40]]"]
                .randomElement(using: &random)!
            try site.write(document, Data((text + "\nLinks to\n\n" + embed + "\n").utf8))
        },
        Edit(name: "edit an embedded note") { site, random in
            guard let text = text(site, "Content/articles/third.md") else { return }
            let line = ["A key sentence. ^key", "Another sentence on [[iran]]. ^key", "No block id here."].randomElement(using: &random)!
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("A key") && !$0.hasPrefix("Another") && !$0.hasPrefix("No block") }
            try site.write("Content/articles/third.md", Data((kept.joined(separator: "\n") + "\n" + line + "\n").utf8))
        },
        Edit(name: "rename a linked heading") { site, random in
            guard let text = text(site, "Content/articles/first.md") else { return }
            let heading = ["## Background", "## Context", "## After"].randomElement(using: &random)!
            let renamed = text.replacingOccurrences(of: "## Background", with: heading).replacingOccurrences(of: "## Context", with: heading)
            try site.write("Content/articles/first.md", Data(renamed.utf8))
        },
        Edit(name: "break YAML") { site, random in
            guard let document = documents(site).randomElement(using: &random), let text = text(site, document) else { return }
            try site.write(document, Data(text.replacingOccurrences(of: "title:", with: "title: [unclosed").utf8))
        },
    ]

    /// Applied after a step that broke the build, so the rest of the run is not one failure.
    static let repair = Edit(name: "fix YAML, drop document links, restore Iran's alias") { site, _ in
        if text(site, "Content/actors/iran.md")?.contains("aliases: [Rahmon]") == true {
            try site.write("Content/actors/iran.md", Data("---\nname: Iran\ntype: country\naliases: [IRI]\n---\nA country.\n".utf8))
        }
        for document in documents(site) {
            guard let text = text(site, document), text.contains("title: [unclosed") || text.contains("Links to") || text.contains("[[second]]")
            else { continue }
            var lines = text.replacingOccurrences(of: "title: [unclosed", with: "title:")
                .split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("Links to") }
            // An embed stands alone in its paragraph, after a "Links to" line; the fixture's
            // own link to `second` breaks when that article is renamed.
            lines = lines.filter { !$0.hasPrefix("![[") && !(document.hasSuffix("third.md") && $0.contains("[[second]]")) }
            try site.write(document, Data(lines.joined(separator: "\n").utf8))
        }
    }

    /// Four seeds on every run; `DOSSIER_INCREMENTAL_SEEDS=N` adds N more for a longer run.
    static let seeds: [UInt64] = [1, 2, 3, 4]
        + (1000..<(1000 + UInt64(ProcessInfo.processInfo.environment["DOSSIER_INCREMENTAL_SEEDS"].flatMap(Int.init) ?? 0)))

    @Test(arguments: seeds)
    func incrementalEqualsClean(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let site = try copyFixture()
        let preview = PreviewBuild(options: site.options())
        _ = preview.rebuild()
        var history: [String] = []
        var partial = 0, targeted = 0, relinked = 0
        var broken = false
        for step in 0..<40 {
            let edit = broken ? Self.repair : Self.edits.randomElement(using: &random)!
            // The paths the edit touched, as the file watcher would report them.
            let before = try Self.outputFiles(site.root)
            try edit.apply(site, &random)
            let after = try Self.outputFiles(site.root)
            let touched = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
                .map { site.root.path + "/" + $0 }
            history.append(edit.name)
            let incremental = preview.rebuild(changed: Set(touched))
            if incremental.succeeded && incremental.rendered < incremental.pages { partial += 1 }
            if incremental.targeted { targeted += 1 }
            if incremental.relinked { relinked += 1 }
            let clean = PreviewBuild(options: site.options())
            let reference = clean.rebuild()
            broken = !reference.succeeded
            let context = "seed \(seed), step \(step): \(history.joined(separator: " → "))"
            #expect(incremental.succeeded == reference.succeeded, "\(context)")
            #expect(incremental.diagnostics.map(\.description) == reference.diagnostics.map(\.description), "\(context)")
            if reference.succeeded {
                let got = preview.files, want = clean.files
                #expect(Set(got.keys) == Set(want.keys), "\(context)")
                let differing = want.keys.filter { got[$0] != want[$0] }.sorted()
                #expect(differing.isEmpty, "\(context): \(differing.prefix(5))")
            }
        }
        // The comparison must have covered rebuilds that rendered only some pages, and
        // rebuilds that read only the changed files.
        // (Extra seeds from the environment may happen to draw no such edit.)
        if seed < 1000 {
            #expect(partial > 0)
            #expect(targeted > 0)
        }
        _ = relinked
    }

    /// Every file of an output folder but the marker (which names its build).
    static func outputFiles(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return files }
        for case let path as String in enumerator where !path.hasSuffix(".dossier-output") {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: root.appendingPathComponent(path))
            }
        }
        return files
    }

    /// The same for `dossier build` across processes: each build starts from the cache on
    /// disk and the previous output, as a new process would.
    @Test(arguments: [5, 6, 7])
    func warmBuildsEqualCleanBuilds(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let site = try copyFixture()
        var options = site.options()
        options.persistentCache = true
        _ = Builder.build(options)
        let clean = try TemporarySite([:])
        var history: [String] = []
        var partial = 0
        var broken = false
        for step in 0..<30 {
            let edit = broken ? Self.repair : Self.edits.randomElement(using: &random)!
            try edit.apply(site, &random)
            history.append(edit.name)
            let warm = Builder.build(options)
            var cleanOptions = site.options()
            cleanOptions.output = clean.output
            let reference = Builder.build(cleanOptions)
            broken = !reference.succeeded
            let context = "seed \(seed), step \(step): \(history.joined(separator: " → "))"
            #expect(warm.succeeded == reference.succeeded, "\(context)")
            #expect(warm.diagnostics.map(\.description) == reference.diagnostics.map(\.description), "\(context)")
            if warm.succeeded && warm.pagesRendered < warm.pages { partial += 1 }
            if reference.succeeded {
                let got = try Self.outputFiles(site.output), want = try Self.outputFiles(clean.output)
                #expect(Set(got.keys) == Set(want.keys), "\(context): \(Set(got.keys).symmetricDifference(want.keys).sorted().prefix(5))")
                let differing = want.keys.filter { got[$0] != want[$0] }.sorted()
                #expect(differing.isEmpty, "\(context): \(differing.prefix(5))")
            }
        }
        #expect(partial > 0)
    }

    /// A body edit that names only existing entities is linked without relinking the site,
    /// with the same result as a clean build.
    @Test func bodyEditsAreRelinkedInPlace() throws {
        let site = try copyFixture()
        let preview = PreviewBuild(options: site.options())
        #expect(preview.rebuild().succeeded)
        let path = "Content/articles/second.md"
        let text = try #require(Self.text(site, path))
        for (i, addition) in ["More on [[iran]] and [[afghanistan]].", "Only [[tajikistan]] now.", "No mentions at all."].enumerated() {
            try site.write(path, Data((text + "\n" + addition + "\n").utf8))
            let outcome = preview.rebuild(changed: [site.root.path + "/" + path])
            #expect(outcome.succeeded && outcome.targeted && outcome.relinked, "edit \(i)")
            let clean = PreviewBuild(options: site.options())
            #expect(clean.rebuild().succeeded)
            let got = preview.files, want = clean.files
            #expect(Set(got.keys) == Set(want.keys))
            #expect(want.keys.filter { got[$0] != want[$0] }.sorted().isEmpty, "edit \(i)")
        }
    }

    /// A folder's note (`permalink` naming its folder) takes the place of the folder's list,
    /// in a full build and after body edits relinked in place; the diagnostics of files an
    /// edit did not touch are still reported, and a changed file's are its new ones.
    @Test func aFolderNoteKeepsItsPlaceAndUntouchedFilesKeepTheirDiagnostics() throws {
        let site = try TemporarySite([
            "Content/teams/roster.md": "---\ntitle: Roster\npermalink: /teams/\n---\nThe roster of [[Ada]].\n",
            "Content/teams/berlin.md": "---\ntitle: Berlin\n---\nThe Berlin team, with [[Ada]].\n",
            "Content/notes/loose.md": "---\ntitle: Loose\n---\nA loose note.\n\n[^spare]: Never cited.\n",
            "Content/actors/ada.md": "---\nname: Ada\ntype: person\n---\nAda.\n",
        ])
        /// The roster's own page, not the folder's list (which names it too).
        func isRoster(_ bytes: [UInt8]?) -> Bool {
            bytes.map { String(decoding: $0, as: UTF8.self) }.map { $0.contains("<article class=\"document\">") && $0.contains("<h1 dir=\"auto\">Roster</h1>") } ?? false
        }
        let preview = PreviewBuild(options: site.options())
        let first = preview.rebuild()
        #expect(first.succeeded)
        #expect(isRoster(preview.file(at: "teams/index.html")))
        // The notes folder has no note of its own: its list stands.
        #expect(preview.file(at: "notes/index.html").map { String(decoding: $0, as: UTF8.self).contains("Loose") } == true)
        let unused = first.diagnostics.filter { $0.code == .footnoteUnused }
        #expect(unused.map(\.location?.path) == ["Content/notes/loose.md"])
        for (i, body) in ["The new roster of [[Ada]].", "The roster of [[Ada]].\n\n[^spare]: Not cited either."].enumerated() {
            try site.write("Content/teams/roster.md", Data("---\ntitle: Roster\npermalink: /teams/\n---\n\(body)\n".utf8))
            let outcome = preview.rebuild(changed: [site.root.path + "/Content/teams/roster.md"])
            #expect(outcome.succeeded && outcome.targeted && outcome.relinked, "edit \(i)")
            #expect(isRoster(preview.file(at: "teams/index.html")), "edit \(i)")
            let paths = outcome.diagnostics.filter { $0.code == .footnoteUnused }.compactMap(\.location?.path)
            #expect(paths == (i == 0 ? ["Content/notes/loose.md"] : ["Content/notes/loose.md", "Content/teams/roster.md"]), "edit \(i)")
        }
    }

    @Test func unchangedFilesAreNotParsedAgain() throws {
        let site = try copyFixture()
        let preview = PreviewBuild(options: site.options())
        let first = preview.rebuild()
        #expect(first.succeeded && first.reused == 0 && first.parsed > 5)
        try site.write("Content/actors/iran.md", Data("---\nname: Iran\n---\nEdited.\n".utf8))
        let second = preview.rebuild()
        #expect(second.parsed == 1)
        #expect(second.reused == first.parsed - 1)
        #expect(second.changed.contains("actors/iran/index.html"))
        #expect(!second.changed.contains("actors/tajikistan/index.html") || second.changed.count < first.pages)
        let third = preview.rebuild()
        #expect(third.parsed == 0 && third.changed.isEmpty && third.removed.isEmpty)
    }
}
