import Foundation
import Model
import TOMLKit

/// TOML front matter (Hugo's `+++`), read with TOMLKit and handed to the YAML reader as
/// YAML with each key on the line it has in the file: one reader decodes both, and every
/// diagnostic keeps its line. Values are written as JSON, which YAML reads as it is.
enum TOMLFrontMatter {
    struct Failure: Error {
        var message: String
        /// Line and column in the TOML text (1-based).
        var line: Int
        var column: Int
    }

    static func yaml(from toml: String) -> Result<String, Failure> {
        if let problem = TOMLPrecheck.problem(in: toml) { return .failure(problem) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: toml)
        } catch let error as TOMLParseError {
            return .failure(Failure(message: error.description, line: max(1, error.source.begin.line), column: max(1, error.source.begin.column)))
        } catch {
            return .failure(Failure(message: "\(error)", line: 1, column: 1))
        }
        let lines = toml.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var yaml = Array(repeating: "", count: lines.count)
        for key in table.keys {
            guard let value = table[key] else { continue }
            // The line that names the key (`key = …`, or a `[key]` table's header).
            let quoted = "\"\(key)\""
            let line = lines.firstIndex { line in
                [key, quoted].contains { name in
                    line.hasPrefix(name) && line.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" }).first == "="
                } || line == "[\(key)]" || line == "[\(quoted)]" || line == "[[\(key)]]"
            }
            let entry = json(key) + ": " + json(value)
            if let line, yaml[line].isEmpty {
                yaml[line] = entry
            } else {
                yaml.append(entry)
            }
        }
        return .success(yaml.joined(separator: "\n") + "\n")
    }

    /// A TOML value as JSON text: dates and times as their TOML text, tables as objects.
    static func json(_ value: TOMLValueConvertible) -> String {
        let tomlValue = value.tomlValue
        switch tomlValue.type {
        case .table:
            guard let table = tomlValue.table else { return "{}" }
            return "{" + table.keys.compactMap { key in table[key].map { json(key) + ": " + json($0) } }.joined(separator: ", ") + "}"
        case .array:
            guard let array = tomlValue.array else { return "[]" }
            return "[" + array.map(json).joined(separator: ", ") + "]"
        case .string: return json(tomlValue.string ?? "")
        case .int: return json(tomlValue.int.map(String.init) ?? "")
        case .double: return json(tomlValue.double.map { String($0) } ?? "")
        case .bool: return json(tomlValue.bool.map { $0 ? "true" : "false" } ?? "")
        case .date, .time, .dateTime:
            // Their TOML text (`2023-01-15T10:30:00Z`): the date reader takes the day.
            return json(tomlValue.debugDescription)
        }
    }

    /// A string as a JSON string literal, which YAML reads as the same text.
    static func json(_ text: String) -> String { JSONText.quoted(text) }
}
