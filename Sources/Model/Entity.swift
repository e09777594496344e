/// A linked entity: from its file, or a stub created by a typed link to an unknown id.
public struct Entity: Hashable, Sendable {
    public enum Details: Hashable, Sendable {
        case actor(type: ActorType, wikidata: String?)
        /// `actors` and `themes` are entity indices in `Site.entities`.
        case event(date: PartialDate?, dateText: String?, place: String?, actors: [Int], themes: [Int])
        /// `broader` and `narrower` are entity indices in `Site.entities`.
        case theme(broader: Int?, narrower: [Int])
    }

    public var key: EntityKey
    public var name: String
    public var aliases: [String]
    /// Index of the entity's own file in `Site.files`; nil for a stub.
    public var file: Int?
    public var details: Details

    public init(key: EntityKey, name: String, aliases: [String], file: Int?, details: Details) {
        self.key = key
        self.name = name
        self.aliases = aliases
        self.file = file
        self.details = details
    }

    public var isStub: Bool { file == nil }
    public var kind: EntityKind { key.kind }
    public var id: EntityID { key.id }

    public var date: PartialDate? {
        if case let .event(date, _, _, _, _) = details { return date }
        return nil
    }

    /// The date as shown: `date_text` when given, else the EDTF date's display form.
    public var dateDisplay: String? {
        if case let .event(date, text, _, _, _) = details { return text ?? date?.displayText }
        return nil
    }
}

/// A mention located in the site: file index and mention index within that file.
public struct MentionRef: Hashable, Sendable {
    public var file: Int
    public var mention: Int

    public init(file: Int, mention: Int) {
        self.file = file
        self.mention = mention
    }
}

/// A weighted relation between two entities (co-occurrence, participation, theme).
public struct Relation: Hashable, Sendable {
    public var entity: Int
    public var weight: Int

    public init(entity: Int, weight: Int) {
        self.entity = entity
        self.weight = weight
    }
}
