import Foundation
import Model

/// TOML front matter (Hugo's `+++`), read by `TOMLReader` and handed to the YAML reader as
/// YAML with each key on the line it has in the file: one reader decodes both, and every
/// diagnostic keeps its line. Values are written as JSON, which YAML reads as it is.
enum TOMLFrontMatter {
    typealias Failure = TOMLReader.Failure

    static func yaml(from toml: String) -> Result<String, Failure> {
        let table: TOMLReader.Table
        switch TOMLReader.read(toml) {
        case .success(let read): table = read
        case .failure(let failure): return .failure(failure)
        }
        // Lines counted by bytes: "\r\n" is one Character, and would hide line breaks.
        var yaml = Array(repeating: "", count: toml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count)
        for key in table.keys {
            guard let value = table.values[key] else { continue }
            let entry = json(key) + ": " + json(value)
            // On the line that names the key (`key = …`, or a `[key]` table's header).
            if let line = table.lines[key].map({ $0 - 1 }), yaml.indices.contains(line), yaml[line].isEmpty {
                yaml[line] = entry
            } else {
                yaml.append(entry)
            }
        }
        return .success(yaml.joined(separator: "\n") + "\n")
    }

    /// A TOML value as JSON text: scalars as their text, tables as objects.
    static func json(_ value: TOMLReader.Value) -> String {
        switch value {
        case .scalar(let text): return json(text)
        case .array(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .table(let table):
            return "{" + table.keys.compactMap { key in table.values[key].map { json(key) + ": " + json($0) } }.joined(separator: ", ") + "}"
        case .tables(let list): return "[" + list.items.map { json(.table($0)) }.joined(separator: ", ") + "]"
        }
    }

    /// A string as a JSON string literal, which YAML reads as the same text.
    static func json(_ text: String) -> String { JSONText.quoted(text) }
}
