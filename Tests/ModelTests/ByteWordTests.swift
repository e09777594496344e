@testable import Model
import Testing

/// Each mask marks exactly the bytes a look at each byte marks, whatever stands beside them
/// (the usual zero-byte test also marks a 0x01 above a zero byte, through the borrow).
@Suite struct ByteWordTests {
    func mask(_ bytes: [UInt8], _ test: (UInt8) -> Bool) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | (test($1.element) ? UInt64(0x80) << (8 * UInt64($1.offset)) : 0) }
    }

    @Test func masksMarkExactlyTheBytesAsked() {
        var random = SystemRandomNumberGenerator()
        // Bytes near the edges of each test, where a borrow or a carry would show.
        let near: [UInt8] = [0x00, 0x01, 0x02, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0x81, 0xA0, 0xFE, 0xFF]
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in Bool.random(using: &random) ? near.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random) }
            let word = bytes.withUnsafeBytes { ByteWord.load($0.baseAddress!, 0) }
            #expect(ByteWord.zeros(word) == mask(bytes) { $0 == 0 }, "\(bytes)")
            let byte = near.randomElement(using: &random)!
            #expect(ByteWord.equal(word, byte) == mask(bytes) { $0 == byte }, "\(bytes) = \(byte)")
            let limit = UInt8.random(in: 0...0x80, using: &random)
            #expect(ByteWord.below(word, limit) == mask(bytes) { $0 < limit }, "\(bytes) < \(limit)")
            let count = Int.random(in: 0..<8, using: &random), padding = near.randomElement(using: &random)!
            let padded = bytes.withUnsafeBytes { ByteWord.load($0.baseAddress!, 8 - count, count: count, padding: padding) }
            #expect(padded == (Array(bytes.suffix(count)) + Array(repeating: padding, count: 8 - count)).withUnsafeBytes { ByteWord.load($0.baseAddress!, 0) })
            let marked = mask(bytes) { $0 == 0x20 }
            #expect(ByteWord.count(marked) == bytes.filter { $0 == 0x20 }.count)
            if marked != 0 { #expect(ByteWord.first(marked) == bytes.firstIndex(of: 0x20)) }
        }
    }
}
