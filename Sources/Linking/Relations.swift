import Model

/// Backlinks, co-occurrence and document membership, derived from resolved mentions.
struct Relations {
    var backlinks: [[MentionRef]]
    var related: [[Relation]]
    var documentsByEntity: [[Int]]

    init(files: [ParsedFile], documents: [Int], entities: [Entity], resolutions: [[Int?]], documentThemes: [Int: [Int]]) {
        backlinks = Array(repeating: [], count: entities.count)
        documentsByEntity = Array(repeating: [], count: entities.count)
        var weights: [Pair: Int] = [:]

        func connect(_ a: Int, _ b: Int, _ weight: Int = 1) {
            guard a != b else { return }
            weights[Pair(a, b), default: 0] += weight
        }

        // Published documents first (newest first), then entity descriptions by path.
        var owners: [Int: Int] = [:]
        for (i, entity) in entities.enumerated() { if let file = entity.file { owners[file] = i } }
        let descriptions = owners.keys.sorted { files[$0].path < files[$1].path }
        for fileIndex in documents + descriptions {
            let file = files[fileIndex]
            let owner = owners[fileIndex]
            var mentioned = Set<Int>()
            var perBlock: [Int: Set<Int>] = [:]
            let mentions = file.mentions
            for (m, target) in resolutions[fileIndex].enumerated() {
                guard let target else { continue }
                let block = mentions[m].block
                backlinks[target].append(MentionRef(file: fileIndex, mention: m, block: block))
                mentioned.insert(target)
                perBlock[block, default: []].insert(target)
            }
            for block in perBlock.values {
                let members = block.sorted()
                for i in members.indices { for j in members.indices.dropFirst(i + 1) { connect(members[i], members[j]) } }
            }
            if let owner {
                for target in mentioned { connect(owner, target) }
            } else {
                for target in mentioned.sorted() { documentsByEntity[target].append(fileIndex) }
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
