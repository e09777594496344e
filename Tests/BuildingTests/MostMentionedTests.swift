@testable import Rendering
import Testing
import TestSupport

/// The home page's key actors: the first twelve by count, then by name. Taking them with
/// names compared only among ties of the last one gives what sorting everyone does.
@Suite struct MostMentionedTests {
    @Test func takesWhatSortingEveryoneTakes() {
        var random = SplitMix64(seed: 12)
        // Few counts and few names, so that ties of both are common.
        let names = ["Iran", "Tajikistan", "Émomali", "Ali", "ali", "Zahra", "Ōmura", "Дилором", "مریم", "Iran"]
        for round in 0..<2_000 {
            let mentioned = (0..<Int.random(in: 0...40, using: &random)).map { entity in
                (entity: entity, count: Int.random(in: 1...5, using: &random))
            }
            let name: (Int) -> String = { names[($0 * 7 + round) % names.count] }
            for limit in [0, 1, 5, 12, 50] {
                let expected = Array(mentioned.sorted { $0.count != $1.count ? $0.count > $1.count : name($0.entity) < name($1.entity) }.prefix(limit))
                let taken = RenderContext.mostMentioned(mentioned, limit, name: name)
                #expect(taken.map(\.entity) == expected.map(\.entity), "round \(round), limit \(limit)")
            }
        }
    }
}
