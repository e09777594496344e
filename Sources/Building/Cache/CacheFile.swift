#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model

/// Where the cache's bytes are read from: the file, by ranges, or bytes in memory (tests).
/// A file is read through the descriptor opened at the start, so a build that replaces the
/// cache meanwhile (by renaming a new file over it) does not change what this one reads.
/// Each parse is read on its own when it is decoded (`ParseCache.Slot`): a build that needs
/// a few parses (a briefing's, say) reads those, and one that needs all reads each once
/// and keeps none of the bytes past decoding.
final class CacheSource: Sendable {
    private let fd: Int32
    private let memory: [UInt8]?
    let size: Int

    init?(path: String) {
        // Not blocking: a FIFO in the cache's place would wait for a writer forever.
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        size = Int(info.st_size)
        memory = nil
    }

    init(bytes: [UInt8]) {
        fd = -1
        memory = bytes
        size = bytes.count
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The bytes in `range`, or nil when they cannot all be read.
    func read(_ range: Range<Int>) -> [UInt8]? {
        guard range.lowerBound >= 0, range.upperBound <= size else { return nil }
        if let memory { return Array(memory[range]) }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, count in
            var done = 0
            while done < range.count {
                let n = pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            complete = done == range.count
            count = done
        }
        return complete ? bytes : nil
    }

    /// The bytes at `range` when they hash to `checksum`: a parse as it was written.
    func parse(_ range: Range<Int>, checksum: UInt64) -> [UInt8]? {
        guard let bytes = read(range) else { return nil }
        return Fingerprint.of(bytes) == checksum ? bytes : nil
    }
}
