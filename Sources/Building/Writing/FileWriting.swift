#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
private let systemClose = Glibc.close
private let systemLink = Glibc.link
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
private let systemClose = Darwin.close
private let systemLink = Darwin.link
#endif

/// Plain POSIX file writing for the output: one open, write and close per file, from many
/// threads at once. Foundation's `Data`/`FileManager` path cost more than the writing itself.
enum FileWriting {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "cannot write \(path): \(String(cString: strerror(code)))" }
    }

    /// Writes `bytes` to `path`, creating missing parent folders. A relative path is taken
    /// from the folder `directory` is open on.
    static func write(_ bytes: UnsafeRawBufferPointer, to path: String, in directory: Int32 = AT_FDCWD) throws {
        let file = try Appender(path: path, in: directory)
        try file.append(bytes)
        try file.close()
    }

    static func write(_ text: String, to path: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0), to: path) }
    }

    /// A file written in pieces.
    final class Appender {
        let path: String
        private var fd: Int32

        /// `directory`: the folder a relative `path` starts from. The output's pages are
        /// opened from the staging folder: the kernel's walk of the whole path from `/` for
        /// each of tens of thousands of files was a third of the cost of opening them.
        init(path: String, in directory: Int32 = AT_FDCWD) throws {
            self.path = path
            fd = openat(directory, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0, errno == ENOENT {
                makeParents(of: path, in: directory)
                fd = openat(directory, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            }
            guard fd >= 0 else { throw Failure(path: path, code: errno) }
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let done = systemWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if done < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, code: errno)
                }
                offset += done
            }
        }

        func close() throws {
            guard fd >= 0 else { return }
            let result = systemClose(fd)
            fd = -1
            if result != 0 { throw Failure(path: path, code: errno) }
        }

        deinit { if fd >= 0 { _ = systemClose(fd) } }
    }

    /// A hard link to `existing` at `path` (parent folders made as needed); false when the
    /// file system refuses, and the caller writes a copy instead.
    static func link(_ existing: String, to path: String) -> Bool {
        if systemLink(existing, path) == 0 { return true }
        guard errno == ENOENT else { return false }
        makeParents(of: path)
        return systemLink(existing, path) == 0
    }

    /// The size of the file at `path`, or nil.
    static func size(at path: String) -> Int? {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }

    /// `mkdir -p` of the folder holding `path`. Folders another thread made first are fine.
    /// The nearest folder is made first and its parents only when it cannot be: a page's
    /// folder is new but its parents mostly are not, and each `mkdir` walks the whole path.
    static func makeParents(of path: String, in directory: Int32 = AT_FDCWD) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        makeFolder(String(path[..<slash]), in: directory)
    }

    private static func makeFolder(_ path: String, in directory: Int32) {
        guard !path.isEmpty, mkdirat(directory, path, 0o755) != 0, errno == ENOENT,
              let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return }
        makeFolder(String(path[..<slash]), in: directory)
        _ = mkdirat(directory, path, 0o755)
    }

    /// Whether the file at `path` holds exactly `bytes` (size first, then contents).
    static func hasContents(_ bytes: UnsafeRawBufferPointer, at path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == bytes.count else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var offset = 0
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while offset < bytes.count {
            let n = read(fd, chunk.baseAddress!, min(chunk.count, bytes.count - offset))
            guard n > 0, memcmp(chunk.baseAddress!, bytes.baseAddress! + offset, n) == 0 else { return false }
            offset += n
        }
        return true
    }
}
