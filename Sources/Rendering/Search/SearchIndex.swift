import HeapModule
import Model

/// Full-text search as files the browser loads as scripts (so it works from disk, where
/// browsers refuse `fetch`), each only when a query needs it. Every file calls
/// `self.dossierSearchLoad(id, data, version)`, `version` a hash of what it holds, which the
/// manifest lists for every file: the search script (`Templates/assets/search.js`) asks for
/// a file by its version, so no cache serves an older one, and refuses a file whose version
/// is not the manifest's (the site was rebuilt since the page loaded it). A file whose
/// content did not change keeps its bytes from build to build: an edit rewrites the files
/// it touched, not the whole index, and a deploy uploads only those.
///
/// - `search/index.js`, the manifest: the kinds and where their units start, which shard
///   holds which words, the themes to filter by, and every other file's version.
/// - `search/names/N.js`: words of titles and other names → the units they name, each with
///   the length in words of its shortest name holding the word (pairs of the gap from the
///   previous unit number and that value, `SearchNumbers`). Searched from a query's first letter.
/// - `search/terms/N.js`: words of the text → units, each with how often the word occurs.
/// - `search/text/U.js`: unit U's title, link, detail line and text, for its result and
///   excerpt; a long text goes on in `U-2.js`, `U-3.js`…
/// - `search/themes/N.js`: the units that belong to theme N.
///
/// A shard key stands for the words that start with it: two letters for text words, one
/// for names, and one letter more wherever its words would pass a file's size limit; the
/// words of keys that follow each other share a file up to that limit. A query word then
/// loads one file for its names and one for its text, whatever the site's size.
package enum SearchIndex {
    static let termShardBytes = 40_000
    static let nameShardBytes = 16_000
    static let textPartBytes = 12_000
    /// Text past this many parts is searched but not quoted.
    static let maxTextParts = 16

    /// The folders of the files besides the manifest, which only the search index writes.
    package static let folders = ["search/names/", "search/terms/", "search/text/", "search/themes/"]

    /// Whether an output path is one of the search index's files besides the manifest.
    package static func isChunk(_ path: String) -> Bool {
        folders.contains { path.hasPrefix($0) }
    }

    package static func files(_ site: Site, index: RenderIndex) -> [OutputFile] {
        var files: [OutputFile] = []
        write(site, index: index) { files.append($0) }
        return files
    }

    /// Hands each file to `emit` as it is made, the manifest first: the texts are as large
    /// as the site's Markdown, and need not be held at once. `counted`: the files' texts
    /// counted into words already (`SearchWordCounts`).
    package static func write(_ site: Site, index: RenderIndex, counted: SearchWordCounts? = nil, emit: (OutputFile) -> Void) {
        let numbering = units(site, index: index)
        let units = numbering.units
        // The words of each unit's text, counted while the site linked (or now), and of the
        // rest it is searched by. A file's counts are taken when they are of this text, byte
        // for byte (the site's files are the parsed ones, in order, sharing their texts: the
        // comparison finds the same storage and answers at once).
        var counts = counted?.take() ?? SearchWordCounts.count(site.files.map(\.text), runs: 8)
        // Postings as unit << 32 | value, one integer each, in unit order.
        var termPostings: [[Int]] = Array(repeating: [], count: counts.words.count)
        var namePostings: [String: [Int]] = [:]
        var hashes: [UInt64] = [], shownHashes: [UInt64] = []
        var memo = SearchWords.FoldMemo()
        for (n, unit) in units.enumerated() {
            let fingerprints = unit.fingerprints
            hashes.append(fingerprints.whole)
            shownHashes.append(fingerprints.shown)
            var extra: [Int: Int] = [:]
            SearchWords.forEachBytes(in: unit.extra, memo: &memo) { extra[counts.words.index(of: $0, hash: $1), default: 0] += 1 }
            if let file = unit.file, file < counts.files.count, SearchWords.same(counts.files[file].text, unit.text) {
                for entry in counts.files[file].words { post(Int(entry >> 32), Int(entry & 0xFFFF_FFFF), unit: n, to: &termPostings) }
            } else {
                var text = WordTable(capacity: unit.text.utf8.count / 16)
                SearchWords.forEachBytes(in: unit.text, memo: &memo) { text.add($0, hash: $1) }
                for i in 0..<text.count {
                    let word = text.withBytes(i) { counts.words.index(of: $0, hash: text.hashes[i]) }
                    post(word, text.values[i], unit: n, to: &termPostings)
                }
            }
            // The extra text's words after the text's: added to the unit's posting of the word
            // when the text has one (a lookup per extra word, not one per word of the text).
            for (word, count) in extra { post(word, count, unit: n, to: &termPostings) }
            // Each name word with the length in words of the shortest name it is in: a query
            // word that is most of a name ranks that unit first.
            var names: [String: Int] = [:]
            for name in unit.names {
                var nameWords: [String] = []
                SearchWords.forEach(in: name) { nameWords.append($0) }
                for word in nameWords { names[word] = min(names[word] ?? .max, nameWords.count) }
            }
            for (name, length) in names { namePostings[name, default: []].append(n << 32 | length) }
        }
        counts.files = []  // the per-file lists are not needed past here, and are large
        let allTerms = counts.words
        // The manifest names the index it belongs to (`build`): a page that loaded an older
        // one (the preview server rebuilt, a cache kept it) finds out from the first file
        // whose version is not the one it expects, and loads the manifest again.
        let themes = themeMembers(site, numbering: numbering)
        var fingerprint = Fingerprint()
        // The layout too: a new Dossier may write the same site's index otherwise.
        let layout = Array("3 \(termShardBytes) \(nameShardBytes) \(textPartBytes) \(maxTextParts) \(summaryLimit)".utf8)
        fingerprint.add(layout)
        for hash in hashes { withUnsafeBytes(of: hash.littleEndian) { fingerprint.add($0) } }
        for theme in themes { fingerprint.add(Array((theme.name + " " + theme.units.map(String.init).joined(separator: ",") + "\n").utf8)) }
        let build = String(fingerprint.value, radix: 36)
        // A text file's version: the hash of what it holds, with the layout. A long text's
        // parts share it, so an edit of one part rewrites them all.
        let textVersions = shownHashes.map { hash in withUnsafeBytes(of: hash.littleEndian) { Version(layout, Array($0)) } }
        // Words of texts no unit shows (files no page searches) have no postings, and are left
        // out. (Two words Swift holds equal, canonically equivalent but spelled apart, keep the
        // first's list: folding leaves such pairs only in contrived text.)
        let termLists = Dictionary(
            termPostings.indices.lazy.filter { !termPostings[$0].isEmpty }.map { (allTerms.word($0), SearchNumbers.pairs(termPostings[$0])) },
            uniquingKeysWith: { first, _ in first })
        let nameLists = namePostings.mapValues(SearchNumbers.pairs)

        let terms = shard(termLists, minDepth: 2, limit: termShardBytes) { words in
            summary(words.map { termPostings[allTerms.index(of: $0)!] }, merge: +)
        }
        let names = shard(nameLists, minDepth: 1, limit: nameShardBytes) { words in
            summary(words.map { namePostings[$0]! }, merge: min)
        }
        func shardJSON(_ words: [String], _ sharding: Sharding, _ lists: [String: [UInt8]]) -> [UInt8] {
            var json = JSONWriter(compact: true)
            json.beginObject()
            for word in words { json.field(word, String(decoding: lists[word] ?? sharding.summaries[word] ?? [], as: UTF8.self)) }
            json.endObject()
            return json.finish()
        }
        func themeJSON(_ n: Int) -> [UInt8] {
            var json = JSONWriter(compact: true)
            json.value(String(decoding: SearchNumbers.gaps(themes[n].units), as: UTF8.self))
            return json.finish()
        }
        // The manifest lists every file's version, so it goes first, and the shards are made
        // twice (once for their versions) rather than held: the texts are not made before
        // they are emitted.
        let shards: [(prefix: String, folder: String, sharding: Sharding, lists: [String: [UInt8]])] =
            [("t", "terms", terms, termLists), ("n", "names", names, nameLists)]
        let shardVersions = shards.map { shard in shard.sharding.files.map { Version(layout, shardJSON($0, shard.sharding, shard.lists)) } }
        let themeVersions = themes.indices.map { Version(layout, themeJSON($0)) }
        let versions = [("t", shardVersions[0]), ("n", shardVersions[1]), ("x", textVersions), ("h", themeVersions)]
        emit(manifest(numbering, names: names, terms: terms, themes: themes, build: build, versions: versions))
        for (shard, versions) in zip(shards, shardVersions) {
            for (number, words) in shard.sharding.files.enumerated() {
                emit(script("search/\(shard.folder)/\(number).js", id: "\(shard.prefix)\(number)",
                            shardJSON(words, shard.sharding, shard.lists), version: versions[number]))
            }
        }
        for (n, unit) in units.enumerated() { textFiles(unit, number: n, version: textVersions[n]).forEach(emit) }
        for n in themes.indices { emit(script("search/themes/\(n).js", id: "h\(n)", themeJSON(n), version: themeVersions[n])) }
    }

    /// A file's version as the manifest lists it: three characters of a hash of what it holds.
    /// The manifest holds one per file (40 KB of its 45 at 10,000 articles), and 18 bits are enough: a
    /// browser that kept an older file under the same version would take it for the newer
    /// one once in 262,144 edits of that file.
    struct Version {
        static let width = 3
        static let digits = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".utf8)
        let text: [UInt8]

        init(_ hash: UInt64) {
            text = (0..<Self.width).map { Self.digits[Int((hash >> (6 * UInt64($0))) & 63)] }
        }

        /// The version of `content` (a file's JSON, or the hash of a text) in this layout.
        init(_ layout: [UInt8], _ content: [UInt8]) {
            var fingerprint = Fingerprint()
            fingerprint.add(layout)
            fingerprint.add(content)
            self.init(fingerprint.value)
        }
    }

    /// The most units a split key's summary lists (`Sharding.summaries`).
    static let summaryLimit = 300

    /// One list for many words: each unit once, its values merged, the first
    /// `summaryLimit` units (the most likely wanted: units are numbered so).
    ///
    /// Each list is in unit order, so they are merged from their heads, lowest unit first,
    /// and only as far as the summary reaches: a dictionary of every unit of every list,
    /// sorted afterwards, was a percent of a cold build at 10,000 articles (the split keys of
    /// common prefixes hold thousands of words, each listing thousands of units).
    static func summary(_ lists: [[Int]], merge: (Int, Int) -> Int) -> (list: [UInt8], complete: Bool) {
        /// The next posting of list `list`, ordered by its unit.
        struct Head: Comparable {
            let unit: Int, list: Int
            static func < (a: Head, b: Head) -> Bool { (a.unit, a.list) < (b.unit, b.list) }
        }
        var next = [Int](repeating: 0, count: lists.count)
        var heads = Heap(lists.indices.lazy.filter { !lists[$0].isEmpty }.map { Head(unit: lists[$0][0] >> 32, list: $0) })
        var kept: [Int] = []
        while let unit = heads.min?.unit {
            guard kept.count < summaryLimit else { return (SearchNumbers.pairs(kept), false) }
            var value: Int?
            while let head = heads.min, head.unit == unit {
                heads.removeMin()
                let posting = lists[head.list][next[head.list]], own = posting & 0xFFFF_FFFF
                value = value.map { merge($0, own) } ?? own
                next[head.list] += 1
                if next[head.list] < lists[head.list].count {
                    heads.insert(Head(unit: lists[head.list][next[head.list]] >> 32, list: head.list))
                }
            }
            kept.append(unit << 32 | value!)
        }
        return (SearchNumbers.pairs(kept), true)
    }

    /// Adds `count` occurrences of `word` in unit `unit` to the word's postings (unit << 32 |
    /// count, in unit order): to the unit's posting when it is the last one, else as a new one.
    /// Words first met here (in an extra text, or in a text counted now) are new.
    private static func post(_ word: Int, _ count: Int, unit: Int, to postings: inout [[Int]]) {
        while word >= postings.count { postings.append([]) }
        if let last = postings[word].last, last >> 32 == unit {
            postings[word][postings[word].count - 1] = unit << 32 | min((last & 0xFFFF_FFFF) + count, 1 << 31)
        } else {
            postings[word].append(unit << 32 | min(count, 1 << 31))
        }
    }

    private static func manifest(_ numbering: Numbering, names: Sharding, terms: Sharding, themes: [(name: String, units: [Int])],
                                 build: String, versions: [(prefix: String, versions: [Version])]) -> OutputFile {
        var json = JSONWriter(compact: true, htmlSafe: true)
        json.beginObject()
        json.field("v", 3)
        json.field("build", build)
        // Per kind of file (by the first letter of its id), each file's version in file order.
        json.field("versionWidth", Version.width)
        json.key("versions")
        json.beginObject()
        for (prefix, list) in versions { json.field(prefix, String(decoding: list.flatMap(\.text), as: UTF8.self)) }
        json.endObject()
        json.array("kinds", kinds)
        json.array("labels", labels)
        json.beginArray("starts")
        for start in numbering.starts { json.value(start) }
        json.endArray()
        for (key, sharding) in [("names", names), ("terms", terms)] {
            json.key(key)
            json.beginObject()
            for (key, file) in sharding.keys { json.field(key, file) }
            json.endObject()
            json.array(key + "Split", sharding.split)
        }
        json.beginArray("themes")
        for theme in themes {
            json.beginArray()
            json.value(theme.name)
            json.value(theme.units.count)
            json.endArray()
        }
        json.endArray()
        json.endObject()
        return OutputFile(path: "search/index.js", contents: Array("self.dossierSearch=".utf8) + json.finish())
    }

    private static func script(_ path: String, id: String, _ json: [UInt8], version: Version) -> OutputFile {
        var bytes = Array("self.dossierSearchLoad(\"\(id)\",".utf8)
        bytes.append(contentsOf: json[..<(json.count - 1)])  // not the writer's final line feed
        bytes += Array(",\"".utf8) + version.text + Array("\");\n".utf8)
        return OutputFile(path: path, contents: bytes)
    }

    // MARK: - Shards

    struct Sharding {
        /// Each key's file, keys in order.
        var keys: [(key: String, file: Int)] = []
        /// The words of each file: the words of consecutive keys, up to the size limit.
        var files: [[String]] = []
        /// The keys whose longer words went to keys of one letter more; a split key itself
        /// holds only the word that is the key, if there is one, and a summary of the words
        /// that start with it.
        var split: [String] = []
        /// The summaries, by the pseudo-word they are filed under in the split key's file: the
        /// key after "*" when it lists every unit the words are in, after "+" when it lists
        /// only the first `summaryLimit` (neither is a word: words are letters and numbers).
        var summaries: [String: [UInt8]] = [:]
    }

    /// Groups words by their first `minDepth` letters, a letter more wherever a group's
    /// lists pass `limit` bytes (a single word's list is never divided), and packs groups
    /// that follow each other into files of up to `limit` bytes.
    static func shard(_ lists: [String: [UInt8]], minDepth: Int, limit: Int,
                      summarize: ([String]) -> (list: [UInt8], complete: Bool) = { _ in ([], true) }) -> Sharding {
        var sharding = Sharding()
        var groups: [(key: String, words: [String], size: Int)] = []
        func cost(_ word: String) -> Int { word.utf8.count + 6 + lists[word]!.count }
        func place(_ key: String, _ words: [(word: String, length: Int)], depth: Int) {
            let size = words.reduce(0) { $0 + cost($1.word) }
            guard size > limit, words.contains(where: { $0.length > depth }) else {
                groups.append((key, words.map(\.word), size))
                return
            }
            sharding.split.append(key)
            // A query of just the key finds the word itself and, from the summary, the units
            // of the words the key starts, without loading their files.
            let own = words.filter { $0.length <= depth }
            let summary = summarize(words.map(\.word))
            let pseudo = (summary.complete ? "*" : "+") + key
            sharding.summaries[pseudo] = summary.list
            groups.append((key, own.map(\.word) + [pseudo], own.reduce(0) { $0 + cost($1.word) } + pseudo.utf8.count + 6 + summary.list.count))
            let longer = Dictionary(grouping: words.filter { $0.length > depth }) { SearchWords.prefix($0.word, depth + 1) }
            for (subkey, group) in longer { place(subkey, group, depth: depth + 1) }
        }
        let all = lists.keys.map { (word: $0, length: $0.unicodeScalars.count) }
        for (key, group) in Dictionary(grouping: all, by: { SearchWords.prefix($0.word, minDepth) }) {
            place(key, group, depth: minDepth)
        }
        func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        groups.sort { before($0.key, $1.key) }
        var size = 0
        for group in groups {
            if sharding.files.isEmpty || size + group.size > limit {
                sharding.files.append([])
                size = 0
            }
            size += group.size
            sharding.files[sharding.files.count - 1] += group.words.sorted(by: before)
            sharding.keys.append((group.key, sharding.files.count - 1))
        }
        sharding.split.sort(by: before)
        return sharding
    }

    // MARK: - Texts

    /// A unit's result and the text its excerpt is taken from, in parts of about
    /// `textPartBytes`, cut between words.
    static func textFiles(_ unit: SearchUnit, number: Int, version: Version) -> [OutputFile] {
        var text = unit.text
        // The parts are written from the text's own bytes: no copy of it, no `String` a part.
        return text.withUTF8 { bytes in
            let parts = split(bytes, size: textPartBytes).prefix(maxTextParts)
            var files: [OutputFile] = []
            // Reserved for what each file holds (its part, escaped, and the fields), not a
            // writer's default 64 KB: the files are kept until they are written.
            var json = JSONWriter(compact: true, capacity: (parts.first?.count ?? 0) * 9 / 8 + 1024)
            json.beginObject()
            json.field("k", unit.kind)
            json.field("t", unit.title)
            json.field("u", unit.link)
            json.field("d", unit.detail)
            json.field("x", utf8: UnsafeBufferPointer(rebasing: bytes[parts.first ?? 0..<0]))
            json.field("p", max(1, parts.count))
            json.endObject()
            files.append(script("search/text/\(number).js", id: "x\(number)", json.finish(), version: version))
            for (p, part) in parts.enumerated().dropFirst() {
                var json = JSONWriter(compact: true, capacity: part.count * 9 / 8 + 64)
                json.value(utf8: UnsafeBufferPointer(rebasing: bytes[part]))
                files.append(script("search/text/\(number)-\(p + 1).js", id: "x\(number)-\(p + 1)", json.finish(), version: version))
            }
            return files
        }
    }

    /// `bytes` in pieces of at most about `size`, each ending at a space or line break
    /// where there is one in its last tenth, and never inside a character.
    static func split(_ bytes: [UInt8], size: Int) -> [ArraySlice<UInt8>] {
        bytes.withUnsafeBufferPointer { split($0, size: size) }.map { bytes[$0] }
    }

    static func split(_ bytes: UnsafeBufferPointer<UInt8>, size: Int) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = 0
        while bytes.count - start > size {
            var end = start + size
            while end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if let space = bytes[(end - size / 10)..<end].lastIndex(where: { $0 == 0x20 || $0 == 0x0A }) { end = space + 1 }
            parts.append(start..<end)
            start = end
        }
        if start < bytes.count { parts.append(start..<bytes.count) }
        return parts
    }
}
