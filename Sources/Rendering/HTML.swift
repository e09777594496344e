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
