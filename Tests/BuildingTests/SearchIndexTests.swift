import Building
import Foundation
@testable import Rendering
import Testing
import TestSupport

/// The full-text search files (`SearchIndex`): how numbers and words are written, how words
/// are sharded, and the example site's index read back as the search script reads it.
struct SearchIndexTests {
    /// A split key's summary, merged from its words' lists in unit order and only as far as
    /// it reaches, is what merging every posting into one table and sorting it gives: the
    /// first `summaryLimit` units, each with its values merged, and whether that was all.
    @Test func summariesMergeListsAsATableDoes() {
        var generator = SplitMix64(seed: 21)
        func table(_ lists: [[Int]], _ merge: (Int, Int) -> Int) -> (list: [UInt8], complete: Bool) {
            var merged: [Int: Int] = [:]
            for posting in lists.joined() { merged[posting >> 32] = merged[posting >> 32].map { merge($0, posting & 0xFFFF_FFFF) } ?? posting & 0xFFFF_FFFF }
            let units = merged.keys.sorted()
            return (SearchNumbers.pairs(units.prefix(SearchIndex.summaryLimit).map { $0 << 32 | merged[$0]! }), units.count <= SearchIndex.summaryLimit)
        }
        var incomplete = 0
        for _ in 0..<300 {
            // Lists in unit order, some long enough that together they pass the limit.
            let lists = (0..<Int.random(in: 0...12, using: &generator)).map { _ in
                let span = [20, 400, 1500].randomElement(using: &generator)!
                return Set((0..<Int.random(in: 0...200, using: &generator)).map { _ in Int.random(in: 0..<span, using: &generator) }).sorted()
                    .map { $0 << 32 | Int.random(in: 1...9, using: &generator) }
            }
            for merge in [(+) as (Int, Int) -> Int, min] {
                let heap = SearchIndex.summary(lists, merge: merge), expected = table(lists, merge)
                #expect(heap.list == expected.list && heap.complete == expected.complete)
                if !expected.complete { incomplete += 1 }
            }
        }
        #expect(incomplete > 20)
    }

