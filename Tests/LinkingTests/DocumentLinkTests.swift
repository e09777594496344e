import Linking
import Loading
import Model
import Testing

/// Documents as link targets (DESIGN §2b): resolution order, `doc:`, fragments, what a bare
/// link shows, and the errors for texts that name two things.
@Suite struct DocumentLinkTests {
    static let files: [String: String] = [
        "actors/iran.md": "---\nname: Iran\naliases: [Islamic Republic]\n---\nIntro.\n\n## Sanctions\n\nText.\n",
        "themes/energy.md": "---\nname: Energy\n---\n",
        "articles/history-1992-2016.md": "---\ntitle: A history of relations\naliases: [The history]\n---\nIntro.\n\n## The civil war\n\nText.\n\n## The civil war\n\nAgain.\n",
        "articles/outlook.md": "---\ntitle: Outlook\n---\nSee [[history-1992-2016]], [[articles/history-1992-2016|the history piece]], [[A history of relations]], [[the history]] and [[doc:outlook-two]].\n",
        "notes/outlook-two.md": "---\ntitle: Second outlook\n---\nBack to [[outlook#nowhere]] and [[history-1992-2016#The civil war]] and [[#Later]].\n\n## Later\n\nEnd.\n",
    ]

    func file(_ site: Site, _ path: String) -> Int { site.files.firstIndex { $0.path == "Content/" + path }! }

    @Test func documentsResolveByPathFileNameTitleAndAlias() {
        let site = link(Self.files)
        let outlook = file(site, "articles/outlook.md"), history = file(site, "articles/history-1992-2016.md")
        let links = site.links[outlook]
        #expect(links.keys.sorted() == [0, 1, 2, 3, 4])
        #expect((0...3).map { links[$0]?.document } == Array(repeating: history, count: 4))
        #expect(links[4]?.document == file(site, "notes/outlook-two.md"))
        // Document links are navigation, not mentions: no entity, no backlink.
        #expect(site.resolutions[outlook] == [nil, nil, nil, nil, nil])
        #expect(site.backlinks.allSatisfy { $0.allSatisfy { $0.file != outlook } })
        #expect(site.allDiagnostics.filter { $0.path == "Content/articles/outlook.md" }.isEmpty)
    }

