/// A linked entity: from its file, or a stub created by a typed link to an unknown id.
package struct Entity: Hashable, Sendable {
    package enum Details: Hashable, Sendable {
        case actor(type: ActorType, wikidata: String?)
        /// `actors` and `themes` are entity indices in `Site.entities`.
        case event(date: PartialDate?, dateText: String?, place: String?, actors: [Int], themes: [Int])
        /// `broader` and `narrower` are entity indices in `Site.entities`.
        case theme(broader: Int?, narrower: [Int])
    }

    package var key: EntityKey
    package var name: String
    package var aliases: [String]
    /// Index of the entity's own file in `Site.files`; nil for a stub.
    package var file: Int?
    package var details: Details

    package init(key: EntityKey, name: String, aliases: [String], file: Int?, details: Details) {
        self.key = key
        self.name = name
        self.aliases = aliases
        self.file = file
        self.details = details
    }

    package var isStub: Bool { file == nil }
    package var kind: EntityKind { key.kind }
    package var id: EntityID { key.id }

    package var date: PartialDate? {
        if case let .event(date, _, _, _, _) = details { return date }
        return nil
    }

    /// The date as shown: `date_text` when given, else the EDTF date's display form.
    package var dateDisplay: String? {
        if case let .event(date, text, _, _, _) = details { return text ?? date?.displayText }
        return nil
    }
}

/// A mention located in the site: file index and mention index within that file.
package struct MentionRef: Hashable, Sendable {
    package var file: Int
    package var mention: Int
    /// The mention's block (`Mention.block`), kept here: a page listing passages reads it
    /// for every reference, and the mention itself is a cache miss away.
    package var block: Int

    package init(file: Int, mention: Int, block: Int) {
        self.file = file
        self.mention = mention
        self.block = block
    }
}

/// A weighted relation between two entities (co-occurrence, participation, theme).
package struct Relation: Hashable, Sendable {
    package var entity: Int
    package var weight: Int

    package init(entity: Int, weight: Int) {
        self.entity = entity
        self.weight = weight
    }
}
