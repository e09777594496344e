import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A connected TCP socket to the test server, with a receive timeout.
final class TestSocket {
    let fd: Int32

    /// Long: with tests running in parallel the server may be slow to get a thread.
    init(port: UInt16, timeout: Double = 30) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(fd) }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return }
            offset += n
        }
    }

    /// Up to `count` bytes; empty at end of stream or timeout.
    func receive(upTo count: Int = 65536) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, count, 0) }
        return n > 0 ? Array(buffer[..<n]) : []
    }

    /// Exactly `count` bytes, or nil on timeout or end of stream.
    func receive(exactly count: Int) -> [UInt8]? {
        var bytes: [UInt8] = []
        while bytes.count < count {
            let chunk = receive(upTo: count - bytes.count)
            if chunk.isEmpty { return nil }
            bytes += chunk
        }
        return bytes
    }
}

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