    @Test func linkedFromListsTheLinkingMentionsInFileOrder() {
        let site = link(Self.files)
        let history = file(site, "articles/history-1992-2016.md")
        let refs = site.linkedFrom[history] ?? []
        #expect(refs.map { site.files[$0.file].path } == ["Content/articles/outlook.md", "Content/articles/outlook.md",
                                                          "Content/articles/outlook.md", "Content/articles/outlook.md",
                                                          "Content/notes/outlook-two.md"])
        // A link to a place on the same page is not "linked from".
        #expect(site.linkedFrom[file(site, "notes/outlook-two.md")]?.map(\.file) == [file(site, "articles/outlook.md")])
    }

    @Test func fragmentsReachHeadingIdsAndUnknownOnesWarnWithASuggestion() {
        let site = link(Self.files)
        let two = file(site, "notes/outlook-two.md")
        #expect(site.links[two][1]?.anchor == "the-civil-war")
        #expect(site.links[two][2] == MentionLink(page: .document(two), anchor: "later"))
        #expect(site.links[two][0]?.anchor == nil)
        let warning = site.allDiagnostics.first { $0.code == .unknownFragment }
        #expect(warning?.location == SourceLocation(path: "Content/notes/outlook-two.md", line: 4, column: 9))
        #expect(warning?.severity == .warning)
    }

    @Test func entityFragmentsReachDescriptionHeadingsAndPageSections() {
        var files = Self.files
        files["articles/e.md"] = "---\ntitle: E\n---\n[[iran#Sanctions]], [[actor:iran#Connections]], [[iran#Mentioned in]] and [[iran#Sanctoins]].\n"
        let site = link(files)
        let e = file(site, "articles/e.md"), iran = site.entity("actor:iran")!
        #expect(site.resolutions[e] == [iran, iran, iran, iran])
        #expect((0...3).map { site.links[e][$0]?.anchor } == ["sanctions", "_neighbourhood-heading", "_mentions-heading", nil])
        let warning = site.allDiagnostics.first { $0.code == .unknownFragment }
        #expect(warning?.message.contains("did you mean 'Sanctions'?") == true)
    }

    @Test func aTextNamingAnEntityAndADocumentIsAnError() {
        var files = Self.files
        files["articles/energy.md"] = "---\ntitle: Energy notes\n---\nText.\n"
        files["articles/f.md"] = "---\ntitle: F\n---\nOn [[energy]], [[theme:energy]] and [[doc:energy]].\n"
        let site = link(files)
        let f = file(site, "articles/f.md")
        let errors = site.allDiagnostics.filter { $0.code == .ambiguousLink }
        #expect(errors.count == 1)
        #expect(errors.first?.location == SourceLocation(path: "Content/articles/f.md", line: 4, column: 4))
        #expect(errors.first?.message.contains("[[theme:energy]] or [[doc:articles/energy]]") == true)
        #expect(site.resolutions[f] == [nil, site.entity("theme:energy"), nil])
        #expect(site.links[f][2]?.document == file(site, "articles/energy.md"))
    }

    @Test func aFileNameTwoDocumentsShareIsAmbiguous() {
        var files = Self.files
        files["notes/history-1992-2016.md"] = "---\ntitle: Notes on history\n---\nText.\n"
        files["other/g.md"] = "---\ntitle: G\n---\n[[history-1992-2016]] or [[notes/history-1992-2016]].\n"
        // From a folder that has one of them, the name means that one (as in Obsidian).
        files["notes/k.md"] = "---\ntitle: K\n---\n[[history-1992-2016]].\n"
        let site = link(files)
        let errors = site.allDiagnostics.filter { $0.code == .ambiguousLink }
        #expect(errors.count == 1)
        #expect(errors.first?.message.contains("[[doc:articles/history-1992-2016]] or [[doc:notes/history-1992-2016]]") == true)
        #expect(site.links[file(site, "other/g.md")][1]?.document == file(site, "notes/history-1992-2016.md"))
        #expect(site.links[file(site, "notes/k.md")][0]?.document == file(site, "notes/history-1992-2016.md"))
    }

    @Test func unknownDocumentsAreErrorsWithASuggestion() {
        var files = Self.files
        files["articles/h.md"] = "---\ntitle: H\n---\n[[doc:outlok]] and [[Second outlok]].\n"
        let site = link(files)
        let errors = site.allDiagnostics.filter { $0.code == .unresolvedMention }.map(\.message)
        #expect(errors == ["unknown document 'outlok' (did you mean 'Outlook'?)",
                           "unknown entity or document 'Second outlok' (did you mean the document 'Second outlook'?)"])
    }

    @Test func anUnknownKindPrefixNamesThePrefixesThereAre() {
        var files = Self.files
        files["articles/p.md"] = "---\ntitle: P\n---\nOn [[country:sudan]].\n"
        let site = link(files)
        #expect(site.allDiagnostics.map(\.message).contains("unknown kind prefix 'country:' in '[[country:sudan]]'; the prefixes are actor:, event:, theme: and doc:"))
    }

    @Test func aBareLinkShowsItsTextWhenItIsANameAliasOrFileName() {
        var files = Self.files
        files["articles/i.md"] = "---\ntitle: I\n---\n[[Islamic Republic]], [[iran]], [[ENERGY]], [[Iran]], [[history-1992-2016]] and [[articles/history-1992-2016]].\n"
        let site = link(files)
        let i = file(site, "articles/i.md")
        let iran = site.entity("actor:iran")!, energy = site.entity("theme:energy")!
        #expect(site.shownName(file: i, mention: 0, entity: iran) == "Islamic Republic")
        // An id that is the name in other letters shows as typed, like any name.
        #expect(site.shownName(file: i, mention: 1, entity: iran) == "iran")
        #expect(site.shownName(file: i, mention: 2, entity: energy) == "ENERGY")
        #expect(site.links[i][3] == nil)
        #expect(site.links[i][4]?.showsWritten == true)
        #expect(site.links[i][5]?.showsWritten == false)
    }

    @Test func typedDocLinksTakeAPathAndAFragment() {
        var files = Self.files
        files["articles/j.md"] = "---\ntitle: J\n---\nRead [the war](doc:articles/history-1992-2016#the-civil-war-2) and [x](<doc:notes/outlook-two>).\n"
        let site = link(files)
        let j = file(site, "articles/j.md")
        #expect(site.links[j][0] == MentionLink(page: .document(file(site, "articles/history-1992-2016.md")), anchor: "the-civil-war-2"))
        #expect(site.links[j][1]?.document == file(site, "notes/outlook-two.md"))
        #expect(site.allDiagnostics.filter { $0.path == "Content/articles/j.md" }.isEmpty)
    }
}

