@testable import Loading
import Model
import TestSupport
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

/// A wikilink target names a file (`map.png`) when it ends in a short extension that is not
/// Markdown's; read on bytes when it can be, with the answer counting characters gives.
@Suite struct AttachmentTargetTests {
    @Test func namesFileOnBytesAgreesWithCountingCharacters() {
        #expect(Mention.namesFile("map.png") && Mention.namesFile("Report 2024.PDF") && Mention.namesFile("a/b.c.jpeg"))
        #expect(!Mention.namesFile("Notes.md") && !Mention.namesFile("Notes.MD") && !Mention.namesFile("Dr. Who"))
        #expect(!Mention.namesFile("v1.2/notes") && !Mention.namesFile("file.") && !Mention.namesFile("archive.backup"))
        #expect(Mention.namesFile("سند.pdf") && !Mention.namesFile("a.\u{301}png"))
        var generator = SplitMix64(seed: 46)
        let pieces = ["a", "Z", "7", ".", ".", "/", " ", "md", "MD", "png", "é", "e\u{301}", "\u{301}", "\u{600}", "ж", "🙂", "\r\n", "-"]
        for _ in 0..<20_000 {
            let target = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Mention.namesFile(target) == Mention.namesFileByCharacters(target), "\(target.unicodeScalars.map(\.value))")
        }
    }
}
