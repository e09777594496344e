import Foundation
@testable import Serving
import Testing
import TestSupport

/// What any web page the reader opens can send to the preview: oversized heads, a WebSocket
/// frame announcing a gigabyte, connections that never finish a request, malformed `Host`
/// values and other sites' origins. Each is refused and the preview goes on answering.
@Suite struct PreviewServerLimitsTests {
    func withServer(host: String = "127.0.0.1", idleTimeout: Duration = .seconds(30), _ body: (UInt16) async throws -> Void) async throws {
        let site = try TemporarySite(PreviewServerTests.files)
        let server = PreviewServer(options: site.options(), idleTimeout: idleTimeout) { _ in }
        let listening = try await server.start(host: host, port: 0)
        try await body(listening.port)
        await server.stop()
    }

    /// Sends `request` on its own connection; the status line of the answer ("" if none).
    func statusLine(_ request: [UInt8], port: UInt16) async throws -> String {
        try await offPool {
            let socket = try TestSocket(port: port)
            socket.send(request)
            var bytes: [UInt8] = []
            while !bytes.contains(10) {
                let chunk = socket.receive()
                if chunk.isEmpty { break }
                bytes += chunk
            }
            return String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
        }
    }

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func oversizedHeadsAre414And431AndTheServerGoesOn() async throws {
        try await withServer { port async throws in
            let megabyte = String(repeating: "a", count: 1 << 20)
            #expect(try await statusLine(bytes("GET /\(megabyte) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), port: port)
                == "HTTP/1.1 414 URI Too Long")
            #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: \(megabyte)\r\n\r\n"), port: port)
                == "HTTP/1.1 431 Request Header Fields Too Large")
            let lines = (0..<1000).map { "X-\($0): " + String(repeating: "b", count: 90) + "\r\n" }.joined()
            #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\(lines)\r\n"), port: port)
                == "HTTP/1.1 431 Request Header Fields Too Large")
            // Just under the limits is an ordinary request.
            let long = String(repeating: "c", count: RequestHeadLimits.maxLine - 100)
            #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Long: \(long)\r\n\r\n"), port: port)
                == "HTTP/1.1 200 OK")
            #expect(try await get("/", port: port).status == 200)
        }
    }

    @Test func malformedHostsAndOtherMethodsAreRefused() async throws {
        try await withServer { port async throws in
            for host in ["[::1]evil.example", "127.0.0.1:\(port)@evil.example", "127.0.0.1:\(port)\r\nHost: evil.example", "evil.example"] {
                #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"), port: port)
                    .hasPrefix("HTTP/1.1 403"), "Host: \(host)")
            }
            #expect(try await statusLine(bytes("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n"), port: port)
                .hasPrefix("HTTP/1.1 405"))
        }
    }

    /// `--host 0.0.0.0` exposes the preview to the network: other machines reach it by this
    /// machine's address, which it answers to (before, every such request got 403).
    @Test func onEveryInterfaceItAnswersToThisMachinesAddress() async throws {
        let address = LocalAddresses.all().first { $0.contains(".") && !$0.hasPrefix("127.") }
        try await withServer(host: "0.0.0.0") { port async throws in
            if let address {
                #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: \(address):\(port)\r\nConnection: close\r\n\r\n"), port: port)
                    == "HTTP/1.1 200 OK", "Host: \(address)")
            }
            #expect(try await statusLine(bytes("GET / HTTP/1.1\r\nHost: evil.example:\(port)\r\nConnection: close\r\n\r\n"), port: port)
                .hasPrefix("HTTP/1.1 403"))
        }
    }

    @Test func theReloadSocketOpensOnlyForThisServersOrigin() async throws {
        try await withServer { port async throws in
            let upgrade = "GET /_dossier/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            for origin in ["http://127.0.0.1:\(port == 3000 ? 3001 : 3000)", "https://127.0.0.1:\(port)", "http://localhost",
                           "http://evil.example:\(port)", "null"] {
                let answer = try await statusLine(bytes(upgrade + "Origin: \(origin)\r\n\r\n"), port: port)
                #expect(!answer.contains("101") && !answer.isEmpty, "Origin: \(origin)")
            }
            #expect(try await statusLine(bytes(upgrade + "Origin: http://localhost:\(port)\r\n\r\n"), port: port).contains("101"))
            // Without an upgrade the socket's path is not a page.
            #expect(try await get("/_dossier/live", port: port).status == 403)
        }
    }

    @Test func aWebSocketFrameOverTheCapClosesTheSocket() async throws {
        try await withServer { port async throws in
            let closed = try await offPool { () -> Bool in
                let socket = try TestWebSocket(port: port)
                guard socket.receive() == #"{"type":"ok"}"# else { return false }
                // A masked text frame announcing 1 GiB, and the first 256 KB of it.
                var frame: [UInt8] = [0x81, 0x80 | 127]
                frame += withUnsafeBytes(of: UInt64(1 << 30).bigEndian, Array.init)
                frame += [1, 2, 3, 4]
                socket.socket.send(frame)
                socket.socket.send([UInt8](repeating: 0x61, count: 256 * 1024))
                // The server answers with a close frame (1009, message too big) or hangs up.
                while true {
                    let chunk = socket.socket.receive()
                    if chunk.isEmpty { return true }
                    if chunk.first.map({ $0 & 0x0F == 0x8 }) == true { return true }
                }
            }
            #expect(closed)
            #expect(try await get("/", port: port).status == 200)
        }
    }

    @Test func idleAndTricklingConnectionsAreClosed() async throws {
        try await withServer(idleTimeout: .seconds(1)) { port async throws in
            let (idle, trickle) = try await offPool { () -> (Bool, Bool) in
                // A connection that never sends anything.
                let quiet = try TestSocket(port: port, timeout: 20)
                let idleClosed = quiet.readsUntilClosed()
                // A head sent one header line every 100 ms, never finished.
                let slow = try TestSocket(port: port, timeout: 20)
                slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                var sent = 0
                while sent < 400, slow.send(Array("X-\(sent): a\r\n".utf8)) {
                    sent += 1
                    usleep(100_000)
                }
                return (idleClosed, sent < 400)
            }
            #expect(idle, "an idle connection is closed")
            #expect(trickle, "a head that never ends is cut off")
            // (No request afterwards: on a loaded machine even a prompt one could wait
            // longer than so short a timeout before the server reads it.)
        }
    }
}
