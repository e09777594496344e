import Linking
import Model
import Testing

@Suite struct RelationsTests {
    @Test func backlinksCoOccurrenceAndMembership() throws {
        let site = link([
            "actors/iran.md": "---\nname: Iran\n---\nNeighbour of [[afghanistan]].\n",
            "actors/tajikistan.md": "---\nname: Tajikistan\n---\n",
            "actors/afghanistan.md": "---\nname: Afghanistan\n---\n",
            "themes/security.md": "---\nname: Security\n---\n",
            "articles/old.md": "---\ntitle: Old\ndate: 2020-01-01\nthemes: [security]\n---\n[[iran]] and [[tajikistan]].\n\n[[iran]] alone.\n",
            "articles/new.md": "---\ntitle: New\ndate: 2022-01-01\n---\n[[tajikistan]] and [[iran]] and [[afghanistan]].\n",
            "articles/draft.md": "---\ntitle: Draft\ndraft: true\n---\n[[iran]]\n",
        ])
        #expect(site.allDiagnostics.isEmpty)
        let iran = try #require(site.entity("actor:iran"))
        let tajikistan = try #require(site.entity("actor:tajikistan"))
        let afghanistan = try #require(site.entity("actor:afghanistan"))
        // Newest document first, then entity descriptions; drafts are left out.
        let paths = site.backlinks[iran].map { site.files[$0.file].path }
        #expect(paths == ["Content/articles/new.md", "Content/articles/old.md", "Content/articles/old.md"])
        #expect(site.documents.map { site.files[$0].path } == ["Content/articles/new.md", "Content/articles/old.md"])
        // Iran and Tajikistan share two paragraphs; Iran's description mentions Afghanistan,
        // and they share one paragraph.
        let related = site.related[iran].map { "\(site.entities[$0.entity].id):\($0.weight)" }
        #expect(related == ["afghanistan:2", "tajikistan:2"])
        #expect(site.related[tajikistan].first { $0.entity == afghanistan }?.weight == 1)
        let security = try #require(site.entity("theme:security"))
        #expect(site.documentsByEntity[security].map { site.files[$0].path } == ["Content/articles/old.md"])
    }

    @Test func timelineSortsByLowerThenUpperBoundThenId() {
        let site = link([
            "events/b.md": "---\nname: B\ndate: 2022-05\n---\n",
            "events/a.md": "---\nname: A\ndate: 2022-05\n---\n",
            "events/c.md": "---\nname: C\ndate: 2022-05-01\n---\n",
            "events/d.md": "---\nname: D\ndate: 199X\n---\n",
            "events/e.md": "---\nname: E\n---\n",
        ])
        #expect(site.timeline.map { site.entities[$0].id.rawValue } == ["d", "c", "a", "b", "e"])
        #expect(site.allDiagnostics.summaries == ["missing-date@1:1"])
    }
}
