/// Eight bytes at a time: masks with the high bit of each byte set where that byte is
/// what is asked for. Each byte's answer is exact (no borrow runs from one byte into the
/// next, unlike the usual "has a zero byte" test), so a mask can be counted and its lowest
/// bit located, not only tested against zero.
///
/// Public and inlinable, unlike the rest of the project's `package` API: the callers are
/// other modules' inner loops, where a call per word cost more than the test, and Swift 6.3
/// does not inline a `package` function into another module even when it is `@inlinable`
/// (it does a `public` one; Benchmarks/RESULTS.md, "An eighth round").
public enum ByteWord {
    @inlinable public static var high: UInt64 { 0x8080_8080_8080_8080 }
    @inlinable static var low7: UInt64 { 0x7F7F_7F7F_7F7F_7F7F }
    @inlinable static var ones: UInt64 { 0x0101_0101_0101_0101 }

    /// The eight bytes at `offset`, the first in the lowest byte of the word.
    @inlinable @inline(__always)
    public static func load(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The `count` bytes (fewer than eight) at `offset`, the rest of the word `padding`:
    /// for a text's last few bytes, with a padding the test at hand does not mark.
    @inlinable
    public static func load(_ base: UnsafeRawPointer, _ offset: Int, count: Int, padding: UInt8) -> UInt64 {
        var word = ones &* UInt64(padding)
        withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: count) }
        return UInt64(littleEndian: word)
    }

    /// Bytes equal to 0.
    @inlinable @inline(__always)
    public static func zeros(_ word: UInt64) -> UInt64 {
        // (b & 0x7F) + 0x7F reaches the high bit unless the low seven bits are all clear.
        ~(((word & low7) &+ low7) | word | low7)
    }

    /// Bytes equal to `byte`.
    @inlinable @inline(__always)
    public static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeros(word ^ (ones &* UInt64(byte)))
    }

    /// Bytes below `limit` (at most 0x80).
    @inlinable @inline(__always)
    public static func below(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        // (b & 0x7F) + (0x80 − limit) reaches the high bit exactly when b & 0x7F ≥ limit.
        ~(((word & low7) &+ ones &* UInt64(0x80 - limit)) | word) & high
    }

    /// The number of bytes a mask marks: its bits moved to the bottom of each byte and
    /// summed into the top byte by one multiplication (a generic x86-64 build has no
    /// population count instruction, and the library's fallback took twenty).
    @inlinable @inline(__always)
    public static func count(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* ones) >> 56)
    }

    /// The index (0–7) of the first byte a mask marks; the mask is not zero.
    @inlinable @inline(__always)
    public static func first(_ mask: UInt64) -> Int { mask.trailingZeroBitCount >> 3 }
}
