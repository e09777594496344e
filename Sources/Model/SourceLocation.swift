/// A position in a site file: site-relative path, 1-based line, 1-based UTF-8 byte column.
/// Lines count from the top of the file, front matter included.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}
