/// What a template sees when it looks a name up. Views answer lookups with a `switch` over
/// the name (`TemplateObject`) instead of being read by reflection or dynamic casts, so a
/// lookup costs a few string comparisons.
public enum TemplateValue {
    /// Not there: the lookup climbs to the enclosing context, and sections are skipped.
    case missing
    case bool(Bool)
    case int(Int)
    case text(String)
    case object(any TemplateObject)
    case list(any TemplateList)

    /// Whether `{{#name}}` renders its content. Empty text and zero count as true, as in
    /// the Mustache spec's reference implementations; views carry `hasX` flags instead.
    var isTruthy: Bool {
        switch self {
        case .missing: false
        case .bool(let value): value
        case .int, .text, .object: true
        case .list(let list): list.count > 0
        }
    }
}

/// A value with named fields: `{{name}}`, `{{#name}}…{{/name}}`.
public protocol TemplateObject {
    func value(forKey key: String) -> TemplateValue
}

/// A sequence a section iterates over.
public protocol TemplateList {
    var count: Int { get }
    func element(at index: Int) -> TemplateValue
}

/// Anything a view field can hold.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateRepresentable where Self: TemplateObject {
    public var templateValue: TemplateValue { .object(self) }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .int(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    public var templateValue: TemplateValue { self?.templateValue ?? .missing }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(self) }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    public func element(at index: Int) -> TemplateValue { self[index].templateValue }
}

/// A list produced by a transform (`reversed(items)`).
struct ReversedList: TemplateList {
    let base: any TemplateList
    var count: Int { base.count }
    func element(at index: Int) -> TemplateValue { base.element(at: base.count - 1 - index) }
}
