import Linking
import Model
import Testing
import TestSupport

@Suite struct ResolutionTests {
    let entities = [
        "actors/iran.md": "---\nname: Iran\ntype: country\naliases: [IRI, Islamic Republic of Iran]\n---\n",
        "actors/emomali-rahmon.md": "---\nname: Emomali Rahmon\ntype: person\naliases: [Rahmon]\n---\n",
        "actors/zurich.md": "---\nname: Zu\u{0308}rich\ntype: place\n---\n",
        "themes/security.md": "---\nname: Regional security\naliases: [security policy]\n---\n",
        "actors/security.md": "---\nname: Security Council\ntype: organization\n---\n",
    ]

    @Test func byIdNameAliasCaseWhitespaceAndNFC() {
        var files = entities
        files["articles/a.md"] = "[[iran]] [[IRAN]] [[iri]] [[Islamic  Republic of Iran]] [[emomali rahmon]] [[RAHMON]] [[Z\u{00FC}rich]] [x](actor:iran)\n"
        let site = link(files)
        #expect(site.allDiagnostics.isEmpty)
        #expect(site.resolved("articles/a.md") == [
            "actor:iran", "actor:iran", "actor:iran", "actor:iran", "actor:emomali-rahmon", "actor:emomali-rahmon",
            "actor:zurich", "actor:iran",
        ])
    }

    @Test func ambiguityAcrossKindsIsAnErrorListingTheCandidates() {
        var files = entities
        files["articles/a.md"] = "Text [[security]] and [[theme:security]] and [[actor:security]].\n"
        let site = link(files)
        #expect(site.resolved("articles/a.md") == ["nil", "theme:security", "actor:security"])
        // The id is in two folders: said once at each file, not at every bare mention.
        let errors = site.allDiagnostics.filter { $0.severity == .error }
        #expect(errors.map { $0.location?.path } == ["Content/actors/security.md", "Content/themes/security.md"])
        #expect(errors.allSatisfy { $0.code == .ambiguousMention && $0.message.contains("write [[actor:security]] or [[theme:security]]") })
    }

    @Test func unknownTargetSuggestsTheClosestName() {
        var files = entities
        files["articles/a.md"] = "---\ntitle: A\n---\nAbout [[irn]] and [[Emomali Rahmn]] and [[nothing-like-it]].\n"
        let site = link(files)
        let messages = site.allDiagnostics.map(\.description)
        #expect(messages == [
            "Content/articles/a.md:4:7: error: unknown entity 'irn' (did you mean 'iran'?) [unresolved-mention]",
            "Content/articles/a.md:4:19: error: unknown entity 'Emomali Rahmn' (did you mean 'Emomali Rahmon'?) [unresolved-mention]",
            "Content/articles/a.md:4:41: error: unknown entity 'nothing-like-it' [unresolved-mention]",
        ])
    }

    @Test func typedLinkToUnknownIdMakesAStub() throws {
        let site = link(["articles/a.md": "See [the CSTO](actor:csto) and [[csto]] again.\n"])
        let stub = try #require(site.entity("actor:csto"))
        #expect(site.entities[stub].isStub)
        #expect(site.resolved("articles/a.md") == ["actor:csto", "actor:csto"])
        #expect(site.allDiagnostics.summaries == ["stub-entity@1:5"])
    }

    @Test func idsCollidingAfterNormalisationAreAnError() {
        let site = link([
            "actors/iran.md": "---\nname: Iran\n---\n",
            "actors/IRAN.md": "---\nname: Iran again\n---\n",
        ])
        #expect(site.allDiagnostics.map(\.code.rawValue).contains("duplicate-id"))
        #expect(site.entities.count == 1)
    }

    @Test func nfcAndNfdFileNamesAreOneIdAndCollide() {
        let site = link([
            (path: "actors/z\u{00FC}rich.md", text: "---\nname: A\n---\n"),
            (path: "actors/zu\u{0308}rich.md", text: "---\nname: B\n---\n"),
        ])
        #expect(site.allDiagnostics.map(\.code.rawValue) == ["duplicate-id"])
    }

    @Test func sharedAliasWarnsAndMentionsOfItAreAmbiguous() {
        let site = link([
            "actors/iran.md": "---\nname: Iran\naliases: [Old Persia]\n---\n",
            "actors/persia.md": "---\nname: Persian Empire\naliases: [old persia]\n---\n",
            "articles/a.md": "[[Old Persia]] and [[persia]]\n",
        ])
        #expect(site.allDiagnostics.map(\.code.rawValue).sorted() == ["ambiguous-mention", "duplicate-alias"])
        // An id wins over a name or alias.
        #expect(site.resolved("articles/a.md") == ["nil", "actor:persia"])
    }

    @Test func frontMatterReferencesResolveWithinTheirKind() throws {
        let site = link([
            "actors/iran.md": "---\nname: Iran\n---\n",
            "themes/security.md": "---\nname: Security\n---\n",
            "events/e.md": "---\nname: E\ndate: 2022\nactors: [iran, irn]\nthemes: [Security]\n---\n",
        ])
        #expect(site.allDiagnostics.summaries == ["unresolved-reference@4:16"])
        let event = try #require(site.entity("event:e"))
        guard case let .event(_, _, _, actors, themes) = site.entities[event].details else { Issue.record("not an event"); return }
        #expect(actors == [site.entity("actor:iran")!])
        #expect(themes == [site.entity("theme:security")!])
    }
}
