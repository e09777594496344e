import Foundation
import Model
import Testing

@Suite struct EntityIDTests {
    @Test(arguments: ["iran", "emomali-rahmon", "201st-base", "таджикистан", "ایران", "zürich"])
    func acceptsLettersDigitsAndDashes(_ text: String) {
        #expect(EntityID(text) != nil)
    }

    @Test(arguments: ["", "Iran", "../etc", "a/b", "a%2Fb", "a b", "a.b", "-x", "tab\there", "nul\u{0}"])
    func rejectsEverythingElse(_ text: String) {
        #expect(EntityID(text) == nil)
    }

    @Test func normalisesToNFCLowercase() {
        let decomposed = "Zu\u{0308}rich"
        #expect(EntityID.normalize(decomposed) == "z\u{00FC}rich")
        #expect(EntityID.normalize(decomposed).unicodeScalars.count == 6)
    }

    /// Text the quick check finds in NFC is kept as it is; other text is composed, as
    /// Foundation composes it (decomposed accents, Hangul jamo, a composition exclusion,
    /// Arabic hamza written as a mark).
    @Test func nfcAgreesWithFoundation() {
        for text in ["Iran", "Zürich", "ایران", "Таджикистан", "Zu\u{0308}rich", "e\u{301}te\u{301}", "\u{1100}\u{1161}",
                     "\u{0958}", "\u{0627}\u{0654}", "中文", "🙂 and 👍🏽", "\u{212B}ngström"] {
            #expect(text.nfc == text.precomposedStringWithCanonicalMapping, "\(text.unicodeScalars.map(\.value))")
            #expect(Array(text.nfc.unicodeScalars) == Array(text.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }

    @Test func lookupKeyFoldsCaseWhitespaceAndNormalisation() {
        #expect(lookupKey("  Emomali \t Rahmon ") == "emomali rahmon")
        #expect(lookupKey("Zu\u{0308}rich") == lookupKey("ZÜRICH"))
    }
}

@Suite struct SuggestionTests {
    @Test func suggestsCloseCandidates() {
        #expect(Suggestion.closest(to: "irn", among: ["iran", "iraq", "russia"]) == "iran")
        #expect(Suggestion.closest(to: "tajikstan", among: ["tajikistan", "kyrgyzstan"]) == "tajikistan")
    }

    @Test func staysQuietWhenNothingIsClose() {
        #expect(Suggestion.closest(to: "france", among: ["iran", "russia"]) == nil)
    }

    @Test func diagnosticFormatIsCompilerStyle() {
        let d = Diagnostic.error(.unresolvedMention, "unknown entity 'irn' (did you mean 'iran'?)",
                                 at: SourceLocation(path: "Content/articles/x.md", line: 12, column: 5))
        #expect(d.description == "Content/articles/x.md:12:5: error: unknown entity 'irn' (did you mean 'iran'?) [unresolved-mention]")
    }
}

@Suite struct SearchFoldingTests {
    @Test func foldsCaseMarksAndPersianLetters() {
        #expect("Türkiye".searchFolded == "turkiye")
        #expect("Ёлка".searchFolded == "елка")
        #expect("Эмомали Раҳмон".searchFolded == "эмомали раҳмон")  // ҳ is a letter of its own
        #expect("كتاب".searchFolded == "کتاب")                      // Arabic kaf → Persian
        #expect("علي".searchFolded == "علی")                         // Arabic yeh → Persian
        #expect("خامنه\u{200C}ای".searchFolded == "خامنه ای")
        #expect("کِتاب".searchFolded == "کتاب")                      // short vowel dropped
        #expect("IRI".searchFolded == "iri")
        #expect("ΕΛΛΑΣ".searchFolded == "ελλασ")                     // JS lowercases a final Σ to ς
        #expect("Ελλάς".searchFolded == "ελλασ")
    }
}
