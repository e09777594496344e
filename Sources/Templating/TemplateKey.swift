/// A name a template looks up (`{{title}}`), numbered when its library is compiled. Views
/// answer by number, a jump table, where comparing the name with each of theirs cost a
/// string comparison per field per lookup, on every frame the lookup climbed.
package struct TemplateKey: Sendable {
    package let id: Int
    /// Unowned: a key is made for every lookup, and counting references to the one table
    /// shared by the threads that render would pass its cache line between cores. The
    /// library that made the key holds the table for as long as it renders.
    unowned(unsafe) let table: TemplateKeyTable

    /// For objects that answer by name, such as a dictionary's.
    package var name: String { table.names[id] }
}

/// The names templates look up and their numbers. A vocabulary given up front keeps its
/// order, so the views that know it can answer by number; other names are numbered after.
package final class TemplateKeyTable: Sendable {
    let names: [String]
    private let ids: [String: Int]

    package init(vocabulary: [String], extra: [String] = []) {
        var names: [String] = []
        var ids: [String: Int] = [:]
        for name in vocabulary + extra where ids[name] == nil {
            ids[name] = names.count
            names.append(name)
        }
        self.names = names
        self.ids = ids
    }

    /// The key of `name`, nil when the table does not have it. The key does not keep the
    /// table alive: its `name` may be read only while the table is.
    package func key(_ name: String) -> TemplateKey? {
        ids[name].map { TemplateKey(id: $0, table: self) }
    }
}
