import Model

/// HTML escaping for text Dossier writes itself (mention links, snippets). Templates escape
/// `{{value}}` on their own; only `{{{html}}}` values come from here.
enum HTML {
    static func escape(_ text: String) -> String {
        let text = text.replacingForbiddenHTMLCodePoints
        var needsEscape = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsEscape = true
            break
        }
        guard needsEscape else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
