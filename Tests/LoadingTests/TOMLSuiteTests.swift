import Foundation
@testable import Loading
import Testing

/// The TOML reader against the language's own test suite (toml-lang/toml-test), fetched for
/// a run and never committed:
///
///     DOSSIER_TOML_TEST=/path/to/toml-test/tests swift test --filter TOMLSuiteTests
///
/// Every valid file of TOML 1.1 must read, to the values its JSON twin gives; every invalid
/// one must be refused (and none may crash).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DOSSIER_TOML_TEST"] != nil, "set DOSSIER_TOML_TEST to toml-test's tests folder"))
struct TOMLSuiteTests {
    static let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["DOSSIER_TOML_TEST"] ?? "/nonexistent")

    static var cases: [String] {
        let list = (try? String(contentsOf: folder.appendingPathComponent("files-toml-1.1.0"), encoding: .utf8)) ?? ""
        return list.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".toml") }
    }

    @Test func theSuiteReadsAsSpecified() throws {
        var wrong: [String] = []
        var counts = (valid: 0, invalid: 0)
        for path in Self.cases {
            guard let data = FileManager.default.contents(atPath: Self.folder.appendingPathComponent(path).path) else { continue }
            // Not UTF-8 is invalid TOML; the loader refuses such files before this reader.
            guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
                if path.hasPrefix("valid/") { wrong.append("\(path): not UTF-8") }
                continue
            }
            let result = TOMLReader.read(text)
            if path.hasPrefix("invalid/") {
                counts.invalid += 1
                if case .success = result { wrong.append("\(path): read, but is invalid") }
                continue
            }
            counts.valid += 1
            switch result {
            case .failure(let failure): wrong.append("\(path): \(failure.message) at \(failure.line):\(failure.column)")
            case .success(let table):
                let json = Self.folder.appendingPathComponent(String(path.dropLast(5)) + ".json")
                guard let expected = try? JSONSerialization.jsonObject(with: Data(contentsOf: json)) else { continue }
                if let difference = Self.difference(.table(table), expected, at: "") { wrong.append("\(path): \(difference)") }
            }
        }
        #expect(wrong.isEmpty, Comment(rawValue: "\(wrong.count) of \(counts.valid) valid and \(counts.invalid) invalid files:\n" + wrong.joined(separator: "\n")))
    }

    /// Where a value differs from toml-test's typed JSON (`{"type": "integer", "value": "1"}`).
    static func difference(_ value: TOMLReader.Value, _ expected: Any, at path: String) -> String? {
        switch value {
        case .table(let table):
            guard let object = expected as? [String: Any], object["type"] == nil || object.count != 2 else { return "\(path): a table, expected \(expected)" }
            guard Set(table.keys) == Set(object.keys) else { return "\(path): keys \(table.keys.sorted()) expected \(object.keys.sorted())" }
            for key in table.keys { if let d = difference(table.values[key]!, object[key]!, at: path + "." + key) { return d } }
            return nil
        case .tables(let list):
            return difference(.array(list.items.map { .table($0) }), expected, at: path)
        case .array(let items):
            guard let array = expected as? [Any], array.count == items.count else { return "\(path): an array of \(items.count), expected \(expected)" }
            for (i, item) in items.enumerated() { if let d = difference(item, array[i], at: "\(path)[\(i)]") { return d } }
            return nil
        case .scalar(let text):
            guard let typed = expected as? [String: String], let type = typed["type"], let want = typed["value"] else { return "\(path): \(text), expected \(expected)" }
            switch type {
            case "float":
                let a = Double(text) ?? .nan, b = Double(want) ?? .nan
                return a == b || (a.isNaN && b.isNaN) ? nil : "\(path): \(text), expected \(want)"
            case "datetime", "datetime-local", "date-local", "time-local":
                func normal(_ s: String) -> String {
                    var s = s.uppercased().replacingOccurrences(of: " ", with: "T")
                    // toml-test writes seconds and may trim fractions; compare to the second.
                    if let dot = s.firstIndex(of: ".") {
                        let end = s[dot...].firstIndex { !$0.isNumber && $0 != "." } ?? s.endIndex
                        s.removeSubrange(dot..<end)
                    }
                    return s
                }
                return normal(text) == normal(want) ? nil : "\(path): \(text), expected \(want)"
            default:
                return text == want ? nil : "\(path): \(text.debugDescription), expected \(want.debugDescription) (\(type))"
            }
        }
    }
}
