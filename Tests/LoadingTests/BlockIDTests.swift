@testable import Loading
import Markdown
import Model
import Testing
import TestSupport

/// Obsidian block ids (`^id` ending a paragraph), and the check that spares the walk for
/// them in bodies whose only carets are footnotes'.
@Suite struct BlockIDTests {
    func ids(_ body: String) -> [String] {
        BlockIDs.apply(to: MarkdownDocument(parsing: Array(body.utf8), flavor: .gfm(foldingCallouts: true)))
    }

    func mayHold(_ body: String) -> Bool {
        Array(body.utf8).withUnsafeBufferPointer(BlockIDs.mayHold)
    }

    @Test func footnotesAloneAreNotWalked() {
        #expect(!mayHold("A claim.[^1] Another.[^note-2]\n\n[^1]: A source.\n[^note-2]: Another.\n"))
        #expect(!mayHold("No caret at all.\n"))
        #expect(parse("A claim.[^1]\n\n[^1]: A source.\n").blockIDs.isEmpty)
    }

    @Test func idsBesideFootnotesAreFound() {
        for body in ["A point.[^1] ^key\n\n[^1]: Source.\n", "A point. ^key\n", "A point\n^key\n", "*A point*^key\n", "- item ^key\n"] {
            #expect(mayHold(body), "\(body)")
            #expect(ids(body) == ["key"], "\(body)")
            #expect(parse(body).blockIDs == ["key"], "\(body)")
        }
    }

    /// Whatever a body of brackets, carets and words parses to, a body the check passes over
    /// has no block id (seeded, so a failure repeats).
    @Test func theCheckMissesNoBlockID() {
        let pieces = ["[", "]", "^", "\\", "id", "a", " ", "\n", "\n\n", "*", "`", "[^1]", "[^1]: x", ":", "-", "(", ")", " ^id", "^id"]
        var random = SplitMix64(seed: 14)
        var skipped = 0, found = 0
        for _ in 0..<5_000 {
            let body = (0..<Int.random(in: 1...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let hasIDs = !ids(body).isEmpty
            if hasIDs { found += 1 }
            if !mayHold(body) {
                skipped += 1
                #expect(!hasIDs, "\(body.debugDescription) has a block id the check passes over")
            }
        }
        // Both sides are exercised.
        #expect(skipped > 100)
        #expect(found > 100)
    }
}
