import Building
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import Model
import NIOCore
import Synchronization

/// `dossier serve`: builds the site into memory, serves it over HTTP, watches `Content/`,
/// `Templates/` and `dossier.yml`, rebuilds after each batch of changes and tells open pages
/// to reload. A failed rebuild keeps the last good site online and shows its errors over
/// the page. Pages are served from an immutable snapshot swapped in whole, so a request
/// never sees half a rebuild.
///
/// Hummingbird serves it, on SwiftNIO: any web page the reader opens can send requests to
/// the preview, and NIO's parser is linear with limits on every field, where the lighter
/// server used before parsed a long header line in quadratic time (Benchmarks/RESULTS.md,
/// "The preview server under hostile requests").
package final class PreviewServer: Sendable {
    package let options: BuildOptions
    /// `SITE/Content`, or the site folder for a vault (read when the server starts).
    package let contentRoot: String
    package let build: PreviewBuild
    package let live = LiveReload()
    private let log: @Sendable (String) -> Void
    private let rebuilds = DispatchQueue(label: "dossier.rebuild")
    /// Set by `start`, read by `stop`, which may run on another thread.
    private let running = Mutex<(watcher: FileWatcher?, server: Task<Void, Never>?)>((nil, nil))
    /// Rebuilds after changes finished, for tests that wait on one.
    private let finished = Mutex(0)

    /// How long a connection may go without a whole request before it is closed: a kept-alive
    /// connection left idle, or one whose head trickles in a byte at a time.
    let idleTimeout: Duration
    /// The largest WebSocket frame a page may send: pages send nothing but control frames.
    static let maxFrameSize = 64 * 1024

    package init(options: BuildOptions, idleTimeout: Duration = .seconds(30), log: @escaping @Sendable (String) -> Void) {
        self.options = options
        contentRoot = options.contentRoot
        self.idleTimeout = idleTimeout
        self.build = PreviewBuild(options: options)
        self.log = log
    }

    /// What the server runs on and with.
    package struct Listening: Sendable {
        package var port: UInt16
        package var watcher: String
    }

    /// Builds the site, starts watching, and starts serving on `host:port` (0: any free port).
    /// Returns once the server listens; it runs until `stop`.
    package enum StartError: Error, CustomStringConvertible {
        case portInUse(UInt16)
        /// The server stopped before it listened (its error), or never listened.
        case cannotListen(String)

        package var description: String {
            switch self {
            case .portInUse(let port): "port \(port) is in use (try --port 0)"
            case .cannotListen(let reason): reason
            }
        }
    }

    package func start(host: String, port: UInt16, forcePolling: Bool = false) async throws -> Listening {
        if PortProbe.isInUse(host: host, port: port) { throw StartError.portInUse(port) }
        // Watching starts first, so that edits saved during the first build are not missed.
        let site = options.site.path
        let roots = contentRoot == site ? [site] : [contentRoot, site + "/Templates"]
        let watcher = FileWatcher(roots: roots, files: [site + "/dossier.yml"],
                                  forcePolling: forcePolling) { [weak self] batch in self?.changed(batch) }
        running.withLock { $0.watcher = watcher }
        // The first build runs on the rebuild queue, not on a thread of the concurrency
        // pool, which the server's own tasks need.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            rebuilds.async { [self] in
                report(build.rebuild(), first: true)
                done.resume()
            }
        }

        let state = ServerState()
        let application = makeApplication(host: host == "localhost" ? "127.0.0.1" : host, port: port, state: state)
        let server = Task {
            do { try await application.run() } catch { state.fail(error) }
        }
        running.withLock { $0.server = server }
        // Generous: on a loaded machine the listening task may start late.
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            if let listening = state.port { return Listening(port: UInt16(listening), watcher: watcher.mechanism) }
            if let error = state.error {
                if let error = error as? IOError, error.errnoCode == EADDRINUSE { throw StartError.portInUse(port) }
                throw StartError.cannotListen("\(error)")
            }
            guard ContinuousClock.now < deadline else { throw StartError.cannotListen("the server did not start listening within 60 s") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    private func makeApplication(host: String, port: UInt16, state: ServerState) -> some ApplicationProtocol {
        let idleTimeout = TimeAmount(self.idleTimeout)
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: idleTimeout,
            // Behind RequestHeadLimits, which answers 414 and 431 first; these stay as a second wall.
            httpDecoderConfiguration: .init(maxHeaderFieldSize: RequestHeadLimits.maxLine, maxHeaderListSize: RequestHeadLimits.maxHead,
                                            maxHeaderFieldCount: 256)
        )
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: http1, ws: .init(maxFrameSize: Self.maxFrameSize, autoPing: .enabled(timePeriod: .seconds(30)))
        )
        let live = self.live
        let channels = HTTPServerBuilder { responder in
            LimitedChannel(inner: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration) { request, _, _ in
                guard Self.route(request.path) == "/_dossier/live", let check = state.check,
                      check.allowsHost(authority: request.authority, fields: request.headerFields),
                      check.allowsOrigin(fields: request.headerFields)
                else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    await live.session(inbound: inbound, outbound: outbound)
                }
            }, idleTimeout: idleTimeout)
        }
        var logger = Logger(label: "dossier.serve")
        logger.logLevel = .critical
        return Application(
            responder: PreviewResponder(server: self, state: state),
            server: channels,
            configuration: .init(address: .hostname(host, port: Int(port)), serverName: nil),
            onServerRunning: { channel in
                state.listening(check: AddressCheck(boundHost: host, port: channel.localAddress?.port ?? Int(port)))
            },
            logger: logger
        )
    }

    package func stop() async {
        let (watcher, server) = running.withLock { ($0.watcher, $0.server) }
        watcher?.stop()
        server?.cancel()
        await server?.value
    }

    /// How many rebuilds after changes have completed.
    package var rebuildsFinished: Int { finished.withLock { $0 } }

    // MARK: - Requests

    /// The path of a request target, without its query.
    static func route(_ target: String?) -> Substring {
        guard let target else { return "" }
        return target[..<(target.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? target.endIndex)]
    }

    /// The answer to one request; `check` knows the address the server listens on.
    func respond(to request: HTTPRequest, check: AddressCheck) -> Response {
        guard check.allowsHost(authority: request.authority, fields: request.headerFields) else {
            return Self.text(.forbidden, "Forbidden: this preview answers only to its own address\n")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "This preview answers only GET and HEAD.\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let head = request.method == .head
        let path = Self.route(request.path)
        if path == "/_dossier/live.js" {
            return Self.response(.ok, type: "text/javascript; charset=utf-8", Array(LiveReloadScript.source.utf8), head: head)
        }
        if path == "/_dossier/live" {
            // Only a WebSocket upgrade from the preview's own pages reaches the socket.
            return Self.text(.forbidden, "Forbidden: the live-reload socket opens only for this preview's pages\n")
        }
        switch RequestPath.resolve(String(path)) {
        case .refused:
            return Self.text(.badRequest, "Bad request path\n")
        case .candidates(let paths):
            if let bytes = build.file(at: paths[0]) { return file(paths[0], bytes, head: head) }
            // Browsers ask for `/favicon.ico` when a page (a custom template's) links no icon:
            // the theme's icon answers, rather than a 404 in the console.
            if paths[0] == "favicon.ico", let icon = build.file(at: "assets/icon.svg") {
                return file("assets/icon.svg", icon, head: head)
            }
            // `/actors/iran` is the folder page `/actors/iran/`: redirect so relative links resolve.
            if paths.count > 1, build.file(at: paths[1]) != nil {
                var response = Response(status: .movedPermanently)
                response.headers[.location] = path + "/"
                return response
            }
            let page = "<!doctype html><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1>"
                + "<p>This build has no page here.</p></body>"
            return Self.response(.notFound, type: "text/html; charset=utf-8", LiveReloadScript.inject(into: Array(page.utf8)), head: head)
        }
    }

    private func file(_ path: String, _ bytes: [UInt8], head: Bool) -> Response {
        let type = RequestPath.contentType(of: path)
        let body = type.hasPrefix("text/html") ? LiveReloadScript.inject(into: bytes) : bytes
        return Self.response(.ok, type: type, body, head: head)
    }

    static func response(_ status: HTTPResponse.Status, type: String, _ body: [UInt8], head: Bool = false) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = type
        fields[.cacheControl] = "no-store"
        fields[.xContentTypeOptions] = "nosniff"
        if head {
            // HEAD announces the length GET would send, and sends nothing.
            fields[.contentLength] = String(body.count)
            return Response(status: status, headers: fields, body: ResponseBody())
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        response(status, type: "text/plain; charset=utf-8", Array(message.utf8))
    }

    // MARK: - Rebuilds

    /// Which kind of change a path is; nil when it does not affect the site.
    enum ChangeKind { case content, template, config }

    func kind(of path: String) -> ChangeKind? {
        let site = options.site.path
        if path == site + "/dossier.yml" { return .config }
        if path.hasPrefix(site + "/Templates/") || path == site + "/Templates" { return .template }
        if path.hasPrefix(contentRoot + "/") || path == contentRoot {
            // In a vault, the output, the cache and Obsidian's own files are not content.
            let inside = path.dropFirst(contentRoot.count).split(separator: "/")
            if inside.contains(where: { $0.hasPrefix(".") }) { return nil }
            if contentRoot == site, let first = inside.first, first == "Output" || first == options.output.lastPathComponent { return nil }
            return .content
        }
        return nil
    }

    private func changed(_ batch: FileWatcher.Batch) {
        let kinds = Set(batch.compactMap(kind(of:)))
        guard !kinds.isEmpty else { return }
        rebuilds.async { [self] in
            // Every rebuild reads the whole current state: parsing is skipped for unchanged
            // files, and templates and settings are cheap to reload, so the kind of change
            // only decides what is reported.
            report(build.rebuild(changed: batch), first: false)
            finished.withLock { $0 += 1 }
        }
    }

    private func report(_ outcome: PreviewBuild.Outcome, first: Bool) {
        let time = String(format: "%.0f ms", outcome.seconds * 1000)
        let problems = outcome.diagnostics.filter { $0.severity == .error || options.strict }
        if outcome.succeeded {
            let warnings = outcome.diagnostics.count
            if first {
                log("Built \(Plural.count(outcome.pages, "page")) in \(time)" + (warnings > 0 ? ", " + Plural.count(warnings, "warning") : ""))
                for diagnostic in outcome.diagnostics { log(diagnostic.description) }
            } else {
                let pages = outcome.changed.count + outcome.removed.count
                let stages = outcome.timings.map { "\($0.step) \(Int(($0.seconds * 1000).rounded()))" }.joined(separator: ", ")
                log("Rebuilt in \(time): \(Plural.count(pages, "file")) changed, \(outcome.rendered) of \(outcome.pages) pages rendered, "
                    + "\(outcome.parsed) parsed, \(outcome.reused) reused (ms: \(stages))")
                for diagnostic in outcome.diagnostics { log(diagnostic.description) }
            }
            live.reload(outcome.changed + outcome.removed)
        } else {
            log(!build.hasSite
                ? "Build failed in \(time); there is nothing to serve until it builds:"
                : "Build failed in \(time); still serving the last good build:")
            for diagnostic in problems.prefix(20) { log("  " + diagnostic.description) }
            if problems.count > 20 { log("  … and \(problems.count - 20) more") }
            live.failed(problems)
        }
    }
}

