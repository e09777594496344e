#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The two questions every stage that reads files from the site asks before it reads one:
/// the content loader of `Content/`, and the theme loader of `Templates/`.
package enum FileAccess {
    /// Whether `path` (links followed) is a regular file: a pipe, socket or device is not
    /// read, since reading a FIFO waits for a writer forever.
    package static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Whether a file opens for reading (opened without blocking, then closed).
    package static func canOpen(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }
}
