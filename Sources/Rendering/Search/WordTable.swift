/// Distinct words and a number for each, counted without making a `String` per occurrence:
/// a word arrives as folded UTF-8 bytes with its FNV-1a hash, and is looked up in an
/// open-addressing table by that hash and then its bytes. A 10,000-article site has nine
/// million word occurrences; Swift's `Dictionary<String, Int>` (a `String` and a SipHash
/// each) spent a second of the build on them, this a fraction of it.
struct WordTable {
    private(set) var words: [String] = []
    private(set) var hashes: [UInt64] = []
    /// Per word: its count (`add`), or whatever the caller keeps there.
    var values: [Int] = []
    /// Index + 1 into `words`; 0 is empty.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 64
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The number of the word with these bytes and hash, added (with value 0) if new.
    /// `make` makes its `String` when it is new.
    mutating func index(of bytes: UnsafeBufferPointer<UInt8>, hash: UInt64, make: () -> String) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let index = entry - 1
            if hashes[index] == hash, words[index].utf8.elementsEqual(bytes) { return index }
            slot = (slot + 1) & mask
        }
        let index = words.count
        words.append(make())
        hashes.append(hash)
        values.append(0)
        slots[slot] = Int32(index + 1)
        if words.count * 2 > slots.count { grow() }
        return index
    }

    /// The number of `word` (known to hash to `hash`), added (with value 0) if new.
    mutating func index(of word: String, hash: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            let index = entry - 1
            if hashes[index] == hash, words[index] == word { return index }
            slot = (slot + 1) & mask
        }
        let index = words.count
        words.append(word)
        hashes.append(hash)
        values.append(0)
        slots[slot] = Int32(index + 1)
        if words.count * 2 > slots.count { grow() }
        return index
    }

    /// Counts one occurrence of a word.
    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        let index = index(of: bytes, hash: Self.hash(bytes)) { String(decoding: bytes, as: UTF8.self) }
        values[index] += 1
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
