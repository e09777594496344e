import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium driven over the DevTools protocol, for tests that need a real browser:
/// load a page, run script in it, and collect what it logged as errors (console errors,
/// uncaught exceptions, failed loads, refused requests).
package final class Browser: @unchecked Sendable {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    let process: Process
    let profile: URL
    let socket: Socket
    var nextID = 0
    var loaded = false
    /// Errors reported since the last navigation.
    package private(set) var errors: [String] = []

    /// The Chromium executable the tests use, if one is installed.
    package static var executable: String? {
        for path in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        where FileManager.default.isExecutableFile(atPath: path) { return path }
        return nil
    }

    package init(width: Int = 1280, height: Int = 900) throws {
        guard let chromium = Self.executable else { throw Failure(description: "Chromium is not installed") }
        profile = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var arguments = ["--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                         "--remote-debugging-port=0", "--user-data-dir=\(profile.path)", "--window-size=\(width),\(height)",
                         "--allow-file-access-from-files"]
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        // Chromium writes its port (and the browser's socket path) once it listens. On a
        // machine busy with the whole suite it has once not started within 30 s: a start that
        // ends or stalls is tried again, twice.
        let portFile = profile.appendingPathComponent("DevToolsActivePort")
        var started: (process: Process, port: UInt16)?
        var deadline = Date()
        for _ in 0..<3 where started == nil {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = arguments + ["about:blank"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            deadline = Date().addingTimeInterval(45)
            while started == nil, process.isRunning, Date() < deadline {
                if let text = try? String(contentsOf: portFile, encoding: .utf8), let line = text.split(separator: "\n").first,
                   let port = UInt16(line) {
                    started = (process, port)
                } else {
                    usleep(50_000)
                }
            }
            if started == nil {
                process.terminate()
                process.waitUntilExit()
                try? FileManager.default.removeItem(at: portFile)
            }
        }
        guard let (process, port) = started else { throw Failure(description: "Chromium did not start (three tries)") }
        self.process = process
        // The page target opened for about:blank.
        var target: String?
        while target == nil, Date() < deadline {
            let list = try Self.httpGet("/json/list", port: port)
            let targets = (try? JSONSerialization.jsonObject(with: Data(list.utf8))) as? [[String: Any]] ?? []
            target = targets.first { $0["type"] as? String == "page" }?["webSocketDebuggerUrl"] as? String
            if target == nil { usleep(50_000) }
        }
        guard let target, let path = URL(string: target)?.path else { throw Failure(description: "no page target") }
        socket = try Socket(port: port)
        try socket.upgrade(path: path)
        _ = try send("Runtime.enable")
        _ = try send("Log.enable")
        _ = try send("Page.enable")
        // A headless page is never the focused window: without this, focus events do not fire.
        _ = try send("Emulation.setFocusEmulationEnabled", ["enabled": true])
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }

    /// Loads `url` and waits for its load event; clears the errors of the previous page.
    package func open(_ url: URL) throws {
        errors = []
        loaded = false
        _ = try send("Page.navigate", ["url": url.absoluteString])
        let deadline = Date().addingTimeInterval(30)
        while !loaded, Date() < deadline { try receive(until: deadline) { _ in self.loaded } }
        guard loaded else { throw Failure(description: "\(url) did not load") }
    }

    /// The value of a JavaScript expression (promises awaited), as JSON turns it into Swift.
    @discardableResult
    package func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw Failure(description: "script failed: \(exception["text"] ?? "")  \((exception["exception"] as? [String: Any])?["description"] ?? "")")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `expression` until it is true, for up to `timeout` seconds.
    /// A page that reloads while it is asked (what a live-reload test waits for) answers
    /// with an error about its gone context: that is "not yet", and the poll goes on.
    package func wait(until expression: String, timeout: Double = 10) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            do {
                if try evaluate("Boolean(\(expression))") as? Bool == true { return true }
            } catch let failure as Failure where Self.isNavigation(failure) {}
            usleep(50_000)
        }
        return false
    }

    /// DevTools' answers when the page being evaluated navigated away meanwhile.
    static func isNavigation(_ failure: Failure) -> Bool {
        ["navigated or closed", "context was destroyed", "Cannot find context"].contains { failure.description.contains($0) }
    }

    /// Emulates the reader's colour-scheme setting (`dark`, `light`) for the pages opened next.
    package func emulateColorScheme(_ scheme: String) throws {
        _ = try send("Emulation.setEmulatedMedia", ["features": [["name": "prefers-color-scheme", "value": scheme]]])
    }

    /// Emulates print media (`print`) or the screen again (`""`).
    package func emulateMedia(_ media: String) throws {
        _ = try send("Emulation.setEmulatedMedia", ["media": media])
    }

    /// A PNG of the whole page, for a person to look at.
    package func screenshot(to file: URL) throws {
        let result = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else { throw Failure(description: "no screenshot") }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// Where tests leave files for a person (CI keeps them): `DOSSIER_ARTIFACTS`, or
    /// `.build/artifacts` in the repository.
    package static var artifacts: URL {
        if let folder = ProcessInfo.processInfo.environment["DOSSIER_ARTIFACTS"], !folder.isEmpty { return URL(fileURLWithPath: folder) }
        return Repository.root.appendingPathComponent(".build/artifacts")
    }

    /// Presses a key in the page (for keyboard behaviour).
    package func press(_ key: String, code: String) throws {
        let keyCodes = ["Escape": 27, "Tab": 9, "Enter": 13, "ArrowLeft": 37, "ArrowUp": 38, "ArrowRight": 39, "ArrowDown": 40, "+": 187, "-": 189, "0": 48]
        for type in ["keyDown", "keyUp"] {
            _ = try send("Input.dispatchKeyEvent", ["type": type, "key": key, "code": code, "windowsVirtualKeyCode": keyCodes[key] ?? 0])
        }
    }

    // MARK: - Protocol

    private func send(_ method: String, _ params: [String: Any] = [:]) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        let message = try JSONSerialization.data(withJSONObject: ["id": id, "method": method, "params": params])
        try socket.sendText(message)
        var response: [String: Any]?
        let deadline = Date().addingTimeInterval(30)
        try receive(until: deadline) { message in
            guard message["id"] as? Int == id else { return false }
            response = message
            return true
        }
        guard let response else { throw Failure(description: "\(method): no answer") }
        if let error = response["error"] as? [String: Any] { throw Failure(description: "\(method): \(error["message"] ?? "")") }
        return response["result"] as? [String: Any] ?? [:]
    }

    /// Reads messages, noting events, until `done` accepts one.
    private func receive(until deadline: Date, _ done: ([String: Any]) -> Bool) throws {
        while Date() < deadline {
            guard let data = try socket.receiveText(),
                  let message = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            note(message)
            if done(message) { return }
        }
    }

    private func note(_ message: [String: Any]) {
        let params = message["params"] as? [String: Any] ?? [:]
        switch message["method"] as? String {
        case "Page.loadEventFired":
            loaded = true
        case "Runtime.consoleAPICalled" where params["type"] as? String == "error":
            let args = (params["args"] as? [[String: Any]] ?? []).map { "\($0["value"] ?? $0["description"] ?? "")" }
            errors.append("console: " + args.joined(separator: " "))
        case "Runtime.exceptionThrown":
            let details = params["exceptionDetails"] as? [String: Any] ?? [:]
            errors.append("exception: \((details["exception"] as? [String: Any])?["description"] ?? details["text"] ?? "")")
        case "Log.entryAdded":
            let entry = params["entry"] as? [String: Any] ?? [:]
            if entry["level"] as? String == "error" { errors.append("log: \(entry["text"] ?? "") \(entry["url"] ?? "")") }
        default:
            break
        }
    }

    static func httpGet(_ path: String, port: UInt16) throws -> String {
        let socket = try Socket(port: port)
        try socket.write(Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8))
        // The DevTools server keeps the connection open: read the body its length announces.
        var bytes: [UInt8] = []
        while true {
            if let end = bytes.firstRange(of: [13, 10, 13, 10]) {
                let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self).lowercased()
                let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if bytes.count - end.upperBound >= length {
                    return String(decoding: bytes[end.upperBound..<(end.upperBound + length)], as: UTF8.self)
                }
            }
            guard let chunk = try? socket.read(upTo: 65536), !chunk.isEmpty else { break }
            bytes += chunk
        }
        return ""
    }

    /// A loopback connection that speaks just enough WebSocket for the protocol.
    final class Socket {
        let connection: LoopbackSocket

        init(port: UInt16) throws {
            do { connection = try LoopbackSocket(port: port) } catch { throw Failure(description: "cannot connect to port \(port)") }
        }

        func write(_ bytes: [UInt8]) throws {
            guard connection.send(bytes) else { throw Failure(description: "write failed") }
        }

        func read(upTo count: Int) throws -> [UInt8] { connection.receive(upTo: count) }

        func read(exactly count: Int) throws -> [UInt8] {
            guard let bytes = connection.receive(exactly: count) else { throw Failure(description: "connection closed or timed out") }
            return bytes
        }

        func upgrade(path: String) throws {
            try write(Array(("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").utf8))
            var head: [UInt8] = []
            while !head.suffix(4).elementsEqual([13, 10, 13, 10]) { head += try read(exactly: 1) }
            guard String(decoding: head, as: UTF8.self).hasPrefix("HTTP/1.1 101") else { throw Failure(description: "no WebSocket upgrade") }
        }

        /// A masked text frame, as clients must send.
        func sendText(_ payload: Data) throws {
            var frame: [UInt8] = [0x81]
            let mask: [UInt8] = [0x12, 0x34, 0x56, 0x78]
            if payload.count < 126 {
                frame.append(0x80 | UInt8(payload.count))
            } else if payload.count < 65536 {
                frame += [0x80 | 126, UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)]
            } else {
                frame.append(0x80 | 127)
                frame += (0..<8).reversed().map { UInt8((payload.count >> ($0 * 8)) & 0xFF) }
            }
            frame += mask
            frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
            try write(frame)
        }

        /// The next whole text message (fragments joined); nil for other frames.
        func receiveText() throws -> Data? {
            var message: [UInt8] = []
            while true {
                let header = try read(exactly: 2)
                var length = Int(header[1] & 0x7F)
                if length == 126 {
                    let extended = try read(exactly: 2)
                    length = Int(extended[0]) << 8 | Int(extended[1])
                } else if length == 127 {
                    length = try read(exactly: 8).reduce(0) { $0 << 8 | Int($1) }
                }
                let payload = try read(exactly: length)
                let opcode = header[0] & 0x0F
                if opcode == 0x8 { throw Failure(description: "browser closed the connection") }
                guard opcode == 0x1 || opcode == 0x0 else { return nil }
                message += payload
                if header[0] & 0x80 != 0 { return Data(message) }
            }
        }
    }
}

/// Runs blocking work on a Dispatch thread, off the few threads Swift's tasks share.
package func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
