import Model

/// The page templates every theme provides, one per kind of page: a name misspelt in the
/// renderer is a compile error, and a theme missing one is an error when it loads, rather
/// than an empty page.
package enum TemplateName: String, CaseIterable, Sendable {
    case home, document, briefing, section, graph, search
    case actors, events, themes
    case actor, event, theme
    /// A briefing's single file, and the entity briefing (`dossier brief`).
    case brief
    case briefEntity = "brief-entity"

    /// The index page of a kind of entity (`actors.mustache`).
    static func index(_ kind: EntityKind) -> TemplateName {
        switch kind {
        case .actor: .actors
        case .event: .events
        case .theme: .themes
        }
    }

    /// An entity's page (`actor.mustache`).
    static func entity(_ kind: EntityKind) -> TemplateName {
        switch kind {
        case .actor: .actor
        case .event: .event
        case .theme: .theme
        }
    }
}
