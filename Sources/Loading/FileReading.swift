#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Directory listing and file reading with plain POSIX calls: `readdir` reports each entry's
/// type, so only symbolic links cost an extra `realpath`. Foundation's URL and FileManager
/// route made loading 13,000 files take a second.
package enum FileReading {
    enum EntryKind { case file, directory, symlink, other }

    package enum ReadResult {
        case bytes([UInt8])
        case tooLarge(Int)
        case failed(String)
    }

    /// The entries of a folder (without `.` and `..`), or nil when it cannot be read.
    static func list(_ path: String) -> [(name: String, kind: EntryKind)]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var entries: [(String, EntryKind)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            guard name != ".", name != ".." else { continue }
            var kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            default: kind = .other
            }
            if kind == .other {
                // Some file systems do not fill d_type.
                var info = stat()
                if lstat(path + "/" + name, &info) == 0 {
                    switch info.st_mode & S_IFMT {
                    case S_IFREG: kind = .file
                    case S_IFDIR: kind = .directory
                    case S_IFLNK: kind = .symlink
                    default: break
                    }
                }
            }
            entries.append((name, kind))
        }
        return entries
    }

    /// Where a path really points (symbolic links resolved), or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The file's bytes, unless it is larger than `limit`.
    /// Only regular files are read: opened without blocking (a FIFO would wait for a writer
    /// forever), then checked, so a pipe or device named `x.md` or `map.png` is refused.
    package static func read(_ path: String, limit: Int) -> ReadResult {
        var status: FileStatus?
        return read(path, limit: limit, status: &status)
    }

    /// The same, also giving the file's status as it was opened for the read.
    static func read(_ path: String, limit: Int, status: inout FileStatus?) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
        status = FileStatus(info)
        guard info.st_mode & S_IFMT == S_IFREG else { return .failed("not a regular file (a pipe, socket or device); it is not read") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let size = Int(info.st_size)
        guard size <= limit else { return .tooLarge(size) }
        // Read straight into the array's storage, not zeroed first (the build cache is
        // 100 MB on a large site). A file that shrank while being read keeps what was there.
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var offset = 0
            while offset < size {
                let n = systemRead(fd, buffer.baseAddress! + offset, size - offset)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                offset += n
            }
            count = offset
        }
        return .bytes(bytes)
    }
}

/// What `stat` says of a file that changes when its bytes do: size, modification and change
/// times, inode and device. A file whose status is the one recorded when it was read is
/// taken to hold the bytes read then (as git's index and make do), once its times are older
/// than the read by a margin (`ContentLoader`): a write within the same clock tick as the
/// read could leave both times as they were.
package struct FileStatus: Hashable, Sendable {
    package var size: Int64
    package var modified: Int64
    package var changed: Int64
    package var inode: UInt64
    package var device: UInt64

    package init(size: Int64, modified: Int64, changed: Int64, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }

    init(_ info: stat) {
        #if os(Linux)
        let (m, c) = (info.st_mtim, info.st_ctim)
        #else
        let (m, c) = (info.st_mtimespec, info.st_ctimespec)
        #endif
        self.init(size: Int64(info.st_size), modified: Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec),
                  changed: Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec),
                  inode: UInt64(truncatingIfNeeded: info.st_ino), device: UInt64(truncatingIfNeeded: info.st_dev))
    }

    /// The status of the file at `path` (links followed), or nil when it cannot be had.
    static func of(_ path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileStatus(info)
    }

    /// Nanoseconds since 1970 now, by the clock file times are taken from.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
