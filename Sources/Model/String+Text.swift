import Foundation

// Text helpers for the hot paths of parsing and linking. Foundation's NSString-backed
// versions bridge every call through UTF-16; most text here is ASCII and needs no bridging.

extension String {
    /// NFC form. ASCII text is already in NFC and skips Foundation.
    package var nfc: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return self }
        // Most text is NFC already, which the standard library's quick check tells without
        // Foundation (whose normalisation bridged the text to UTF-16 and back).
        var span = utf8Span
        return span.checkForNFC(quickCheck: true) ? self : precomposedStringWithCanonicalMapping
    }

    /// Without leading and trailing spaces and tabs (Unicode space separators included),
    /// as `trimmingCharacters(in: .whitespaces)`.
    package var trimmingSpaces: String {
        // Most text starts and ends with an ASCII letter: nothing to trim.
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            return self
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpaceOrTab }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpaceOrTab })!
        return String(scalars[first...last])
    }

    /// The index of the first `byte` (an ASCII one, so it starts a character), found in the
    /// string's own bytes: `utf8.firstIndex(of:)` steps an index through the generic path.
    package func firstIndex(ofASCII byte: UInt8) -> String.Index? {
        var text = self
        guard let offset = text.withUTF8({ $0.firstIndex(of: byte) }) else { return nil }
        return utf8.index(startIndex, offsetBy: offset)
    }

    /// UTF-8 offset of the first occurrence of `needle` at or after `start`, searching the
    /// string's own bytes: callers search one text many times from moving offsets, and a copy
    /// per call made a text full of `](` quadratic.
    package func utf8Offset(of needle: String, from start: Int = 0) -> Int? {
        var haystack = self, needle = needle
        return haystack.withUTF8 { bytes in
            guard start <= bytes.count else { return nil }
            return needle.withUTF8 { bytes.firstOffset(of: $0, in: Swift.max(0, start)..<bytes.count) }
        }
    }
}

extension Substring {
    package var trimmingSpaces: String { String(self).trimmingSpaces }
}

extension Unicode.Scalar {
    /// A letter, number or mark (Unicode categories L, N and M): what words and tags are
    /// made of before folding.
    package var isLetterNumberOrMark: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }

    /// Tab or a space separator (Zs): what `CharacterSet.whitespaces` holds.
    var isSpaceOrTab: Bool {
        value == 0x20 || value == 0x09 || (value >= 0x80 && properties.generalCategory == .spaceSeparator)
    }
}

extension String {
    /// The form search compares in: canonical decomposition without its combining marks
    /// (é → e, ё → е, Persian short vowels dropped), lowercased, Arabic yeh and kaf as their
    /// Persian letters, Greek final sigma as sigma, a zero-width non-joiner as the space
    /// writers often type for it, and
    /// without tatweel. The search script folds
    /// queries the same way (`Templates/assets/search.js`).
    package var searchFolded: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        var scalars = String.UnicodeScalarView()
        for scalar in decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        var folded = String.UnicodeScalarView()
        for scalar in String(scalars).lowercased().unicodeScalars {
            switch scalar.value {
            case 0x064A, 0x0649: folded.append(Unicode.Scalar(0x06CC)!)
            case 0x03C2: folded.append(Unicode.Scalar(0x03C3)!)  // final sigma, as JS lowercases Σ at a word's end
            case 0x0643: folded.append(Unicode.Scalar(0x06A9)!)
            case 0x200C: folded.append(" ")
            case 0x0640: continue
            default: folded.append(scalar)
            }
        }
        return String(folded)
    }
}
