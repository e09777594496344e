#if canImport(Glibc)
import Glibc
#endif
import NIOCore

/// The first handler on every connection, ahead of the HTTP parser: caps the request line
/// and each header line at 8 KB and a request's head at 64 KB, answering 414 or 431 and
/// closing as soon as a limit is passed, before the rest is read. SwiftNIO's parser caps
/// fields too, but answers only 400; this says which limit, as nginx and Node do.
///
/// It counts bytes and looks for line ends with `memchr`, so a request costs time linear in
/// its size. The preview answers only GET and HEAD, which have no bodies: bytes after a head
/// are counted as the next head. Once the server has answered `101 Switching Protocols` (the
/// live-reload socket), the connection carries WebSocket frames, which the frame decoder
/// caps, and this handler steps aside.
///
/// It also closes connections that go `idleTimeout` without finishing a request head: one
/// left open and silent, one whose head trickles in a line at a time, a kept-alive one no
/// longer used. (Hummingbird's own idle timer starts only after a first whole request.)
final class RequestHeadLimits: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    static let maxLine = 8 * 1024
    static let maxHead = 64 * 1024

    /// Bytes of the current line so far (a `\r` before its line feed included), and of the
    /// current head.
    private var lineLength = 0
    private var headLength = 0
    /// Lines finished in the current head: 0 while the request line is read.
    private var lines = 0
    /// Whether the current line is only `\r` so far (the empty line that ends a head).
    private var lineIsCR = false
    private var passThrough = false
    private var refused = false
    /// Heads completed so far, and the timer that closes the connection if no next one comes.
    private(set) var heads = 0
    private let idleTimeout: TimeAmount
    private var idle: Scheduled<Void>?

    init(idleTimeout: TimeAmount = .seconds(30)) {
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armIdleTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdleTimer(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        idle?.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        idle?.cancel()
    }

    private func armIdleTimer(_ context: ChannelHandlerContext) {
        idle?.cancel()
        idle = context.eventLoop.assumeIsolated().scheduleTask(in: idleTimeout) { context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if passThrough { return context.fireChannelRead(data) }
        if refused { return }
        let buffer = unwrapInboundIn(data)
        let before = heads
        let verdict = buffer.withUnsafeReadableBytes { scan($0) }
        switch verdict {
        case .within:
            if heads != before { armIdleTimer(context) }
            context.fireChannelRead(data)
        case .refuse(let status):
            refused = true
            refuse(context: context, status: status)
        }
    }

    enum Verdict: Equatable {
        case within
        case refuse(Status)
    }

    enum Status: Equatable {
        case uriTooLong, headerFieldsTooLarge

        var line: String {
            switch self {
            case .uriTooLong: "414 URI Too Long"
            case .headerFieldsTooLarge: "431 Request Header Fields Too Large"
            }
        }
    }

    /// Advances the counters over `bytes`; internal for the unit tests.
    func scan(_ bytes: UnsafeRawBufferPointer) -> Verdict {
        guard let base = bytes.baseAddress else { return .within }
        var offset = 0
        while offset < bytes.count {
            let rest = bytes.count - offset
            let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), rest)
            let end = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            let run = end - offset
            if run > 0 { lineIsCR = lineLength == 0 && run == 1 && base.load(fromByteOffset: offset, as: UInt8.self) == UInt8(ascii: "\r") }
            lineLength += run
            headLength += run
            if let verdict = overLimit() { return verdict }
            guard found != nil else { return .within }
            headLength += 1
            offset = end + 1
            // A line ends; `\r\n` and a bare `\n` both end it.
            if lineLength == 0 || (lineLength == 1 && lineIsCR) {
                // Empty lines before a request line are allowed (RFC 9112 §2.2); one after
                // header lines ends the head.
                if lines > 0 { heads += 1 }
                lines = 0
                headLength = 0
            } else {
                lines += 1
            }
            lineLength = 0
            lineIsCR = false
        }
        return .within
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if !passThrough, unwrapOutboundIn(data).readableBytesView.starts(with: Self.switching) {
            // A WebSocket now: its pings find dead peers.
            passThrough = true
            idle?.cancel()
        }
        context.write(data, promise: promise)
    }

    private static let switching = Array("HTTP/1.1 101 ".utf8)

    private func overLimit() -> Verdict? {
        // A line of `maxLine` bytes may be followed by its `\r`.
        if lineLength > Self.maxLine + 1 { return .refuse(lines == 0 ? .uriTooLong : .headerFieldsTooLarge) }
        if headLength > Self.maxHead { return .refuse(.headerFieldsTooLarge) }
        return nil
    }

    private func refuse(context: ChannelHandlerContext, status: Status) {
        let body = status == .uriTooLong
            ? "The request target is longer than \(Self.maxLine / 1024) KB.\n"
            : "A header line is longer than \(Self.maxLine / 1024) KB, or the headers than \(Self.maxHead / 1024) KB.\n"
        let response = "HTTP/1.1 \(status.line)\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body
        let buffer = context.channel.allocator.buffer(string: response)
        // Closing with the rest of the request unread would reset the connection, and the
        // client could lose the answer with it: stop sending, read and drop what is still
        // coming for a moment (a "lingering close", as nginx does), then close.
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
            self.idle?.cancel()
            context.eventLoop.assumeIsolated().scheduleTask(in: Self.linger) { context.close(promise: nil) }
        }
    }

    static let linger = TimeAmount.seconds(2)
}
