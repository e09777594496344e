import HTTPTypes

/// Which requests the preview answers. Any web page the reader opens can send requests to
/// `127.0.0.1`: a `Host` that names another site means the request came through DNS
/// rebinding (a page of that site could then read the preview, drafts included), and the
/// live-reload socket, which carries build errors and file names, opens only for the
/// preview's own pages.
struct AddressCheck: Sendable {
    /// Lowercased host names the preview answers to.
    let names: Set<String>
    /// The port the server listens on.
    let port: Int

    /// `localNames`: this machine's addresses and name, answered to as well when the server
    /// listens on every interface (`--host 0.0.0.0` or `::`), so that other machines on the
    /// network reach it by its address.
    init(boundHost: String, port: Int, localNames: @autoclosure () -> [String] = LocalAddresses.all()) {
        var names: Set<String> = ["127.0.0.1", "localhost", "::1"]
        names.insert(boundHost.lowercased())
        if boundHost == "0.0.0.0" || boundHost == "::" { names.formUnion(localNames().map { $0.lowercased() }) }
        self.names = names
        self.port = port
    }

    /// An authority (`host[:port]`) parsed strictly, as RFC 3986 §3.2 writes it for a name,
    /// an IPv4 address or a bracketed IPv6 address: nil when anything else is in it
    /// (`[::1]evil.example`, `127.0.0.1:8000@evil.example`, an empty or non-numeric port).
    static func parseAuthority(_ value: Substring) -> (name: String, port: Int?)? {
        var name: Substring
        var rest: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            name = value[value.index(after: value.startIndex)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
            rest = value[value.index(after: close)...]
        } else {
            let end = value.firstIndex(of: ":") ?? value.endIndex
            name = value[..<end]
            guard !name.isEmpty, name.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." }) else { return nil }
            rest = value[end...]
        }
        guard !rest.isEmpty else { return (name.lowercased(), nil) }
        guard rest.first == ":" else { return nil }
        let digits = rest.dropFirst()
        guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(digits), port <= 65535 else { return nil }
        return (name.lowercased(), port)
    }

    /// The request's one `Host` (HTTP/1.1 requires exactly one, RFC 9112 §3.2) names this
    /// machine. `authority` is the first `Host`; further ones stay among the fields.
    func allowsHost(authority: String?, fields: HTTPFields) -> Bool {
        guard let authority, fields[values: Self.hostField].isEmpty,
              let parsed = Self.parseAuthority(authority[...]) else { return false }
        return names.contains(parsed.name)
    }

    /// A browser's WebSocket request carries its page's `Origin`: it must be this server's
    /// own origin, scheme, host and port, so that another local server's pages (another
    /// preview, a dev server on the next port) cannot listen. Clients that are not browsers
    /// send none.
    func allowsOrigin(fields: HTTPFields) -> Bool {
        let origins = fields[values: Self.originField]
        guard let origin = origins.first else { return true }
        guard origins.count == 1, origin.hasPrefix("http://"),
              let parsed = Self.parseAuthority(origin.dropFirst("http://".count)) else { return false }
        return names.contains(parsed.name) && (parsed.port ?? 80) == port
    }

    static let hostField = HTTPField.Name("Host")!
    static let originField = HTTPField.Name("Origin")!
}
