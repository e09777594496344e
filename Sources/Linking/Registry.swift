import Foundation
import Model
import Synchronization

/// Entities by id and by name or alias, the tables mentions are resolved against.
struct Registry {
    private(set) var entities: [Entity] = []
    private(set) var index: [EntityKey: Int] = [:]
    /// Normalised id → entities of any kind with that id.
    private var byID: [String: [Int]] = [:]
    /// `lookupKey` of each name and alias → entities.
    private var byName: [String: [Int]] = [:]

    /// The registry of `entities`, kept from the last relink while they stay the same: each
    /// edit in `serve` relinks against the same entities, and making the registry (every
    /// name and alias folded) took a fifth of a relink at 10,000 articles.
    static func forRelinking(_ entities: [Entity]) -> Registry {
        lastRelinked.withLock { last in
            if let last, last.entities == entities { return last }
            let registry = Registry(entities)
            last = registry
            return registry
        }
    }

    private static let lastRelinked = Mutex<Registry?>(nil)

    init(_ entities: [Entity]) {
        self.entities = entities
        for (i, entity) in entities.enumerated() {
            index[entity.key] = i
            byID[entity.id.rawValue, default: []].append(i)
            for name in Set(([entity.name] + entity.aliases).map(lookupKey)) where !name.isEmpty {
                byName[name, default: []].append(i)
            }
        }
    }

    /// Whether two entities share an id (in different kinds' folders).
    var hasDuplicateIDs: Bool { byID.count != entities.count }

    enum Lookup: Equatable {
        case found(Int)
        case ambiguous([Int])
        case missing
    }

    /// Id first, then name or alias; case-insensitive, NFC, whitespace-folded.
    func resolve(_ target: String, kind: EntityKind?) -> Lookup {
        let id = EntityID.normalize(target).trimmingSpaces
        let byIDHits = (byID[id] ?? []).filter { kind == nil || entities[$0].kind == kind }
        if byIDHits.count == 1 { return .found(byIDHits[0]) }
        if byIDHits.count > 1 { return .ambiguous(byIDHits) }
        let byNameHits = (byName[lookupKey(target)] ?? []).filter { kind == nil || entities[$0].kind == kind }
        if byNameHits.count == 1 { return .found(byNameHits[0]) }
        if byNameHits.count > 1 { return .ambiguous(byNameHits.sorted { entities[$0].key < entities[$1].key }) }
        return .missing
    }

    /// The id of the theme a tag no theme answers to makes (`#Water_Security`: `water-security`).
    static func tagThemeID(_ tag: String) -> EntityID? { EntityID(Slug.make(tag)) }

    /// The theme a tag names: by id, name or alias, else the theme its slug made.
    func theme(tagged tag: String) -> Int? {
        if case .found(let theme) = resolve(tag, kind: .theme) { return theme }
        return Self.tagThemeID(tag).flatMap { index[EntityKey(.theme, $0)] }
    }

    /// Whether `key` (a `lookupKey`) is the entity's name or one of its aliases.
    func isName(_ key: String, of entity: Int) -> Bool {
        byName[key]?.contains(entity) == true
    }

    /// The closest id, name or alias to a target that resolved to nothing.
    func suggestion(for target: String, kind: EntityKind?) -> String? {
        let pool = entities.filter { kind == nil || $0.kind == kind }
        // Ids first: on a tie they are the better suggestion.
        let candidates = pool.map(\.id.rawValue) + pool.map(\.name) + pool.flatMap(\.aliases)
        return Suggestion.closest(to: target, among: candidates)
    }

    /// Names and aliases claimed by more than one entity.
    var sharedNames: [(name: String, entities: [Int])] {
        byName.filter { $0.value.count > 1 }.map { ($0.key, $0.value.sorted()) }.sorted { $0.name < $1.name }
    }

    /// Resolution with a memory: a site names the same few thousand targets over and over,
    /// and normalising each spelling once is enough.
    struct Memo {
        let registry: Registry
        private var known: [Request: Lookup] = [:]

        private struct Request: Hashable {
            let target: String
            let kind: EntityKind?
        }

        init(_ registry: Registry) {
            self.registry = registry
        }

        private var stubSuggestions: [Int: String?] = [:]

        /// The id of an entity with a file that a stub's id is likely a typo of; asked once
        /// per stub, however often it is linked.
        mutating func stubSuggestion(_ stub: Int) -> String? {
            if let known = stubSuggestions[stub] { return known }
            let kind = registry.entities[stub].kind
            let described = registry.entities.lazy.filter { $0.kind == kind && !$0.isStub }.map(\.id.rawValue)
            let guess = Suggestion.closest(to: registry.entities[stub].id.rawValue, among: described)
            stubSuggestions[stub] = guess
            return guess
        }

        mutating func resolve(_ target: String, kind: EntityKind?) -> Lookup {
            let request = Request(target: target, kind: kind)
            if let lookup = known[request] { return lookup }
            let lookup = registry.resolve(target, kind: kind)
            known[request] = lookup
            return lookup
        }
    }
}
