import Foundation
import HummingbirdWebSocket
import Model
import Synchronization

/// The live-reload channel: every open page holds a WebSocket to `/_dossier/live`. After a
/// rebuild each client is told which pages changed (and reloads if it shows one of them),
/// or which errors the rebuild had (and shows them over the page until a good build).
package final class LiveReload: Sendable {
    /// The open pages, and what is sent to each as it connects: the errors of the last
    /// build, if it failed.
    private let shared = Mutex<(clients: [UUID: AsyncStream<String>.Continuation], state: String)>(([:], Message.ok))

    package init() {}

    package var clientCount: Int { shared.withLock { $0.clients.count } }

    /// One page's socket, from its upgrade until the page goes away: the state now, then
    /// every message until the socket closes. Pages only listen; what they send is read and
    /// dropped (the frame decoder caps each frame).
    func session(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let id = UUID()
        // A page that stops reading keeps only the newest messages, not an ever longer queue.
        let (messages, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        let current = shared.withLock {
            $0.clients[id] = continuation
            return $0.state
        }
        continuation.yield(current)
        let writer = Task {
            for await text in messages {
                do { try await outbound.write(.text(text)) } catch { return }
            }
        }
        // Until the page closes the socket (or the server stops).
        do { for try await _ in inbound {} } catch {}
        writer.cancel()
        shared.withLock { _ = $0.clients.removeValue(forKey: id) }
        continuation.finish()
    }

    /// A good build: clients showing one of `paths` (output paths) reload.
    package func reload(_ paths: [String]) {
        broadcast(Message.reload(paths), state: Message.ok)
    }

    /// A failed build: clients show `diagnostics` (what failed it) over the page.
    package func failed(_ diagnostics: [Diagnostic]) {
        let message = Message.errors(diagnostics)
        broadcast(message, state: message)
    }

    private func broadcast(_ text: String, state newState: String) {
        let targets = shared.withLock {
            $0.state = newState
            return Array($0.clients.values)
        }
        for client in targets { client.yield(text) }
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

        static func quoted(_ text: String) -> String { JSONText.quoted(text) }
    }
}
