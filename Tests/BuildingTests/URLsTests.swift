@testable import Rendering
import Testing

/// Links between pages are relative to the page's folder, with or without `index.html`.
@Suite struct URLsTests {
    @Test func pageLinksClimbToTheRoot() {
        #expect(URLs(pretty: false, folder: "").page("actors/iran") == "actors/iran/index.html")
        #expect(URLs(pretty: false, folder: "actors/iran").page("events/x") == "../../events/x/index.html")
        #expect(URLs(pretty: true, folder: "actors/iran").page("events/x") == "../../events/x/")
        #expect(URLs(pretty: true, folder: "").page("") == "./")
        #expect(URLs(pretty: false, folder: "articles/a/page/2").page("") == "../../../../index.html")
    }

    /// The appending form, which passages and bodies use for every mention, writes what
    /// `page` returns.
    @Test func appendingAPageLinkWritesThePageLink() {
        for pretty in [false, true] {
            for from in ["", "actors", "actors/iran", "articles/a/page/2"] {
                let urls = URLs(pretty: pretty, folder: from)
                for folder in ["", "graph", "actors/iran", "events/dushanbe-talks-2023"] {
                    var html = "<a href=\""
                    urls.appendPage(folder, to: &html)
                    #expect(html == "<a href=\"" + urls.page(folder), "\(pretty) \(from) \(folder)")
                }
            }
        }
    }

    /// A folder's depth counted on bytes is the number of its non-empty `/`-separated parts.
    @Test func depthCountsFolders() {
        for folder in ["", "/", "a", "a/b", "/a//b/", "actors/iran/page/2", "ایران/تهران", "a/\u{301}b", "a\r\n/b", "//"] {
            #expect(URLs.depth(folder) == folder.split(separator: "/").count, "\(folder)")
        }
    }
}