    @Test func numbersRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        let values = (0..<2000).map { i in i < 100 ? i : Int.random(in: 0...(1 << Int.random(in: 1...40, using: &generator)), using: &generator) }
        var text: [UInt8] = []
        for value in values { SearchNumbers.append(value, to: &text) }
        #expect(SearchNumbers.decode(text) == values)
        // Small numbers are one character; the gaps of a dense list are small numbers.
        #expect(SearchNumbers.gaps([3, 4, 5, 30]).count == 4)
        #expect(SearchNumbers.decode(SearchNumbers.pairs([3 << 32 | 1, 7 << 32 | 12, 1000 << 32 | 2])) == [3, 1, 4, 12, 993, 2])
        // Nothing a JSON string would escape.
        #expect(!text.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 })
    }

    @Test func wordsAreFoldedAsTheScriptFoldsThem() {
        func words(_ text: String) -> [String] {
            var out: [String] = []
            SearchWords.forEach(in: text) { out.append($0) }
            return out
        }
        #expect(words("Rahmon's 2022 visit—to TEHRAN.") == ["rahmon", "s", "2022", "visit", "to", "tehran"])
        #expect(words("Émomali Raḥmon, Тоҷикистон") == ["emomali", "rahmon", "тоҷикистон"].map(\.searchFolded))
        // Arabic yeh and kaf as Persian letters, a zero-width non-joiner as a space.
        #expect(words("علي كرمان می\u{200C}خواهد") == ["علی", "کرمان", "می", "خواهد"])
        #expect(words(String(repeating: "a", count: 50) + " b") == [String(repeating: "a", count: SearchWords.maxLength), "b"])
        #expect(words("") == [] && words(" --- ") == [])
    }

    /// The words read run by run (folding only runs with non-ASCII letters) are the words of
    /// the whole text folded and then split, with each word's hash made as it is read; on
    /// seeded texts of many scripts, marks, digits and separators.
    @Test func wordsReadInRunsAreTheWordsOfTheFoldedText() {
        var generator = SplitMix64(seed: 14)
        let pieces = ["a", "Z", "q", "7", "0", " ", "-", "'", ".", "\n", "é", "É", "ß", "ı", "İ", "и", "Ж", "ا", "ي", "ك",
                      "\u{200C}", "ـ", "\u{301}", "\u{64E}", "中", "🙂", "½", "²", "٣", "Ⅻ", "—", "\u{A0}", "ǅ", "ﬁ"]
        // One memo of folded runs for all the texts, as counting a site's texts keeps: a run
        // met again gives the words it gave the first time.
        var memo = SearchWords.FoldMemo()
        for _ in 0..<3000 {
            let count = Int.random(in: 0...60, using: &generator)
            var text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            if Bool.random(using: &generator) { text += String(repeating: "ab", count: Int.random(in: 10...30, using: &generator)) }
            var expected: [String] = []
            var word = String.UnicodeScalarView(), length = 0
            for scalar in text.searchFolded.unicodeScalars {
                if SearchWords.isWordScalar(scalar) {
                    if length < SearchWords.maxLength { word.append(scalar) }
                    length += 1
                } else if length > 0 {
                    expected.append(String(word))
                    word = .init()
                    length = 0
                }
            }
            if length > 0 { expected.append(String(word)) }
            var got: [String] = []
            SearchWords.forEachBytes(in: text) { bytes, hash in
                got.append(String(decoding: bytes, as: UTF8.self))
                #expect(hash == WordTable.hash(bytes))
            }
            #expect(got == expected, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            var remembered: [String] = []
            for _ in 0..<2 {
                remembered = []
                SearchWords.forEachBytes(in: text, memo: &memo) { bytes, hash in
                    remembered.append(String(decoding: bytes, as: UTF8.self))
                    #expect(hash == WordTable.hash(bytes))
                }
            }
            #expect(remembered == expected, "with the memo: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Every word is found where the script looks for it: the key of its first letters, one
    /// more while that key was split; each file stays under the limit unless one word's list
    /// alone passes it.
    @Test func everyWordIsInTheShardTheScriptLooksIn() {
        var lists: [String: [UInt8]] = [:]
        var generator = SystemRandomNumberGenerator()
        let letters = Array("aabcdeéиا")
        for _ in 0..<3000 {
            let word = String((0..<Int.random(in: 1...7, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            lists[word] = Array(repeating: UInt8(ascii: "1"), count: Int.random(in: 1...60, using: &generator))
        }
        lists["the"] = Array(repeating: UInt8(ascii: "1"), count: 5000)
        for minDepth in [1, 2] {
            let sharding = SearchIndex.shard(lists, minDepth: minDepth, limit: 2000)
            let keys = Dictionary(uniqueKeysWithValues: sharding.keys.map { ($0.key, $0.file) })
            let split = Set(sharding.split)
            for word in lists.keys {
                let scalars = Array(word.unicodeScalars)
                var depth = minDepth
                var key = SearchWords.prefix(word, depth)
                while split.contains(key), scalars.count > depth {
                    depth += 1
                    key = SearchWords.prefix(word, depth)
                }
                let file = keys[key]
                #expect(file.map { sharding.files[$0].contains(word) } == true, "\(word) under \(key)")
            }
            #expect(sharding.files.flatMap { $0 }.filter { lists[$0] != nil }.count == lists.count)
            // Each split key's file has its summary.
            for key in split {
                let file = keys[key]
                #expect(file.map { sharding.files[$0].contains("*" + key) || sharding.files[$0].contains("+" + key) } == true, "\(key)")
            }
            for words in sharding.files where words.filter({ lists[$0] != nil }).count > 1 {
                #expect(words.reduce(0) { $0 + $1.utf8.count + 6 + (lists[$1] ?? sharding.summaries[$1]!).count } <= 2000)
            }
            // A complete key (one not split, of at least `minDepth` letters) has every word that
            // starts with it in its file.
            for (key, file) in sharding.keys where !split.contains(key) && key.unicodeScalars.count >= minDepth {
                for word in lists.keys where word.hasPrefix(key) && word.unicodeScalars.count >= key.unicodeScalars.count {
                    #expect(sharding.files[file].contains(word), "\(word) not with \(key)")
                }
            }
        }
    }

    /// The table counts as a dictionary would, through its growth, for words in any script.
    @Test func wordTableCountsLikeADictionary() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("abcdeéиا中")
        var table = WordTable(capacity: 1)
        var expected: [String: Int] = [:]
        for _ in 0..<20000 {
            var word = String((0..<Int.random(in: 1...5, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            expected[word, default: 0] += 1
            word.withUTF8 { table.add($0) }
        }
        #expect(table.words.count == expected.count)
        #expect(Dictionary(uniqueKeysWithValues: zip(table.words, table.values)) == expected)
        // Looking a word up by its text finds the number its bytes were given.
        for (i, word) in table.words.enumerated() {
            #expect(table.index(of: word) == i)
        }
        #expect(table.index(of: "notaword") == nil)
        #expect(table.words.count == expected.count)
    }

    @Test func longTextsSplitBetweenWords() {
        let text = Array(String(repeating: "Душанбе and Tehran ", count: 2000).utf8)
        let parts = SearchIndex.split(text, size: 1000)
        #expect(parts.count > 30)
        #expect(parts.flatMap { $0 } == text)
        for part in parts {
            #expect(part.count <= 1000)
            #expect(String(validating: Array(part), as: UTF8.self) != nil, "a part ends inside a character")
            #expect(part.last == 0x20 || part.endIndex == text.count)
        }
    }

    /// The example site's index, read as the search script reads it: a word of an article's
    /// body leads to that article, a name to its entity, and each result's file has its title,
    /// link and text.
    /// The words counted while the site links make the same index as words counted by the
    /// index itself; counts of other texts (files renumbered, a text changed) are not used.
    @Test func wordsCountedAheadMakeTheSameIndex() throws {
        var options = BuildOptions(site: Repository.root)
        options.builtinTheme = Repository.templates
        let site = try #require(Pipeline.generate(options).site)
        let index = RenderIndex(site)
        func files(_ counted: SearchWordCounts?) -> [String: [UInt8]] {
            var files: [String: [UInt8]] = [:]
            SearchIndex.write(site, index: index, counted: counted) { files[$0.path] = $0.contents }
            return files
        }
        let counted = files(nil)
        #expect(counted.count > 80)
        #expect(files(SearchWordCounts(site.files)) == counted)
        // Counts of the files in another order, and of one text changed: each unit whose
        // file's count does not fit is counted again.
        var edited = Array(site.files.reversed())
        edited[0].text += " extraneousword"
        let mismatched = files(SearchWordCounts(edited))
        #expect(mismatched == counted)
        #expect(!mismatched.values.contains { String(decoding: $0, as: UTF8.self).contains("extraneousword") })
    }

    @Test func theExampleSiteIsSearchable() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(site: Repository.root, output: output)
        options.builtinTheme = Repository.templates
        #expect(Builder.build(options).succeeded)
        let index = try SearchFiles(output.appendingPathComponent("search"))
        // "recrimination" is in the first paragraph of one article and nowhere else.
        let recrimination = try index.units(matching: "recrimination", in: "terms")
        #expect(recrimination.count == 1)
        let article = try index.record(recrimination[0])
        #expect(article["t"] as? String == "A clean slate: how Dushanbe and Tehran reconciled, 2021–2022")
        #expect(article["u"] as? String == "articles/rapprochement-2021-2022/index.html")
        #expect((article["x"] as? String)?.contains("After years of mutual recrimination") == true)
        #expect(index.kind(of: recrimination[0]) == "document")
        // An alias in another script names its actor.
        let iran = try index.units(matching: "ایران", in: "names")
        #expect(try iran.map { try index.record($0)["t"] as? String } == ["Iran"])
        #expect(index.kind(of: iran[0]) == "actor")
        // Every unit has its file.
        for unit in 0..<index.total { #expect(try index.record(unit)["t"] as? String != nil) }
        // A theme's filter holds its documents.
        let themes = index.manifest["themes"] as? [[Any]] ?? []
        #expect(!themes.isEmpty)
        let security = try #require(themes.firstIndex { $0.first as? String == "Regional security" })
        let members = try index.themeUnits(security)
        #expect(members.count == themes[security][1] as? Int)
    }
}

extension SearchIndexTests {
    /// Every search file under `folder`, by path, with its bytes.
    static func searchFiles(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for sub in ["names", "terms", "text", "themes"] {
            let dir = folder.appendingPathComponent(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                files["\(sub)/\(name)"] = try Data(contentsOf: dir.appendingPathComponent(name))
            }
        }
        return files
    }

    /// Each file carries its own version, the one the manifest lists for it; an edit of one
    /// document's text changes its text file and the shards of its words, and leaves every
    /// other file byte for byte (a deploy uploads only what changed).
    @Test func anEditChangesOnlyTheFilesItTouches() throws {
        var files = [
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
            "Content/themes/trade.md": "---\nname: Trade\n---\nGoods.\n",
        ]
        for n in 1...12 {
            files["Content/articles/a\(n).md"] = "---\ntitle: Article \(n)\ndate: 2022-06-\(10 + n)\nthemes: [trade]\n---\n[[iran]] talks about wheat and cotton, number \(n).\n"
        }
        let site = try TemporarySite(files)
        #expect(Builder.build(site.options()).succeeded)
        let search = site.output.appendingPathComponent("search")
        let before = try Self.searchFiles(search)
        let index = try SearchFiles(search)
        let versions = try #require(index.manifest["versions"] as? [String: String])
        for (path, data) in before {
            // search/text/3-2.js → id x3-2; its version is the manifest's fourth of kind x.
            let width = try #require(index.manifest["versionWidth"] as? Int)
            let text = String(decoding: data, as: UTF8.self)
            let id = try #require(text.split(separator: "\"").dropFirst().first.map(String.init))
            let number = Int(id.dropFirst().prefix { $0.isNumber })!
            let listed = try #require(versions[String(id.prefix(1))])
            let version = String(Array(listed)[(width * number)..<(width * number + width)])
            #expect(text.hasSuffix(",\"\(version)\");\n"), "\(path)")
        }
        try site.write("Content/articles/a5.md", Data("---\ntitle: Article 5\ndate: 2022-06-15\nthemes: [trade]\n---\n[[iran]] talks about barley, number 5.\n".utf8))
        #expect(Builder.build(site.options()).succeeded)
        let after = try Self.searchFiles(search)
        #expect(Set(after.keys) == Set(before.keys))
        let changed = before.keys.filter { before[$0] != after[$0] }.sorted()
        let unit = try #require(try SearchFiles(search).units(matching: "barley", in: "terms").first)
        #expect(changed.filter { $0.hasPrefix("text/") } == ["text/\(unit).js"])
        #expect(!changed.contains { $0.hasPrefix("names/") || $0.hasPrefix("themes/") }, "\(changed)")
        #expect(changed.contains { $0.hasPrefix("terms/") })
        #expect(try SearchFiles(search).manifest["build"] as? String != index.manifest["build"] as? String)
        // A summary is searched, not shown: its words' shards change, the text file does not.
        try site.write("Content/articles/a5.md", Data("---\ntitle: Article 5\ndate: 2022-06-15\nthemes: [trade]\nsummary: Oats.\n---\n[[iran]] talks about barley, number 5.\n".utf8))
        #expect(Builder.build(site.options()).succeeded)
        let summarised = try Self.searchFiles(search)
        let touched = after.keys.filter { after[$0] != summarised[$0] }
        #expect(!touched.isEmpty && !touched.contains { $0.hasPrefix("text/") }, "\(touched)")
        #expect(try SearchFiles(search).units(matching: "oats", in: "terms") == [unit])
    }
}

/// The search files of a built site, read back: the manifest, shards and records, decoded
/// as the search script decodes them.
struct SearchFiles {
    let folder: URL
    let manifest: [String: Any]

    init(_ folder: URL) throws {
        self.folder = folder
        let text = try String(contentsOf: folder.appendingPathComponent("index.js"), encoding: .utf8)
        manifest = try JSONSerialization.jsonObject(with: Data(text.dropFirst("self.dossierSearch=".count).utf8)) as? [String: Any] ?? [:]
    }

    var total: Int { (manifest["starts"] as? [Int])?.last ?? 0 }

    func kind(of unit: Int) -> String? {
        let starts = manifest["starts"] as? [Int] ?? []
        let kinds = manifest["kinds"] as? [String] ?? []
        return starts.indices.dropLast().last { starts[$0] <= unit }.map { kinds[$0] }
    }

    /// The data a `self.dossierSearchLoad(id, data);` file carries.
    func load(_ path: String) throws -> Any {
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        // self.dossierSearchLoad("id",DATA,"build");
        let start = try #require(text.firstIndex(of: ","))
        let end = try #require(text.range(of: ",\"", options: .backwards)?.lowerBound)
        let json = text[text.index(after: start)..<end]
        return try JSONSerialization.jsonObject(with: Data(json.utf8), options: .fragmentsAllowed)
    }

    /// The units whose text (`terms`) or names (`names`) hold exactly `word`.
    func units(matching word: String, in kind: String) throws -> [Int] {
        let folded = word.searchFolded
        var key = SearchWords.prefix(folded, kind == "names" ? 1 : 2)
        let split = Set(manifest[kind + "Split"] as? [String] ?? [])
        while split.contains(key), key.unicodeScalars.count < folded.unicodeScalars.count {
            key = SearchWords.prefix(folded, key.unicodeScalars.count + 1)
        }
        guard let file = (manifest[kind] as? [String: Int])?[key] else { return [] }
        let words = try load("\(kind)/\(file).js") as? [String: String] ?? [:]
        guard let list = words[folded] else { return [] }
        let numbers = SearchNumbers.decode(Array(list.utf8))
        var unit = 0
        return stride(from: 0, to: numbers.count, by: 2).map { i in
            unit += numbers[i]
            return unit
        }
    }

    func record(_ unit: Int) throws -> [String: Any] {
        try load("text/\(unit).js") as? [String: Any] ?? [:]
    }

    func themeUnits(_ theme: Int) throws -> [Int] {
        let gaps = SearchNumbers.decode(Array((try load("themes/\(theme).js") as? String ?? "").utf8))
        var unit = 0
        return gaps.map { unit += $0; return unit }
    }
}
