import Model

/// The words search indexes and matches: text folded as `String.searchFolded` folds it,
/// split on everything that is not a letter or a number (Unicode categories L and N), as
/// the search script splits queries (`Templates/assets/search.js`). Words longer than
/// `maxLength` scalars are cut to it, there and here.
enum SearchWords {
    static let maxLength = 32

    /// Calls `body` with each word of `text`, in order.
    static func forEach(in text: String, _ body: (String) -> Void) {
        forEachBytes(in: text) { bytes, _ in body(String(decoding: bytes, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each word of `text`, in order (valid only
    /// during the call), and their hash (`WordTable.hash`), made as the bytes are folded.
    ///
    /// Folding a whole text scalar by scalar is slow, and most of it is ASCII even in texts
    /// that are not: the text is cut into runs of letters, numbers and marks first, and only
    /// a run with a non-ASCII scalar is folded (then split, as folding may leave a
    /// separator in it). Outside such runs folding makes no words.
    static func forEachBytes(in text: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var memo = FoldMemo()
        forEachBytes(in: text, memo: &memo, body)
    }

    /// The words a run with non-ASCII scalars folds to, by the run's bytes: the same names
    /// (`Élodie`, `Светлана`) come back in text after text, and folding one through Unicode
    /// normalisation and case mapping cost 24,000 instructions, a tenth of all the counting.
    struct FoldMemo {
        private var runs = WordTable(capacity: 256)
        /// Per run (by its number in `runs`): where its words start in `words`, and end.
        private var spans: [Range<Int>] = []
        private var words: [(bytes: [UInt8], hash: UInt64)] = []

        /// Calls `body` with each word of the run `bytes` folds to.
        mutating func words(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
            let run = runs.index(of: bytes, hash: WordTable.hash(bytes))
            if run == spans.count {
                let start = words.count
                SearchWords.folded(String(decoding: bytes, as: UTF8.self).searchFolded) { word, hash in words.append((Array(word), hash)) }
                spans.append(start..<words.count)
            }
            for word in words[spans[run]] { word.bytes.withUnsafeBufferPointer { body($0, word.hash) } }
        }
    }

    /// The same, with the folded runs of earlier texts remembered in `memo`. Inlined into
    /// its callers, so that each caller's handler is inlined into the word loop: out of line,
    /// the loop grew past what the compiler inlines a closure into, and the counting paid a
    /// call per word (35 M instructions at 1,000 articles).
    @inline(__always)
    static func forEachBytes(in text: String, memo: inout FoldMemo, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { buffer in
                // A run's end is found first, then an ASCII run is folded (lowercased) into
                // `buffer` and hashed in a loop of its own: one loop doing both kept the
                // word's length and hash in memory, at 25 instructions a byte.
                let folded = buffer.baseAddress!
                var i = 0
                while i < count {
                    let start = i
                    // Eight bytes at a time while all are ASCII letters or digits (most of a
                    // word is); the rest of the run a byte at a time.
                    while i &+ 8 <= count {
                        let letters = Self.asciiWordBytes(ByteWord.load(base, i))
                        if letters == ByteWord.high {
                            i &+= 8
                            continue
                        }
                        i &+= ByteWord.first(~letters & ByteWord.high)
                        break
                    }
                    while i < count, Self.isASCIIWordByte(base[i]) { i &+= 1 }
                    // A letter, number or mark beyond ASCII continues the run, which is then
                    // folded as a whole.
                    var isASCII = true
                    while i < count {
                        let byte = base[i]
                        if byte < 0x80 {
                            guard Self.isASCIIWordByte(byte) else { break }
                            i += 1
                            continue
                        }
                        let (scalar, size) = Self.scalar(base, i, count)
                        guard scalar?.isLetterNumberOrMark == true else { break }
                        isASCII = false
                        i += size
                    }
                    if i > start {
                        if isASCII {
                            let length = min(i &- start, maxLength)
                            let run = base + start
                            var hash = WordTable.emptyHash
                            for k in 0..<length {
                                // Letters to lower case; digits have the bit set already.
                                let fold = run[k] | 0x20
                                folded[k] = fold
                                hash = WordTable.hash(hash, fold)
                            }
                            body(UnsafeBufferPointer(start: folded, count: length), hash)
                        } else {
                            memo.words(of: UnsafeBufferPointer(start: base + start, count: i - start), body)
                        }
                    }
                    // The separator ending the run (or the text).
                    if i < count { i += base[i] < 0x80 ? 1 : Self.scalar(base, i, count).size }
                }
            }
        }
    }

    /// The high bit of each byte of `word` that is an ASCII letter or digit.
    @inline(__always)
    private static func asciiWordBytes(_ word: UInt64) -> UInt64 {
        let lower = word | 0x2020_2020_2020_2020
        return ByteWord.below(word, 0x3A) & ~ByteWord.below(word, 0x30) | ByteWord.below(lower, 0x7B) & ~ByteWord.below(lower, 0x61)
    }

    /// An ASCII letter or digit.
    @inline(__always)
    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        // Both tests without a branch between them: most bytes are letters.
        (((byte | 0x20) &- 0x61 < 26 ? 1 : 0) as UInt8) | (byte &- 0x30 < 10 ? 1 : 0) != 0
    }

    /// The scalar whose UTF-8 encoding starts at `i` (nil if it is no scalar), and its length.
    @inline(__always)
    private static func scalar(_ base: UnsafePointer<UInt8>, _ i: Int, _ count: Int) -> (scalar: Unicode.Scalar?, size: Int) {
        let byte = base[i]
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where i + k < count { value = value << 6 | UInt32(base[i + k] & 0x3F) }
        return (Unicode.Scalar(value), length)
    }

    /// The words of folded text.
    fileprivate static func folded(_ text: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var word = String.UnicodeScalarView()
        var length = 0
        func flush() {
            var string = String(word)
            string.withUTF8 { body($0, WordTable.hash($0)) }
            word.removeAll(keepingCapacity: true)
            length = 0
        }
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                if length < maxLength { word.append(scalar) }
                length += 1
            } else if length > 0 {
                flush()
            }
        }
        if length > 0 { flush() }
    }

    /// JavaScript's `\p{L}` and `\p{N}`.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            let v = scalar.value | 0x20
            return v >= 0x61 && v <= 0x7A || scalar.value >= 0x30 && scalar.value <= 0x39
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The first `count` scalars of a word: the prefix that names its shard.
    static func prefix(_ word: String, _ count: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in word.unicodeScalars.prefix(count) { scalars.append(scalar) }
        return String(scalars)
    }
}
