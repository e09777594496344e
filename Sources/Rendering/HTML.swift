import Templating

/// HTML escaping for text Dossier writes itself (mention links, snippets). Templates escape
/// `{{value}}` on their own; only `{{{html}}}` values come from here.
enum HTML {
    static func escape(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    static func append(_ text: String, to output: inout String) {
        HTMLEscaping.append(text, to: &output)
    }
}

/// Where mention links are written: a body's `String`, a quoted passage's bytes.
protocol HTMLSink: ~Copyable {
    /// Markup, or text escaped already.
    mutating func appendRaw(_ text: String)
    /// Markup as UTF-8.
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>)
    mutating func appendEscaped(_ text: String)
}

extension String: HTMLSink {
    mutating func appendRaw(_ text: String) { self += text }
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { self += String(decoding: bytes, as: UTF8.self) }
    mutating func appendEscaped(_ text: String) { HTMLEscaping.append(text, to: &self) }
}

extension ByteOutput: HTMLSink {
    mutating func appendRaw(_ text: String) { append(text) }
    mutating func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }
    mutating func appendEscaped(_ text: String) { HTMLEscaping.append(text, to: &self) }
}
