/// Finds the names and aliases of entities in plain text: whole words only (Unicode letters
/// and digits on neither side), case-insensitive except for all-capital names (`IRI`,
/// `UTO`), longest name first where several start at the same word. Used by autolinking
/// and by `dossier check --unlinked`.
package struct NameMatcher: Sendable {
    package struct Match: Equatable, Sendable {
        /// Character offsets into the text.
        package var range: Range<Int>
        package var entity: Int
    }

    /// Names shorter than this (in letters) are too likely to be ordinary words.
    package static let minimumLength = 3

    private struct Candidate: Sendable {
        let characters: [Character]
        let caseSensitive: Bool
        let entity: Int
    }

    /// Candidates by their first character, lowercased; longest first.
    private let byFirst: [Character: [Candidate]]

    package init(_ entities: [Entity]) {
        // A name two entities share would link to one of them at random: it links neither.
        var owners: [String: Set<Int>] = [:]
        for (index, entity) in entities.enumerated() {
            for name in [entity.name] + entity.aliases { owners[name.nfc.trimmingSpaces.lowercased(), default: []].insert(index) }
        }
        var byFirst: [Character: [Candidate]] = [:]
        for (index, entity) in entities.enumerated() {
            for name in Set(([entity.name] + entity.aliases).map { $0.nfc.trimmingSpaces }) {
                guard owners[name.lowercased()]?.count == 1,
                      name.count(where: { $0.isLetter || $0.isNumber }) >= Self.minimumLength else { continue }
                let caseSensitive = name.contains(where: \.isLetter) && !name.contains(where: \.isLowercase)
                let characters = caseSensitive ? Array(name) : Array(name).map(Self.fold)
                guard let first = characters.first else { continue }
                byFirst[Self.fold(first), default: []].append(Candidate(characters: characters, caseSensitive: caseSensitive, entity: index))
            }
        }
        // Longest first; equal lengths in a fixed order, so results never depend on hashing.
        self.byFirst = byFirst.mapValues { list in
            list.sorted { $0.characters.count != $1.characters.count ? $0.characters.count > $1.characters.count : String($0.characters) < String($1.characters) }
        }
    }

    package var isEmpty: Bool { byFirst.values.allSatisfy(\.isEmpty) }

    /// Every match in `text`, left to right, not overlapping.
    package func matches(in text: String) -> [Match] {
        let characters = Array(text.nfc)
        var matches: [Match] = []
        var i = 0
        while i < characters.count {
            let c = characters[i]
            guard Self.isWordCharacter(c), i == 0 || !Self.isWordCharacter(characters[i - 1]),
                  let candidates = byFirst[Self.fold(c)] else {
                i += 1
                continue
            }
            var matched: Match?
            for candidate in candidates where i + candidate.characters.count <= characters.count {
                let end = i + candidate.characters.count
                guard end == characters.count || !Self.isWordCharacter(characters[end]) else { continue }
                var equal = true
                for k in 0..<candidate.characters.count {
                    let t = characters[i + k]
                    if candidate.caseSensitive ? t != candidate.characters[k] : Self.fold(t) != candidate.characters[k] {
                        equal = false
                        break
                    }
                }
                if equal {
                    matched = Match(range: i..<end, entity: candidate.entity)
                    break
                }
            }
            if let matched {
                matches.append(matched)
                i = matched.range.upperBound
            } else {
                i += 1
            }
        }
        return matches
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    static func fold(_ c: Character) -> Character {
        guard c.isUppercase else { return c }
        let lower = c.lowercased()
        return lower.count == 1 ? Character(lower) : c
    }
}
