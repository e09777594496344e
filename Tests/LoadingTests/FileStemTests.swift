@testable import Loading
import Testing

/// A file's stem names an entity without a `name` (`Ada Lovelace.md`) and a page's slug.
@Suite struct FileStemTests {
    @Test func stemIsTheLastComponentWithoutItsExtension() {
        #expect(FileParser.stem(of: "Content/actors/Ada Lovelace.md") == "Ada Lovelace")
        #expect(FileParser.stem(of: "Content/articles/a.b.markdown") == "a.b")
        #expect(FileParser.stem(of: "Content/dir.d/readme") == "readme")
        #expect(FileParser.stem(of: "notes.md") == "notes")
        #expect(FileParser.stem(of: "Content/ایران/تهران.md") == "تهران")
        #expect(FileParser.stem(of: "Content/.hidden") == "")
    }
}
