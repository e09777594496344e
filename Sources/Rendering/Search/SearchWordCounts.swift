import Dispatch
import Model
import Synchronization

/// The words of every file's text, counted for the search index on a thread of its own,
/// started as soon as the files are parsed: linking, which comes next, keeps one core of
/// two busy, and counting the words is the larger half of the index's work.
///
/// The words of all texts share one table; each file keeps only its words' numbers and
/// counts (8 bytes a word), so 10,000 texts cost a few tens of megabytes, not a table each.
package final class SearchWordCounts: Sendable {
    struct Counts: Sendable {
        /// Every word of every text, numbered in the order first met. (Its values are what
        /// counting kept there, of no use after it.)
        var words = WordTable(capacity: 1 << 16)
        /// Per file: its text, and each distinct word of it as `word << 32 | count`, in the
        /// order first met.
        var files: [(text: String, words: [UInt64])] = []
    }

    private let counted = DispatchSemaphore(value: 0)
    private let result = Mutex<Counts?>(nil)

    /// Starts counting `files`' texts in the background.
    package init(_ files: [ParsedFile]) {
        let texts = files.map(\.text)
        DispatchQueue.global(qos: Self.quality).async {
            let counts = Self.count(texts)
            self.result.withLock { $0 = counts }
            self.counted.signal()
        }
    }

    /// Below the stages' own threads, so that linking keeps its cores (on Linux, linking took
    /// 0.44–0.47 s beside a background thread, 0.50–0.55 s beside a utility one); Darwin
    /// throttles background work hard enough to hold up the index, which waits for it.
    #if os(Linux)
    private static let quality = DispatchQoS.QoSClass.background
    #else
    private static let quality = DispatchQoS.QoSClass.utility
    #endif

    /// The counts, once counted, handed over: the index holds them only while it is made.
    /// Nil when they were taken already.
    func take() -> Counts? {
        counted.wait()
        counted.signal()
        return result.withLock { counts in
            defer { counts = nil }
            return counts
        }
    }

    /// The counts of `texts` on all cores: runs of texts counted apart, their words then
    /// renumbered into the first run's table. Words are numbered as one pass would number
    /// them (each run's new words in the order first met), so the index is the same.
    static func count(_ texts: [String], runs: Int) -> Counts {
        let size = max(1, (texts.count + runs - 1) / runs)
        let parts = stride(from: 0, to: texts.count, by: size).map { Array(texts[$0..<min($0 + size, texts.count)]) }
        guard parts.count > 1 else { return count(texts) }
        let counted = parts.parallelMap { count($0) }
        var merged = counted[0]
        for part in counted.dropFirst() {
            let numbers = (0..<part.words.count).map { word in
                UInt64(part.words.withBytes(word) { merged.words.index(of: $0, hash: part.words.hashes[word]) })
            }
            for file in part.files {
                merged.files.append((file.text, file.words.map { numbers[Int($0 >> 32)] << 32 | $0 & 0xFFFF_FFFF }))
            }
        }
        return merged
    }

    static func count(_ texts: [String]) -> Counts {
        var counts = Counts()
        counts.files.reserveCapacity(texts.count)
        var memo = SearchWords.FoldMemo()
        for (file, text) in texts.enumerated() {
            var list: [UInt64] = []
            // Per word, in the table's own value: the file that last met it (plus one) and
            // where the word stands in that file's list.
            let mark = (file + 1) << 32
            SearchWords.forEachBytes(in: text, memo: &memo) { bytes, hash in
                let word = counts.words.index(of: bytes, hash: hash)
                let seen = counts.words.values[word]
                if seen & ~0xFFFF_FFFF == mark {
                    list[seen & 0xFFFF_FFFF] += 1
                } else {
                    counts.words.values[word] = mark | list.count
                    list.append(UInt64(word) << 32 | 1)
                }
            }
            counts.files.append((text, list))
        }
        return counts
    }
}

extension SearchWords {
    /// Whether two texts are the same bytes: at once when they share their storage.
    static func same(_ a: String, _ b: String) -> Bool {
        let shared = a.utf8.withContiguousStorageIfAvailable { a in
            b.utf8.withContiguousStorageIfAvailable { b in a.baseAddress == b.baseAddress && a.count == b.count }
        }
        return shared == true || a.utf8.elementsEqual(b.utf8)
    }
}
