import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A connected TCP socket to the test server, with a receive timeout.
typealias TestSocket = LoopbackSocket

/// One HTTP/1.1 request on its own connection.
struct TestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
}

func httpGet(_ path: String, port: UInt16, method: String = "GET") throws -> TestResponse {
    let socket = try TestSocket(port: port)
    socket.send("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    var bytes: [UInt8] = []
    var headerEnd: Int?
    var response = TestResponse(status: 0, headers: [:], body: "")
    while true {
        if headerEnd == nil, let end = bytes.firstRange(of: [13, 10, 13, 10]) {
            headerEnd = end.upperBound
            let lines = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
            response.status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                response.headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        // Stop at the end of the body the headers announce (HEAD has none).
        if let start = headerEnd {
            let length = method == "HEAD" ? 0 : Int(response.headers["content-length"] ?? "") ?? Int.max
            if bytes.count - start >= length { break }
        }
        let chunk = socket.receive()
        if chunk.isEmpty { break }
        bytes += chunk
    }
    if let start = headerEnd { response.body = String(decoding: bytes[start...], as: UTF8.self) }
    return response
}

/// Runs blocking socket work on a Dispatch thread, so the test's own task does not hold one
/// of the few threads the server's tasks need while it waits.
func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

func get(_ path: String, port: UInt16, method: String = "GET") async throws -> TestResponse {
    try await offPool { try httpGet(path, port: port, method: method) }
}

/// A WebSocket client that reads the server's text messages.
final class TestWebSocket: @unchecked Sendable {
    let socket: TestSocket

    init(port: UInt16, path: String = "/_dossier/live") throws {
        socket = try TestSocket(port: port)
        socket.send("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        var head: [UInt8] = []
        while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard let byte = socket.receive(exactly: 1) else { throw POSIXError(.EPROTO) }
            head += byte
        }
        guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else { throw POSIXError(.EPROTO) }
    }

    /// The next text message, or nil when none arrives in time.
    func receive() -> String? {
        guard let header = socket.receive(exactly: 2) else { return nil }
        var length = Int(header[1] & 0x7F)
        if length == 126 {
            guard let extended = socket.receive(exactly: 2) else { return nil }
            length = Int(extended[0]) << 8 | Int(extended[1])
        } else if length == 127 {
            guard let extended = socket.receive(exactly: 8) else { return nil }
            length = extended.reduce(0) { $0 << 8 | Int($1) }
        }
        guard let payload = socket.receive(exactly: length) else { return nil }
        // Text frames only; skip pings and others.
        return header[0] & 0x0F == 1 ? String(decoding: payload, as: UTF8.self) : receive()
    }

    /// Messages until one satisfies `condition` (or none comes in time).
    func receive(until condition: (String) -> Bool) -> String? {
        while let message = receive() {
            if condition(message) { return message }
        }
        return nil
    }

    static func connect(port: UInt16) async throws -> TestWebSocket {
        try await offPool { try TestWebSocket(port: port) }
    }

    func next() async throws -> String? {
        try await offPool { self.receive() }
    }

    func next(until condition: @escaping @Sendable (String) -> Bool) async throws -> String? {
        try await offPool { self.receive(until: condition) }
    }
}

/// Waits until `condition` holds, checking every 20 ms, for at most `seconds`.
func waitUntil(_ seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}
