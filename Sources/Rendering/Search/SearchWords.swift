import Model

/// The words search indexes and matches: text folded as `String.searchFolded` folds it,
/// split on everything that is not a letter or a number (Unicode categories L and N), as
/// the search script splits queries (`Templates/assets/search.js`). Words longer than
/// `maxLength` scalars are cut to it, there and here.
enum SearchWords {
    static let maxLength = 32

    /// Calls `body` with each word of `text`, in order.
    static func forEach(in text: String, _ body: (String) -> Void) {
        forEachBytes(in: text) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with the UTF-8 bytes of each word of `text`, in order (valid only
    /// during the call).
    ///
    /// Folding a whole text scalar by scalar is slow, and most of it is ASCII even in texts
    /// that are not: the text is cut into runs of letters, numbers and marks first, and only
    /// a run with a non-ASCII scalar is folded (then split, as folding may leave a
    /// separator in it). Outside such runs folding makes no words.
    static func forEachBytes(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength) { ascii in
                func emit(_ start: Int, _ end: Int, isASCII: Bool) {
                    if isASCII {
                        let count = min(end - start, maxLength)
                        for i in 0..<count {
                            let byte = bytes[start + i]
                            ascii[i] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                        }
                        body(UnsafeBufferPointer(rebasing: ascii[0..<count]))
                    } else {
                        folded(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).searchFolded, body)
                    }
                }
                var start = -1
                var isASCII = true
                var i = 0
                while i < bytes.count {
                    let byte = bytes[i]
                    if byte < 0x80 {
                        let v = byte | 0x20
                        if v >= 0x61 && v <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                            if start < 0 { start = i; isASCII = true }
                        } else if start >= 0 {
                            emit(start, i, isASCII: isASCII)
                            start = -1
                        }
                        i += 1
                        continue
                    }
                    let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for k in 1..<length where i + k < bytes.count { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
                    if let scalar = Unicode.Scalar(value), scalar.isLetterNumberOrMark {
                        if start < 0 { start = i }
                        isASCII = false
                    } else if start >= 0 {
                        emit(start, i, isASCII: isASCII)
                        start = -1
                    }
                    i += length
                }
                if start >= 0 { emit(start, bytes.count, isASCII: isASCII) }
            }
        }
    }

    /// The words of folded text.
    private static func folded(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var word = String.UnicodeScalarView()
        var length = 0
        func flush() {
            var string = String(word)
            string.withUTF8(body)
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
