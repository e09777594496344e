/// A fast, stable 64-bit fingerprint of bytes, for noticing changed files and damaged cache
/// files (not a security hash): eight bytes at a time, multiply-xor mixing, and a final
/// avalanche that also folds in the length. The same bytes give the same value however
/// they are split between `add` calls, on every run and machine.
package struct Fingerprint {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    /// Bytes waiting for a full word, little-endian.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    package init() {}

    package mutating func add(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { add(buffer: $0) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { add(buffer: $0) } }
    }

    /// A string's UTF-8, read in place (through `some Collection`, its view was copied
    /// into an array byte by byte).
    package mutating func add(_ string: String) {
        var string = string
        string.withUTF8 { add(buffer: $0) }
    }

    /// One byte.
    package mutating func add(byte: UInt8) {
        withUnsafePointer(to: byte) { add(buffer: UnsafeBufferPointer(start: $0, count: 1)) }
    }

    private mutating func add(buffer: UnsafeBufferPointer<UInt8>) {
        let count = buffer.count
        length &+= UInt64(count)
        var i = 0
        while pendingCount > 0, i < count {
            pending |= UInt64(buffer[i]) << UInt64(8 * pendingCount)
            pendingCount += 1
            i += 1
            if pendingCount == 8 {
                mix(pending)
                pending = 0
                pendingCount = 0
            }
        }
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while i + 8 <= count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                i += 8
            }
        }
        while i < count {
            pending |= UInt64(buffer[i]) << UInt64(8 * pendingCount)
            pendingCount += 1
            i += 1
        }
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        state = ((state << 5 | state >> 59) ^ word) &* 0x517c_c1b7_2722_0a95
    }

    package var value: UInt64 {
        var copy = self
        if copy.pendingCount > 0 { copy.mix(copy.pending) }
        copy.mix(length)
        // MurmurHash3's finaliser: every input bit reaches every output bit.
        var h = copy.state
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    package static func of(_ bytes: [UInt8]) -> UInt64 {
        var fingerprint = Fingerprint()
        fingerprint.add(bytes)
        return fingerprint.value
    }
}
