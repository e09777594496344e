import Model

/// A file read from `Content/`, before parsing.
public struct ContentFile: Sendable {
    /// Site-relative path with `/` separators, e.g. `Content/actors/iran.md`.
    public var path: String
    public var role: FileRole
    public var bytes: [UInt8]

    public init(path: String, role: FileRole, bytes: [UInt8]) {
        self.path = path
        self.role = role
        self.bytes = bytes
    }
}
