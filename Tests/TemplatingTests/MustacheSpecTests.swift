import Foundation
@testable import Templating
import Testing

/// The official Mustache specification's tests (required modules), run against the engine:
/// data from JSON, partials by name, output compared byte for byte.
@Suite struct MustacheSpecTests {
    struct SpecFile: Decodable {
        let tests: [SpecTest]
    }

    struct SpecTest: Decodable {
        let name: String
        let desc: String
        let data: JSONValue
        let template: String
        let partials: [String: String]?
        let expected: String
    }

    /// Spec data as the engine sees it.
    enum JSONValue: Decodable, TemplateRepresentable {
        case null, bool(Bool), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let value = try? container.decode(Bool.self) { self = .bool(value) }
            else if let value = try? container.decode(Double.self) { self = .number(value) }
            else if let value = try? container.decode(String.self) { self = .string(value) }
            else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
            else { self = .object(try container.decode([String: JSONValue].self)) }
        }

        var templateValue: TemplateValue {
            switch self {
            case .null: .missing
            case .bool(let value): .bool(value)
            case .number(let value): value == value.rounded() && abs(value) < 1e15 ? .int(Int(value)) : .text(String(value))
            case .string(let value): .text(value)
            case .array(let items): .list(items)
            case .object(let fields): .object(Fields(fields: fields))
            }
        }
    }

    struct Fields: TemplateObject {
        let fields: [String: JSONValue]
        func value(forKey key: TemplateKey) -> TemplateValue { fields[key.name]?.templateValue ?? .missing }
    }

    static let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    static func tests(_ module: String) throws -> [SpecTest] {
        let url = try #require(Bundle.module.url(forResource: module, withExtension: "json", subdirectory: "Fixtures/mustache-spec"))
        return try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url)).tests
    }

    /// The spec's tests this engine does not pass, each with the reason. Everything else
    /// must pass, and everything listed here must still fail (so the list stays true).
    static let unsupported: [String: String] = [:]

    @Test(arguments: modules)
    func specModule(_ module: String) throws {
        var failures: [String] = []
        let tests = try Self.tests(module)
        #expect(tests.count >= 6, "the \(module) module's tests did not load")
        var passedCount = 0
        for test in tests {
            let id = "\(module): \(test.name)"
            let rendered: String?
            do {
                var templates = ["main": try Template(test.template)]
                for (name, source) in test.partials ?? [:] { templates[name] = try Template(source) }
                rendered = TemplateLibrary(templates).render(test.data, template: "main")
            } catch {
                rendered = nil
            }
            let passed = rendered == test.expected
            if passed { passedCount += 1 }
            if let reason = Self.unsupported[id] {
                #expect(!passed, "\(id) passes now: remove it from the unsupported list (\(reason))")
            } else if !passed {
                failures.append("\(id) — \(test.desc)\n  template: \(test.template.debugDescription)\n  expected: \(test.expected.debugDescription)\n  got:      \(rendered.debugDescription)")
            }
        }
        print("\(module): \(passedCount) of \(tests.count) pass")
        #expect(failures.isEmpty, "\(failures.count) failing:\n\(failures.joined(separator: "\n"))")
    }
}
