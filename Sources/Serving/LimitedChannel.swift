import HummingbirdCore
import Logging
import NIOCore

/// A connection of the preview server: `RequestHeadLimits` first, on the raw bytes, then the
/// HTTP and WebSocket pipeline Hummingbird sets up.
struct LimitedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    let inner: Inner
    let idleTimeout: TimeAmount

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Inner.Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestHeadLimits(idleTimeout: idleTimeout))
            // Each response goes out as it is written, not after the client's delayed
            // acknowledgement of the previous one (40 ms per file on a kept-alive connection).
            try channel.syncOptions?.setOption(.tcpOption(.tcp_nodelay), value: 1)
        }.flatMap {
            inner.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Inner.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
