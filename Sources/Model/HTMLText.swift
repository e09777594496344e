extension String {
    /// The text with code points HTML forbids in documents (controls other than tab, line
    /// feed, form feed and carriage return; U+007F–U+009F; noncharacters) replaced by U+FFFD.
    /// Content can carry them as raw bytes or as references like `&#1;`, which cmark decodes.
    package var replacingForbiddenHTMLCodePoints: String {
        var copy = self
        let suspicious = copy.withUTF8 { bytes in
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xEF || $0 >= 0xF0 }
        }
        guard suspicious, unicodeScalars.contains(where: \.isForbiddenInHTML) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            result.append(scalar.isForbiddenInHTML ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }
}

extension Unicode.Scalar {
    var isForbiddenInHTML: Bool {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF: true
        default: value & 0xFFFE == 0xFFFE
        }
    }
}
