@testable import Loading
import Testing

@Suite struct TypedLinkTargetTests {
    /// The ASCII fast path answers as `Character.isWhitespace` does, for every kind of space.
    @Test func whitespaceInATargetIsReadAsCharactersAre() {
        let texts = ["actor", "a b", "a\tb", "a\nb", "a\r\nb", "a\u{0B}b", "a\u{0C}b", "a\u{1C}b", "a\u{1F}b", "a\u{85}b",
                     "a\u{A0}b", "a\u{2003}b", "a\u{2028}b", "a\u{3000}b", "a\u{200B}b", "Душанбе", "Душанбе Tehran", "é", ""]
        for text in texts {
            #expect(MentionCollector.holdsWhitespace(text) == text.contains(where: \.isWhitespace), "\(Array(text.unicodeScalars))")
        }
    }
}