@Suite struct EmbedLinkTests {
    @Test func notesEmbeddingEachOtherInACircleAreErrorsAndOwnSectionsAreNot() {
        let site = link([
            "articles/a.md": "---\ntitle: A\n---\n![[b]]\n\n![[#Part]]\n\n## Part\n\nText.\n",
            "articles/b.md": "---\ntitle: B\n---\n![[c]]\n",
            "articles/c.md": "---\ntitle: C\n---\nSee\n\n![[a]]\n",
            "articles/d.md": "---\ntitle: D\n---\nSee ![[b]] in a sentence,\n*not ![[b]]* in emphasis.\n\n| ![[b]] |\n|---|\n",
        ])
        let cycles = site.allDiagnostics.filter { $0.code == .embedCycle }
        #expect(cycles.map(\.location) == [SourceLocation(path: "Content/articles/c.md", line: 6, column: 2)])
        let d = site.files.firstIndex { $0.path == "Content/articles/d.md" }!
        // In a sentence, the paragraph ends before the embed and goes on after it; inside
        // emphasis or a table, an embed is a link.
        #expect(site.files[d].mentions.map(\.embed) == [true, false, false])
        #expect(site.files[d].body.segments.prefix(5) == [
            .html("<p>See</p>\n"), .mentionStart(0), .html("\n"), .mentionEnd(0), .html("\n<p>in a sentence,\n<em>not "),
        ])
    }

    @Test func deepNestingWarns() {
        var files: [String: String] = [:]
        for n in 0..<5 { files["articles/n\(n).md"] = "---\ntitle: N\(n)\n---\n" + (n < 4 ? "![[n\(n + 1)]]\n" : "End.\n") }
        let site = link(files)
        let deep = site.allDiagnostics.filter { $0.code == .embedTooDeep }
        #expect(deep.map { $0.location?.path } == ["Content/articles/n0.md"])
    }

    @Test func attachmentsResolveByPathThenUniqueNameAndWarnWhenMissingOrShared() {
        let text = "---\ntitle: A\n---\n![[map.png]] ![[images/map.png|300]] ![[logo.svg]] ![[nothere.png]] [[Node.js]]\n"
        let parsed = FileParser(allowRawHTML: false).parse(ContentFile(
            path: "Content/articles/a.md", role: .document(section: "articles", urlPath: "articles/a"), bytes: Array(text.utf8)))
        let site = Linker(config: SiteConfig(), includeDrafts: false)
            .link([parsed], attachments: ["articles/images/map.png", "other/map.png", "shared/logo.svg"])
        let links = site.links[0]
        #expect(links[0]?.page == .attachment("articles/images/map.png"))
        #expect(links[1]?.page == .attachment("articles/images/map.png"))
        #expect(links[2]?.page == .attachment("shared/logo.svg"))
        #expect(links[3] == nil)
        let warnings = site.diagnostics.filter { $0.code == .missingAttachment }.map(\.message)
        #expect(warnings == ["'map.png' names 2 files (articles/images/map.png, other/map.png); the first is used: write its path to choose",
                             "no file 'nothere.png' in the content folder"])
        // A name with a dot that is no file is looked up as usual.
        #expect(site.diagnostics.contains { $0.code == .unresolvedMention && $0.message.contains("'Node.js'") })
    }
}

extension Diagnostic {
    var path: String? { location?.path }
}
