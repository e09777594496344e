/// What a template sees when it looks a name up. Views answer lookups with a `switch` over
/// the name's number (`TemplateObject`, `TemplateKey`) instead of being read by reflection
/// or dynamic casts, so a lookup is a jump.
package enum TemplateValue {
    /// Not there: the lookup climbs to the enclosing context, and sections are skipped.
    case missing
    case bool(Bool)
    case int(Int)
    case text(String)
    /// HTML made as UTF-8 bytes (quoted passages): written as they are by `{{{name}}}`,
    /// with no `String` made of them on the way.
    case html([UInt8])
    case object(any TemplateObject)
    case list(any TemplateList)

    /// Whether a lookup found nothing, and climbs on.
    var isMissing: Bool {
        switch self {
        case .missing: true
        default: false
        }
    }

    /// Whether `{{#name}}` renders its content. Empty text and zero count as true, as in
    /// the Mustache spec's reference implementations; views carry `hasX` flags instead.
    var isTruthy: Bool {
        switch self {
        case .missing: false
        case .bool(let value): value
        case .int, .text, .html, .object: true
        case .list(let list): list.count > 0
        }
    }
}

/// A value with named fields: `{{name}}`, `{{#name}}…{{/name}}`.
package protocol TemplateObject {
    func value(forKey key: TemplateKey) -> TemplateValue
}

/// A sequence a section iterates over.
package protocol TemplateList {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

/// Anything a view field can hold.
package protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateRepresentable where Self: TemplateObject {
    package var templateValue: TemplateValue { .object(self) }
}

extension String: TemplateRepresentable {
    package var templateValue: TemplateValue { .text(self) }
}

/// UTF-8 bytes a view holds for `{{{name}}}` (`TemplateValue.html`).
package struct HTMLBytes: TemplateRepresentable {
    package var bytes: [UInt8]

    package init(_ bytes: [UInt8]) { self.bytes = bytes }
    package init(_ text: String) { bytes = Array(text.utf8) }

    package var templateValue: TemplateValue { .html(bytes) }
}

extension Int: TemplateRepresentable {
    package var templateValue: TemplateValue { .int(self) }
}

extension Bool: TemplateRepresentable {
    package var templateValue: TemplateValue { .bool(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    package var templateValue: TemplateValue { self?.templateValue ?? .missing }
}

// The optional fields views hold most, answered without the generic path (which copied the
// optional through its value witnesses: half a percent of a build's instructions).
extension Optional where Wrapped == String {
    package var templateValue: TemplateValue {
        if let self { .text(self) } else { .missing }
    }
}

extension Optional where Wrapped == Int {
    package var templateValue: TemplateValue {
        if let self { .int(self) } else { .missing }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    package var templateValue: TemplateValue { .list(self) }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    package func element(at index: Int) -> TemplateValue { self[index].templateValue }
}

/// A list produced by a transform (`reversed(items)`).
struct ReversedList: TemplateList {
    let base: any TemplateList
    var count: Int { base.count }
    func element(at index: Int) -> TemplateValue { base.element(at: base.count - 1 - index) }
}
