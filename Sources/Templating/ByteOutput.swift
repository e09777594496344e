/// Bytes being written — a page's HTML, a JSON file — appended through a pointer.
///
/// `[UInt8].append(contentsOf:)` spends about a hundred instructions a call before it copies
/// a byte (the generic sequence path, a uniqueness check, the count's update), and templates
/// and JSON append a million short pieces per thousand articles. Here an append is a bounds
/// check and a copy into memory this value alone owns: it cannot be copied (`~Copyable`), so
/// no check that the storage is shared is needed. Public and inlinable so that other modules
/// inline it: Swift 6.3 does not inline an `@inlinable package` function across modules.
public struct ByteOutput: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var used = 0
    @usableFromInline var capacity: Int

    public init(capacity: Int = 0) {
        self.capacity = Swift.max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    @inlinable public var count: Int { used }
    @inlinable public var isEmpty: Bool { used == 0 }

    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0 else { return }
        if capacity - used < n { grow(toHold: used + n) }
        (base + used).initialize(from: bytes.baseAddress!, count: n)
        used += n
    }

    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if used == capacity { grow(toHold: used + 1) }
        (base + used).initialize(to: byte)
        used += 1
    }

    /// The text's UTF-8 bytes.
    @inlinable
    public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inlinable
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    @inlinable
    public static func += (output: inout ByteOutput, text: String) { output.append(text) }

    /// Room for `needed` bytes at least, twice what there was at least: appends stay
    /// amortised constant time.
    @usableFromInline
    mutating func grow(toHold needed: Int) {
        let larger = Swift.max(needed, capacity * 2)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        new.moveInitialize(from: base, count: used)
        base.deallocate()
        base = new
        capacity = larger
    }

    /// The bytes written, read in place.
    @inlinable
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: used))
    }

    /// The bytes written, as an array.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// The bytes written, as an array; the output is empty afterwards.
    public mutating func take() -> [UInt8] {
        defer { used = 0 }
        return bytes
    }
}
