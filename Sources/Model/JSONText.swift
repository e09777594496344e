import Foundation

/// Text as a JSON string literal, safe inside HTML too (`<`, `>`, `&` as `\u` escapes) and
/// read by YAML as one line:
/// the live-reload messages and the YAML that TOML front matter is handed over as use it.
package enum JSONText {
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Also what YAML takes for line breaks (U+0085, U+2028, U+2029) or refuses (DEL,
            // C1 controls, U+FFFE, U+FFFF): the YAML reader gets TOML's strings this way.
            case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">" || scalar == "&"
                || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
                || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
