import Templating

extension ByteOutput {
    /// `value` in decimal, written in place: `String(value)` made a string for each number,
    /// and graph.json and the SVG charts write hundreds of thousands of them.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        appendDecimal(value.magnitude)
    }

    mutating func appendDecimal(_ value: UInt) {
        guard value >= 10 else { return append(UInt8(ascii: "0") + UInt8(value)) }
        var magnitude = value
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            while magnitude > 0 {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }
}
