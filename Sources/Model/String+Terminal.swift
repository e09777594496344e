extension String {
    /// The text with what a terminal would act on written out instead: C0 and C1 control
    /// characters and DEL (`\u{1B}]0;…\u{7}` retitles a window, OSC 52 writes the clipboard,
    /// `\u{1B}[2J` clears the screen) and the bidirectional controls that reorder what is shown
    /// (`\u{202E}`). Author text reaches the terminal in diagnostics; it goes through this.
    package var escapedForTerminal: String {
        guard unicodeScalars.contains(where: \.isTerminalControl) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            if scalar.isTerminalControl {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    var isTerminalControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
