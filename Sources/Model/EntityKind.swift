/// The three kinds of entity a writer annotates.
package enum EntityKind: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case actor, event, theme

    /// The folder under `Content/` and the URL segment: `actors`, `events`, `themes`.
    package var folder: String { rawValue + "s" }

    package init?(folder: String) {
        guard let kind = Self.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    package static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    private var order: Int { Self.allCases.firstIndex(of: self)! }
}

/// Kinds of actor, as written in an actor file's `type`.
package enum ActorType: String, Sendable, Hashable, CaseIterable, Codable {
    case country, person, organization, group, place, other
}
