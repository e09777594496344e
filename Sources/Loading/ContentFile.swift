import Model

/// A file read from `Content/`, before parsing.
package struct ContentFile: Sendable {
    /// Site-relative path with `/` separators, e.g. `Content/actors/iran.md`.
    package var path: String
    package var role: FileRole
    package var bytes: [UInt8]

    package init(path: String, role: FileRole, bytes: [UInt8]) {
        self.path = path
        self.role = role
        self.bytes = bytes
    }
}
