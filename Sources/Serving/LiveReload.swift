import Foundation
import FlyingFox
import Model

/// The live-reload channel: every open page holds a WebSocket to `/_dossier/live`. After a
/// rebuild each client is told which pages changed (and reloads if it shows one of them),
/// or which errors the rebuild had (and shows them over the page until a good build).
public final class LiveReload: WSMessageHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    /// Sent to clients as they connect: the errors of the last build, if it failed.
    private var state: String = Message.ok

    public init() {}

    public var clientCount: Int { lock.withLock { clients.count } }

    public func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let current = lock.withLock {
            clients[id] = continuation
            return state
        }
        continuation.yield(.text(current))
        // When the page goes away, forget it.
        Task { [weak self] in
            for await _ in client {}
            self?.lock.withLock { _ = self?.clients.removeValue(forKey: id) }
            continuation.finish()
        }
        return stream
    }

    /// A good build: clients showing one of `paths` (output paths) reload.
    public func reload(_ paths: [String]) {
        broadcast(Message.reload(paths), state: Message.ok)
    }

    /// A failed build: clients show `diagnostics` (what failed it) over the page.
    public func failed(_ diagnostics: [Diagnostic]) {
        let message = Message.errors(diagnostics)
        broadcast(message, state: message)
    }

    private func broadcast(_ text: String, state newState: String) {
        let targets = lock.withLock {
            state = newState
            return Array(clients.values)
        }
        for client in targets { client.yield(.text(text)) }
    }

    /// The JSON messages the page script understands.
    enum Message {
        static let ok = #"{"type":"ok"}"#

        static func reload(_ paths: [String]) -> String {
            let list = paths.map(quoted).joined(separator: ",")
            return #"{"type":"reload","paths":["# + list + "]}"
        }

        static func errors(_ diagnostics: [Diagnostic]) -> String {
            let list = diagnostics.prefix(50).map { quoted($0.description) }
            return #"{"type":"errors","diagnostics":["# + list.joined(separator: ",") + "]}"
        }

        static func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">" || scalar == "&":
                    out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}