/// What the server's task tells the task waiting for it: the address it listens on, or the
/// error it stopped with.
final class ServerState: Sendable {
    private let shared = Mutex<(check: AddressCheck?, error: (any Error)?)>((nil, nil))

    func listening(check: AddressCheck) { shared.withLock { $0.check = check } }
    func fail(_ error: any Error) { shared.withLock { $0.error = error } }
    var check: AddressCheck? { shared.withLock { $0.check } }
    var port: Int? { check?.port }
    var error: (any Error)? { shared.withLock { $0.error } }
}

/// Hands each request to the server, with the address it listens on.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: PreviewServer
    let state: ServerState

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let check = state.check else { return PreviewServer.text(.serviceUnavailable, "Starting\n") }
        return server.respond(to: request.head, check: check)
    }
}

extension PreviewServer {
    /// This machine only: `localhost`, `127.0.0.0/8` or `::1`.
    package static func isLoopback(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        if host == "localhost" { return true }
        if inet_pton(AF_INET, host, &v4) == 1 { return UInt32(bigEndian: v4.s_addr) >> 24 == 127 }
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let loopback = in6addr_loopback
        return withUnsafeBytes(of: v6) { address in
            // `::1`, or an IPv4 loopback address written as IPv6 (`::ffff:127.0.0.1`).
            address.elementsEqual(withUnsafeBytes(of: loopback) { Array($0) })
                || (address.prefix(10).allSatisfy { $0 == 0 } && address[10] == 0xFF && address[11] == 0xFF && address[12] == 127)
        }
    }
}
