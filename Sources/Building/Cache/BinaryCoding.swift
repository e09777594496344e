/// A small binary format for the build cache: unsigned LEB128 integers and length-prefixed
/// UTF-8 strings, written in a fixed field order. Hand-written rather than Codable: decoding
/// thousands of parsed files must cost less than parsing them again.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    mutating func int(_ value: Int) {
        // Zig-zag, so small negative numbers stay small.
        var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))
        guard v >= 0x80 else { return bytes.append(UInt8(v)) }
        // A longer number is put together first and appended once: an append is a call with
        // its own checks, and a parse's offsets and counts are a million of them at 10,000 files.
        var encoded: (UInt64, UInt64) = (0, 0)
        let count = withUnsafeMutableBytes(of: &encoded) { out in
            var n = 0
            while v >= 0x80 {
                out[n] = UInt8(v & 0x7F) | 0x80
                v >>= 7
                n += 1
            }
            out[n] = UInt8(v)
            return n + 1
        }
        withUnsafeBytes(of: encoded) { bytes.append(contentsOf: UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)) }
    }

    mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        // Appended from the string's own bytes: appending its `utf8` view goes through the
        // generic sequence path, 200 instructions a string before a byte is copied.
        var value = value
        value.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        guard let value else { return bool(false) }
        bool(true)
        write(&self, value)
    }

    mutating func array<T>(_ values: [T], _ write: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }

    mutating func raw(_ data: [UInt8]) { bytes.append(contentsOf: data) }
}

/// Reads what `BinaryWriter` wrote; any inconsistency throws, and the cache is then ignored.
struct BinaryReader {
    struct Corrupt: Error {}

    private let bytes: [UInt8]
    private(set) var offset: Int
    /// Reading stops here (the checksum that follows is read separately).
    private let end: Int

    init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var isAtEnd: Bool { offset == end }

    mutating func byte() throws -> UInt8 {
        guard offset < end else { throw Corrupt() }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func int() throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Corrupt() }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    /// A count of things that follow, checked against the bytes left so a corrupt length
    /// cannot ask for gigabytes.
    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= end - offset else { throw Corrupt() }
        return n
    }

    mutating func uint64() throws -> UInt64 {
        guard offset + 8 <= end else { throw Corrupt() }
        var value: UInt64 = 0
        for i in 0..<8 { value |= UInt64(bytes[offset + i]) << UInt64(i * 8) }
        offset += 8
        return value
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        default: throw Corrupt()
        }
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { offset += n }
        guard let text = String(validating: bytes[offset..<(offset + n)], as: UTF8.self) else { throw Corrupt() }
        return text
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout BinaryReader) throws -> T) throws -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try read(&self)) }
        return values
    }

    mutating func raw(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= end else { throw Corrupt() }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }
}

extension Optional {
    /// The value, or `BinaryReader.Corrupt` when a decoded field has no valid meaning.
    func orThrow() throws -> Wrapped {
        guard let self else { throw BinaryReader.Corrupt() }
        return self
    }
}
