import Foundation
@testable import Rendering
import Testing
import TestSupport

/// JSON strings are scanned eight bytes at a time up to the next byte to escape: what is
/// written is what escaping a byte at a time writes, and it reads back as the text.
@Suite struct JSONWriterTests {
    func escapedByteByByte(_ text: String, htmlSafe: Bool) -> String {
        var out: [UInt8] = [0x22]
        for byte in text.utf8 {
            switch byte {
            case 0x22: out += "\\\"".utf8
            case 0x5C: out += "\\\\".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0D: out += "\\r".utf8
            case 0x09: out += "\\t".utf8
            case 0x08: out += "\\b".utf8
            case 0x0C: out += "\\f".utf8
            case 0x3C where htmlSafe: out += "\\u003c".utf8
            case 0x3E where htmlSafe: out += "\\u003e".utf8
            case 0x26 where htmlSafe: out += "\\u0026".utf8
            case ..<0x20: out += String(format: "\\u%04x", byte).utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out + [0x22], as: UTF8.self)
    }

    @Test func stringsAreEscapedAsAByteAtATimeWould() throws {
        let pieces = ["Iran", " and ", "\"", "\\", "\n", "\t", "\u{1}", "\u{1F}", "<b>", "&", "é", "ایران", "😀", "/", "plain words here"]
        var random = SplitMix64(seed: 33)
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let htmlSafe = Bool.random(using: &random)
            var writer = JSONWriter(compact: true, htmlSafe: htmlSafe)
            writer.value(text)
            let written = String(decoding: writer.finish().dropLast(), as: UTF8.self)
            #expect(written == escapedByteByByte(text, htmlSafe: htmlSafe), "\(Array(text.utf8))")
            let read = try JSONSerialization.jsonObject(with: Data(written.utf8), options: .fragmentsAllowed) as? String
            #expect(read == text)
        }
    }
}
