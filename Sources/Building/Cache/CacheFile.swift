import Foundation
import Model

/// Where the cache's bytes are read from: the file, by ranges, or bytes in memory (tests).
/// A file is read through the descriptor opened at the start, so a build that replaces the
/// cache meanwhile (by renaming a new file over it) does not change what this one reads.
final class CacheSource: @unchecked Sendable {
    private let fd: Int32
    private let memory: [UInt8]?
    let size: Int
    // The payload is read once, when the first parse is decoded (`ParseCache.Slot`).
    private let lock = NSLock()
    private var payload: (range: Range<Int>, bytes: [UInt8]?)?

    init?(path: String) {
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            return nil
        }
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
        var bytes = [UInt8](repeating: 0, count: range.count)
        var done = 0
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while done < range.count {
                let n = pread(fd, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }
        return complete ? bytes : nil
    }

    /// Sets the range of the parses' bytes, read when first asked for.
    func setPayload(_ range: Range<Int>) {
        lock.withLock { payload = (range, nil) }
    }

    /// The payload's bytes and where in them the parse at `range` (offsets in the file)
    /// stands, when its bytes hash to `checksum`.
    func parse(_ range: Range<Int>, checksum: UInt64) -> (bytes: [UInt8], range: Range<Int>)? {
        let whole: (range: Range<Int>, bytes: [UInt8])? = lock.withLock {
            guard let current = payload else { return nil }
            if let bytes = current.bytes { return (current.range, bytes) }
            guard let bytes = read(current.range) else { return nil }
            payload = (current.range, bytes)
            return (current.range, bytes)
        }
        guard let whole, range.lowerBound >= whole.range.lowerBound, range.upperBound <= whole.range.upperBound else { return nil }
        let inPayload = (range.lowerBound - whole.range.lowerBound)..<(range.upperBound - whole.range.lowerBound)
        var fingerprint = Fingerprint()
        fingerprint.add(whole.bytes[inPayload])
        return fingerprint.value == checksum ? (whole.bytes, inPayload) : nil
    }
}
