import Templating

/// SVG text built as UTF-8 bytes: literal pieces, coordinates with one decimal and escaped
/// text appended without a `String` made for each.
struct SVGBytes: ~Copyable {
    private var bytes = ByteOutput(capacity: 4096)

    var string: String { bytes.withBytes { String(decoding: $0, as: UTF8.self) } }
    /// The bytes, for a page that takes them as they are (no `String` to validate).
    var utf8: [UInt8] { bytes.withBytes { Array($0) } }

    static func += (svg: inout SVGBytes, literal: StaticString) {
        svg.bytes.append(literal)
    }

    /// Text that needs no escaping: a URL already escaped for an attribute, a class name.
    mutating func raw(_ text: String) {
        bytes.append(text)
    }

    mutating func escaped(_ text: String) {
        HTMLEscaping.append(text, to: &bytes)
    }

    /// ` name="12.5"`: an attribute with a coordinate or size.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        self += " "
        self += name
        self += "=\""
        number(value)
        self += "\""
    }

    mutating func integer(_ value: Int) {
        bytes.appendDecimal(value)
    }

    /// Rounded to tenths, written as the shortest decimal of that value (what Swift's
    /// `description` of `n / 10.0` gives): `12`, `12.5`, `-0.5`; a value that rounds to
    /// zero is `0`, and one that is not finite is `0`.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return bytes.append(UInt8(ascii: "0")) }
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = tenths.magnitude
        bytes.appendDecimal(magnitude / 10)
        if magnitude % 10 != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
        }
    }
}
