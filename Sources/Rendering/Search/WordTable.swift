#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct words and a number for each, counted without making a `String` per word: a word
/// arrives as folded UTF-8 bytes with its FNV-1a hash, is looked up in an open-addressing
/// table by that hash and then its bytes (`memcmp`), and is kept as bytes in one arena. A
/// 10,000-article site has nine million word occurrences and three million distinct words
/// per page summed over pages; Swift's `Dictionary<String, Int>` (a `String` and a SipHash
/// each) spent a second of the build on them, and a `String` per distinct word compared
/// through its `utf8` view a further 0.1 s.
struct WordTable: Sendable {
    /// The words' bytes, one after another; word `i` ends at `ends[i]`.
    private var arena: [UInt8] = []
    private var ends: [Int] = []
    private(set) var hashes: [UInt64] = []
    /// Per word: its count (`add`), or whatever the caller keeps there.
    var values: [Int] = []
    /// Index + 1 into the words; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { hashes.count }

    /// The words, in the order they were added.
    var words: [String] { (0..<count).map(word) }

    func word(_ index: Int) -> String {
        withBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with word `index`'s bytes (valid only during the call).
    func withBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = index == 0 ? 0 : ends[index - 1], end = ends[index]
        return arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = emptyHash
        for byte in bytes { hash = Self.hash(hash, byte) }
        return hash
    }

    /// FNV-1a, a byte at a time, so that a word's hash is made while it is read.
    static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func hash(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }

    /// The number of the word with these bytes and hash, or the empty slot it would take.
    private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int?, slot: Int) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let entry = Int(slots[slot])
                if entry == 0 { return (nil, slot) }
                let index = entry - 1
                if hashes[index] == hash {
                    let start = index == 0 ? 0 : ends[index - 1]
                    if ends[index] - start == bytes.count,
                       bytes.isEmpty || memcmp(arena.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0 {
                        return (index, slot)
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The number of the word with these bytes and hash, added (with value 0) if new.
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let (found, slot) = find(bytes, hash: hash)
        if let found { return found }
        let index = count
        arena.append(contentsOf: bytes)
        ends.append(arena.count)
        hashes.append(hash)
        values.append(0)
        slots[slot] = Int32(index + 1)
        if count * 2 > slots.count { grow() }
        return index
    }

    /// The number of `word`, if the table holds it.
    func index(of word: String) -> Int? {
        var word = word
        return word.withUTF8 { find($0, hash: Self.hash($0)).index }
    }

    /// Counts one occurrence of a word.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        add(bytes, hash: Self.hash(bytes))
    }

    /// Counts one occurrence of a word whose hash is known.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) {
        values[index(of: bytes, hash: hash)] += 1
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }
}
