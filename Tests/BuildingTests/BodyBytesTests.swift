import Building
import Foundation
import Model
@testable import Rendering
import Testing
import TestSupport

/// Pages take a body as bytes (`bodyBytes`), briefings, embeds and single files as a
/// `String` (`bodyHTML`): one writer makes both, and they must never differ.
@Suite struct BodyBytesTests {
    /// Names that need escaping where a mention shows them.
    static let escaping = [
        "Content/actors/att.md": "---\nname: \"AT&T <Holdings>\"\n---\nA company.\n",
        "Content/articles/b.md": "---\ntitle: B\n---\nSee [[actor:att]], [[nowhere & <back>]] and [[att|\"AT&T\"]].\n",
    ]

    /// Every file of the fixture site, of the vault (embeds of notes, sections, blocks,
    /// images and cards, links between notes), of a site that autolinks names and of one
    /// whose mentions show text to escape.
    @Test(arguments: ["basic-site", "vault", "autolink", "escaping"])
    func bytesAndTextAreTheSameBody(_ name: String) throws {
        let temporary: TemporarySite? = switch name {
        case "autolink": try TemporarySite(AutolinkTests.files, config: "title: T\nautolink: first\n")
        case "escaping": try TemporarySite(Self.escaping)
        default: nil
        }
        let folder = temporary?.root ?? (name == "vault" ? VaultTests.vault : FixtureSiteTests.site)
        var options = BuildOptions(site: folder)
        options.builtinTheme = Repository.templates
        let site = try #require(Pipeline.generate(options).site)
        let navigation = Navigation(site)
        let index = RenderIndex(site)
        var nonEmpty = 0
        for file in site.files.indices {
            let folder = site.files[file].documentURLPath ?? ""
            let context = RenderContext(site: site, urls: URLs(pretty: false, folder: folder), navigation: navigation, index: index)
            let text = context.bodyHTML(file)
            #expect(String(decoding: context.bodyBytes(file).bytes, as: UTF8.self) == text, "\(site.files[file].path)")
            if !text.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 0)
        if name == "escaping" {
            let article = try #require(site.files.indices.first { site.files[$0].path.hasSuffix("b.md") })
            let context = RenderContext(site: site, urls: URLs(pretty: false, folder: "articles/b"), navigation: navigation, index: index)
            // The link's text, not only its title.
            #expect(context.bodyHTML(article).contains(">AT&amp;T &lt;Holdings&gt;</a>"))
        }
        if name == "vault" {
            // The comparison reached embeds written in place.
            let embedding = site.files.indices.filter { site.files[$0].mentions.contains(where: \.embed) }
            #expect(!embedding.isEmpty)
        }
    }
}
