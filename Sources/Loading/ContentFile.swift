import Model

/// A file read from `Content/`, before parsing.
package struct ContentFile: Sendable {
    /// Site-relative path with `/` separators, e.g. `Content/actors/iran.md`.
    package var path: String
    package var role: FileRole
    package var bytes: [UInt8]
    /// The file's status when it was read, when its times are old enough to be trusted
    /// (`FileStatus`): a later build that finds the same status need not read it again.
    package var status: FileStatus?

    package init(path: String, role: FileRole, bytes: [UInt8], status: FileStatus? = nil) {
        self.path = path
        self.role = role
        self.bytes = bytes
        self.status = status
    }
}
