@testable import Linking
import Testing
import TestSupport

@Suite struct RelinkMergeTests {
    /// Merging a relink's new entries into a sorted list, without the changed files' old
    /// ones, gives the list that sorting everything again gives: seeded lists of pairs
    /// (file, mention) in a listing order where files rank apart from their numbers.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func mergingEqualsSortingAgain(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let files = 40
        let rank = Array(0..<files).shuffled(using: &random)
        func precedes(_ a: (file: Int, mention: Int), _ b: (file: Int, mention: Int)) -> Bool {
            rank[a.file] != rank[b.file] ? rank[a.file] < rank[b.file] : a.mention < b.mention
        }
        for _ in 0..<50 {
            var all: [(file: Int, mention: Int)] = []
            for file in 0..<files where Bool.random(using: &random) {
                for mention in 0..<Int.random(in: 1...4, using: &random) { all.append((file, mention)) }
            }
            let list = all.sorted(by: precedes)
            let changed = Set((0..<Int.random(in: 1...3, using: &random)).map { _ in Int.random(in: 0..<files, using: &random) })
            // The changed files' new mentions, in no particular order.
            var added: [(file: Int, mention: Int)] = []
            for file in changed { for mention in 0..<Int.random(in: 0...3, using: &random) { added.append((file, mention)) } }
            added.shuffle(using: &random)
            let merged = Linker.merging(added, into: list, dropping: { changed.contains($0.file) }, by: precedes)
            let expected = (list.filter { !changed.contains($0.file) } + added).sorted(by: precedes)
            #expect(merged.map(\.file) == expected.map(\.file) && merged.map(\.mention) == expected.map(\.mention))
        }
    }
}
