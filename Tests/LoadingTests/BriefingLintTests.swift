import Loading
import Model
import Testing
import TestSupport

/// Estimative language and the briefing lints, with the exact positions editors jump to.
@Suite struct BriefingLintTests {
    let briefing = FileRole.document(section: "briefings", urlPath: "briefings/b")

    func lint(_ marked: String, role: FileRole? = nil) -> (diagnostics: [Diagnostic], markers: [Int: (line: Int, column: Int)], meta: DocumentMeta?) {
        let source = MarkedText(marked)
        let parsed = parse(source.text, path: "Content/briefings/b.md", role: role ?? briefing)
        guard case .document(let meta)? = parsed.frontMatter else { return (parsed.diagnostics, source.markers, nil) }
        return (parsed.diagnostics, source.markers, meta)
    }

    func at(_ code: String, _ marker: Int, _ markers: [Int: (line: Int, column: Int)]) -> String {
        "\(code)@\(markers[marker]!.line):\(markers[marker]!.column)"
    }

    @Test func termsAndTheirSynonymsAreRead() {
        #expect(Likelihood(term: "likely") == .likely)
        #expect(Likelihood(term: "Probable") == .likely)
        #expect(Likelihood(term: "almost  certainly") == .almostCertain)
        #expect(Likelihood(term: "roughly-even chance") == .roughlyEvenChance)
        #expect(Likelihood(term: "remote") == .almostNoChance)
        #expect(Likelihood(term: "highly improbable") == .veryUnlikely)
        #expect(Likelihood(term: "plausible") == nil)
        #expect(Confidence(term: "Medium") == .moderate)
        #expect(Confidence(term: "HIGH") == .high)
        // The scale is ordered and its ranges follow one another.
        let ranges = Likelihood.allCases.map(\.percent)
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        #expect(Likelihood.allCases.sorted() == Likelihood.allCases)
    }

    @Test func aCleanBriefingHasNoFindings() {
        let (diagnostics, _, meta) = lint("""
        ---
        title: B
        bluf: Iran and Tajikistan will deepen security ties; economics will lag.
        judgments:
          - text: Ties deepen in May 2023 and again in 12 May 2024.
            likelihood: very likely
            confidence: high
        ---
        Body.

        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(meta?.judgments.first?.likelihood == .veryLikely)
        #expect(meta?.judgments.first?.confidence == .high)
    }

    @Test func unknownTermsAreErrorsAtTheirValueListingTheScale() {
        let (diagnostics, markers, meta) = lint("""
        ---
        title: B
        bluf: Short.
        judgments:
          - text: Ties deepen.
            likelihood: ⟨1⟩probabley
            confidence: ⟨2⟩sure
        ---
        Body.

        """)
        #expect(diagnostics.summaries == [at("unknown-likelihood", 1, markers), at("unknown-confidence", 2, markers)])
        let message = diagnostics[0].message
        for term in Likelihood.acceptedTerms { #expect(message.contains(term)) }
        #expect(message.contains("did you mean 'probable'?"))
        #expect(diagnostics[1].message.contains("low, moderate, high"))
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(meta?.judgments.first?.likelihood == nil)
    }

    @Test func missingOrLongBLUFIsReported() {
        let missing = lint("---\ntitle: B\n---\nBody.\n")
        #expect(missing.diagnostics.summaries == ["bluf-missing@1:1"])
        let words = Array(repeating: "word", count: 81).joined(separator: " ")
        let long = lint("---\ntitle: B\nbluf: ⟨1⟩\(words)\n---\nBody.\n")
        #expect(long.diagnostics.summaries == [at("bluf-too-long", 1, long.markers)])
        #expect(long.diagnostics[0].message.contains("81 words"))
        let fine = lint("---\ntitle: B\nbluf: \(Array(repeating: "word", count: 80).joined(separator: " "))\n---\nBody.\n")
        #expect(fine.diagnostics.isEmpty)
        // Articles are not briefings: no lints.
        #expect(lint("---\ntitle: B\n---\nBody.\n", role: documentRole).diagnostics.isEmpty)
    }

    @Test func judgmentsWithoutLikelihoodOrConfidenceAreReportedAtTheJudgment() {
        let (diagnostics, markers, _) = lint("""
        ---
        title: B
        bluf: Short.
        judgments:
          - ⟨1⟩text: No confidence.
            likelihood: likely
          - ⟨2⟩Just a sentence.
          - ⟨3⟩text: Complete.
            likelihood: unlikely
            confidence: low
        ---
        Body.

        """)
        #expect(diagnostics.summaries == [at("judgment-incomplete", 1, markers), at("judgment-incomplete", 2, markers)])
        #expect(diagnostics[0].message.contains("no confidence"))
        #expect(diagnostics[1].message.contains("no likelihood or confidence"))
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test func vagueWordsAreReportedAtTheWordItself() {
        let (diagnostics, markers, _) = lint("""
        ---
        title: B
        bluf: Short.
        judgments:
          - text: "Iran ⟨1⟩may invest, and it ⟨2⟩could, ⟨3⟩POSSIBLY, in May 2023."
            likelihood: likely
            confidence: low
          - text: >-
              Folded over lines, Russia
              ⟨4⟩might object; ⟨5⟩May is a word here.
            likelihood: unlikely
            confidence: low
        ---
        Body.

        """)
        #expect(diagnostics.summaries == [
            at("judgment-vague", 1, markers), at("judgment-vague", 2, markers), at("judgment-vague", 3, markers),
            at("judgment-vague", 4, markers), at("judgment-vague", 5, markers),
        ])
        #expect(diagnostics[0].message.contains("'may'"))
    }

    @Test func briefingFieldsAreDecoded() {
        let (diagnostics, _, meta) = lint("""
        ---
        title: B
        cutoff: 2022-06-30
        classification: "TLP:AMBER"
        handling: Do not forward
        bluf: Short.
        sources:
          - https://example.org/a
          - publisher: CABAR.asia
            title: An essay
            date: 2022-06
            url: https://cabar.asia/en
          - A conversation
        ---
        Body.

        """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(meta?.cutoff?.edtf == "2022-06-30")
        #expect(meta?.classification == "TLP:AMBER")
        #expect(meta?.handling == "Do not forward")
        #expect(meta?.sources == [
            SourceInfo(url: "https://example.org/a"),
            SourceInfo(publisher: "CABAR.asia", url: "https://cabar.asia/en", title: "An essay", date: PartialDate(edtf: "2022-06")),
            SourceInfo(publisher: "A conversation"),
        ])
    }
}
