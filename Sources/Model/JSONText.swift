import Foundation

/// Text as a JSON string literal, safe inside HTML too (`<`, `>`, `&` as `\u` escapes):
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
            case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">" || scalar == "&":
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
