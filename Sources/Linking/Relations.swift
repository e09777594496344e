import Model

/// Backlinks, co-occurrence and document membership, derived from resolved mentions.
struct Relations {
    var backlinks: [[MentionRef]]
    var related: [[Relation]]
    var documentsByEntity: [[Int]]

    init(files: [ParsedFile], documents: [Int], entities: [Entity], resolutions: [[Int?]], documentThemes: [Int: [Int]]) {
        backlinks = Array(repeating: [], count: entities.count)
        documentsByEntity = Array(repeating: [], count: entities.count)
        related = []
        var weights: [Pair: Int] = [:]

        func connect(_ a: Int, _ b: Int, _ weight: Int = 1) {
            guard a != b else { return }
            weights[Pair(a, b), default: 0] += weight
        }

        // Published documents first (newest first), then entity descriptions by path.
        var owners: [Int: Int] = [:]
        for (i, entity) in entities.enumerated() { if let file = entity.file { owners[file] = i } }
        let descriptions = owners.keys.sorted { files[$0].path < files[$1].path }
        // A file's resolved mentions as (block, entity), sorted: its entities are the distinct
        // second halves, and each block's members a run. Sorted arrays, reused from file to
        // file, rather than a set per file and per block: this loop is serial.
        var placed: [(block: Int, entity: Int)] = []
        var mentioned: [Int] = []
        for fileIndex in documents + descriptions {
            let owner = owners[fileIndex]
            placed.removeAll(keepingCapacity: true)
            mentioned.removeAll(keepingCapacity: true)
            files[fileIndex].mentions.withUnsafeBufferPointer { mentions in
                precondition(resolutions[fileIndex].count <= mentions.count, "a resolution for a mention that is not there")
                for (m, target) in resolutions[fileIndex].enumerated() {
                    guard let target else { continue }
                    let block = mentions[m].block
                    backlinks[target].append(MentionRef(file: fileIndex, mention: m, block: block))
                    placed.append((block, target))
                    mentioned.append(target)
                }
            }
            placed.sort { $0.block != $1.block ? $0.block < $1.block : $0.entity < $1.entity }
            var runStart = 0
            while runStart < placed.count {
                var runEnd = runStart + 1
                while runEnd < placed.count, placed[runEnd].block == placed[runStart].block { runEnd += 1 }
                for i in runStart..<runEnd where i == runStart || placed[i].entity != placed[i - 1].entity {
                    var previous = placed[i].entity
                    for j in (i + 1)..<runEnd where placed[j].entity != previous {
                        previous = placed[j].entity
                        connect(placed[i].entity, placed[j].entity)
                    }
                }
                runStart = runEnd
            }
            mentioned.sort()
            for (k, target) in mentioned.enumerated() where k == 0 || mentioned[k - 1] != target {
                if let owner { connect(owner, target) } else { documentsByEntity[target].append(fileIndex) }
            }
        }

        // Events connect to their participants and themes; documents belong to their themes.
        for (i, entity) in entities.enumerated() {
            if case let .event(_, _, _, actors, themes) = entity.details {
                for other in actors + themes { connect(i, other) }
            }
        }
        var documentRank = Array(repeating: Int.max, count: files.count)
        for (rank, file) in documents.enumerated() { documentRank[file] = rank }
        var listed = documentsByEntity.map(Set.init)
        for fileIndex in documents {
            for theme in documentThemes[fileIndex] ?? [] where listed[theme].insert(fileIndex).inserted {
                documentsByEntity[theme].append(fileIndex)
            }
        }
        documentsByEntity = documentsByEntity.map { list in list.sorted { documentRank[$0] < documentRank[$1] } }

        related = Array(repeating: [], count: entities.count)
        for (pair, weight) in weights {
            related[pair.a].append(Relation(entity: pair.b, weight: weight))
            related[pair.b].append(Relation(entity: pair.a, weight: weight))
        }
        // Entities are sorted by key, so index order is key order.
        related = related.map { list in
            list.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.entity < $1.entity }
        }
    }

    struct Pair: Hashable {
        let a: Int, b: Int
        init(_ x: Int, _ y: Int) { (a, b) = x < y ? (x, y) : (y, x) }
    }
}
