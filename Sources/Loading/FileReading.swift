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
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failed(String(cString: strerror(errno))) }
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

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
