import HTTPTypes
@testable import Serving
import Testing

/// `Host` and `Origin` parsed strictly: DNS rebinding and other local sites' pages get nothing.
@Suite struct AddressCheckTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1", nil), ("localhost:8000", "localhost", 8000), ("LOCALHOST:8000", "localhost", 8000),
        ("[::1]:8000", "::1", 8000), ("[::1]", "::1", nil), ("example.org:65535", "example.org", 65535),
    ] as [(String, String, Int?)])
    func wellFormedAuthorities(value: String, name: String, port: Int?) {
        let parsed = AddressCheck.parseAuthority(value[...])
        #expect(parsed?.name == name && parsed?.port == port)
    }

    @Test(arguments: [
        "", "[::1]evil.example", "127.0.0.1:8000@evil.example", "127.0.0.1:", "127.0.0.1:80a", "127.0.0.1:65536",
        "127.0.0.1:000008000", "[::1", "[]:80", "evil.example/x", "local host", "127.0.0.1 ", "user@127.0.0.1", "[::1]:",
        "127.0.0.1:8000:8000", "ｌocalhost",
    ])
    func malformedAuthorities(value: String) {
        #expect(AddressCheck.parseAuthority(value[...]) == nil)
    }

    let check = AddressCheck(boundHost: "127.0.0.1", port: 8123)

    func fields(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return fields
    }

    @Test func hostNamesThisMachineOnce() {
        #expect(check.allowsHost(authority: "127.0.0.1:8123", fields: [:]))
        #expect(check.allowsHost(authority: "localhost", fields: [:]))
        #expect(check.allowsHost(authority: "[::1]:8123", fields: [:]))
        #expect(!check.allowsHost(authority: nil, fields: [:]))
        #expect(!check.allowsHost(authority: "evil.example:8123", fields: [:]))
        #expect(!check.allowsHost(authority: "[::1]evil.example", fields: [:]))
        #expect(!check.allowsHost(authority: "127.0.0.1:8123@evil.example", fields: [:]))
        // A second Host header (the first becomes the authority) is refused.
        #expect(!check.allowsHost(authority: "127.0.0.1:8123", fields: fields([("Host", "evil.example")])))
        // The address the server was told to listen on counts as its own.
        #expect(AddressCheck(boundHost: "192.168.1.5", port: 80).allowsHost(authority: "192.168.1.5", fields: [:]))
    }

    @Test func originIsExactlyThisServers() {
        #expect(check.allowsOrigin(fields: [:]))
        #expect(check.allowsOrigin(fields: fields([("Origin", "http://127.0.0.1:8123")])))
        #expect(check.allowsOrigin(fields: fields([("Origin", "http://localhost:8123")])))
        #expect(check.allowsOrigin(fields: fields([("Origin", "http://[::1]:8123")])))
        // Another local server's page: another port, another scheme, no port (80).
        #expect(!check.allowsOrigin(fields: fields([("Origin", "http://127.0.0.1:3000")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "https://127.0.0.1:8123")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "http://127.0.0.1")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "http://evil.example:8123")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "null")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "http://127.0.0.1:8123/")])))
        #expect(!check.allowsOrigin(fields: fields([("Origin", "http://127.0.0.1:8123"), ("Origin", "http://evil.example")])))
    }

    /// Listening on every interface, the preview answers to this machine's addresses and
    /// name too (other machines reach it by them); listening on loopback, it does not.
    @Test func everyInterfaceMeansThisMachinesAddresses() {
        let local = ["192.168.1.5", "fe80::1", "Box"]
        let wildcard = AddressCheck(boundHost: "0.0.0.0", port: 8000, localNames: local)
        #expect(wildcard.allowsHost(authority: "192.168.1.5:8000", fields: [:]))
        #expect(wildcard.allowsHost(authority: "[fe80::1]:8000", fields: [:]))
        #expect(wildcard.allowsHost(authority: "box:8000", fields: [:]))
        #expect(!wildcard.allowsHost(authority: "evil.example:8000", fields: [:]))
        #expect(wildcard.allowsOrigin(fields: fields([("Origin", "http://192.168.1.5:8000")])))
        #expect(AddressCheck(boundHost: "::", port: 8000, localNames: local).allowsHost(authority: "192.168.1.5", fields: [:]))
        let loopback = AddressCheck(boundHost: "127.0.0.1", port: 8000, localNames: local)
        #expect(!loopback.allowsHost(authority: "192.168.1.5:8000", fields: [:]))
    }

    /// The machine's own list has its loopback address at least, without IPv6 zones.
    @Test func localAddressesAreListed() {
        let names = LocalAddresses.all()
        #expect(names.contains("127.0.0.1"))
        #expect(!names.contains { $0.contains("%") })
    }
}

extension AddressCheckTests {
    /// `serve --host` warns for any address other machines can reach.
    @Test func loopbackAddressesAreThisMachineOnly() {
        #expect(["127.0.0.1", "127.1.2.3", "::1", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost"].allSatisfy(PreviewServer.isLoopback))
        #expect(!["0.0.0.0", "::", "1::1", "::11", "192.168.1.2", "128.0.0.1", "::ffff:10.0.0.1"].contains(where: PreviewServer.isLoopback))
    }
}
