import Foundation

/// An entity's identifier: its file stem, Unicode NFC, lowercase, letters, digits and `-`.
/// Because nothing else is allowed, an id can never name a path outside the output folder.
package struct EntityID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    package let rawValue: String

    /// Validates a normalised id; nil when it holds anything but letters, digits and `-`.
    package init?(_ text: String) {
        guard Self.isValid(text) else { return nil }
        rawValue = text
    }

    package var description: String { rawValue }
    package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// NFC and lowercase: the spelling two ids are compared in.
    package static func normalize(_ text: String) -> String {
        text.nfc.lowercased()
    }

    package static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, !text.hasPrefix("-") else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar == "-" || (scalar.properties.isAlphabetic && !scalar.properties.isUppercase)
                || ("0"..."9").contains(scalar) || scalar.properties.numericType == .decimal
        }
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    package init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard Self.isValid(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid id \(text)"))
        }
        rawValue = text
    }
}

/// An entity's identity across kinds: `actor:iran` and `theme:iran` are different entities.
package struct EntityKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var kind: EntityKind
    package var id: EntityID

    package init(_ kind: EntityKind, _ id: EntityID) {
        self.kind = kind
        self.id = id
    }

    package var description: String { "\(kind.rawValue):\(id.rawValue)" }
    package static func < (a: Self, b: Self) -> Bool { (a.kind, a.id) < (b.kind, b.id) }
}

/// The key names and aliases are looked up by: NFC, case-folded, runs of whitespace as one space.
package func lookupKey(_ text: String) -> String {
    // Most names are ASCII: folded byte by byte, with no normalisation to do.
    if let ascii = asciiLookupKey(text) { return ascii }
    let folded = text.nfc.lowercased()
    var result = ""
    result.reserveCapacity(folded.utf8.count)
    var pendingSpace = false
    for character in folded {
        if character.isWhitespace {
            pendingSpace = !result.isEmpty
        } else {
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(character)
        }
    }
    return result
}

/// `lookupKey` of an ASCII text, byte by byte; nil when the text is not ASCII.
private func asciiLookupKey(_ text: String) -> String? {
    var text = text
    return text.withUTF8 { bytes -> String? in
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            guard byte < 0x80 else { return nil }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                result.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
