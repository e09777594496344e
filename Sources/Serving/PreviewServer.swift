import Building
import FlyingFox
import FlyingSocks
import Foundation
import Model

/// `dossier serve`: builds the site into memory, serves it over HTTP, watches `Content/`,
/// `Templates/` and `dossier.yml`, rebuilds after each batch of changes and tells open pages
/// to reload. A failed rebuild keeps the last good site online and shows its errors over
/// the page. Pages are served from an immutable snapshot swapped in whole, so a request
/// never sees half a rebuild.
///
/// FlyingFox serves it: a small HTTP/1.1 and WebSocket server on its own socket layer,
/// which builds in seconds; Hummingbird would add SwiftNIO and minutes of build time for
/// features a local preview does not use.
public final class PreviewServer: @unchecked Sendable {
    public let options: BuildOptions
    public let build: PreviewBuild
    public let live = LiveReload()
    private let log: @Sendable (String) -> Void
    private let rebuilds = DispatchQueue(label: "dossier.rebuild")
    private var watcher: FileWatcher?
    private var server: HTTPServer?
    /// Rebuilds started and finished, for tests that wait on one.
    private let counter = NSLock()
    private var finished = 0

    public init(options: BuildOptions, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.build = PreviewBuild(options: options)
        self.log = log
    }

    /// What the server runs on and with.
    public struct Listening: Sendable {
        public var port: UInt16
        public var watcher: String
    }

    /// Builds the site, starts watching, and starts serving on `host:port` (0: any free port).
    /// Returns once the server listens; it runs until `stop`.
    public enum StartError: Error, CustomStringConvertible {
        case portInUse(UInt16)
        /// The server stopped before it listened (its error), or never listened.
        case cannotListen(String)

        public var description: String {
            switch self {
            case .portInUse(let port): "port \(port) is in use (try --port 0)"
            case .cannotListen(let reason): reason
            }
        }
    }

    public func start(host: String, port: UInt16, forcePolling: Bool = false) async throws -> Listening {
        if PortProbe.isInUse(host: host, port: port) { throw StartError.portInUse(port) }
        // Watching starts first, so that edits saved during the first build are not missed.
        let site = options.site.path
        watcher = FileWatcher(roots: [site + "/Content", site + "/Templates"], files: [site + "/dossier.yml"],
                              forcePolling: forcePolling) { [weak self] batch in self?.changed(batch) }
        // The first build runs on the rebuild queue, not on a thread of the concurrency
        // pool, which the server's own tasks need.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            rebuilds.async { [self] in
                report(build.rebuild(), first: true)
                done.resume()
            }
        }

        let server: HTTPServer
        if host.contains(":") {
            server = HTTPServer(address: try .inet6(ip6: host, port: port), logger: .disabled)
        } else {
            server = HTTPServer(address: try .inet(ip4: host == "localhost" ? "127.0.0.1" : host, port: port), logger: .disabled)
        }
        self.host = host
        await server.appendRoute("GET /_dossier/live") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            // Other sites' pages may open this socket from the reader's browser: only the
            // preview's own pages may listen to build errors and file names.
            guard self.isAllowed(request), self.isSameOrigin(request) else { return Self.forbidden() }
            return try await WebSocketHTTPHandler.webSocket(self.live).handleRequest(request)
        }
        await server.appendRoute("GET /_dossier/live.js") { _ in
            PreviewServer.response(.ok, [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                                   Data(LiveReloadScript.source.utf8))
        }
        await server.appendRoute("GET,HEAD *") { [weak self] request in
            guard let self else { return HTTPResponse(statusCode: .serviceUnavailable) }
            return self.respond(to: request)
        }
        self.server = server
        // The server's own error (a port taken since the probe) ends the wait at once.
        let stopped = LockedError()
        Task {
            do { try await server.run() } catch { stopped.set(error) }
        }
        // Generous: on a loaded machine the listening task may start late.
        let deadline = ContinuousClock.now + .seconds(60)
        while await server.listeningAddress == nil {
            if let error = stopped.value {
                if case let SocketError.failed(_, code, _) = error, code == EADDRINUSE { throw StartError.portInUse(port) }
                throw StartError.cannotListen("\(error)")
            }
            guard ContinuousClock.now < deadline else { throw StartError.cannotListen("the server did not start listening within 60 s") }
            try await Task.sleep(for: .milliseconds(5))
        }
        var actualPort = port
        switch await server.listeningAddress {
        case let .ip4(_, listening)?: actualPort = listening
        case let .ip6(_, listening)?: actualPort = listening
        default: break
        }
        TCPNoDelay.setOnListener(port: actualPort)
        return Listening(port: actualPort, watcher: watcher?.mechanism ?? "none")
    }

    public func stop() async {
        watcher?.stop()
        await server?.stop(timeout: 0.2)
    }

    /// How many rebuilds after changes have completed.
    public var rebuildsFinished: Int { counter.withLock { finished } }

    // MARK: - Requests

    /// The address the server listens on, for checking `Host` headers.
    private var host = "127.0.0.1"

    /// A request whose `Host` names another site reached this server through DNS
    /// rebinding: a page of that site could read the preview, drafts included.
    func isAllowed(_ request: HTTPRequest) -> Bool {
        guard let value = request.headers[.host] else { return false }
        var name = value.lowercased()
        if name.hasPrefix("[") {
            name = String(name.prefix { $0 != "]" }.dropFirst())
        } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return ["127.0.0.1", "localhost", "::1", host.lowercased()].contains(name)
    }

    /// A WebSocket opened by a page of this server (browsers send `Origin`).
    func isSameOrigin(_ request: HTTPRequest) -> Bool {
        guard let origin = request.headers[HTTPHeader("Origin")] else { return true }
        guard let url = URL(string: origin), url.scheme == "http" || url.scheme == "https", let originHost = url.host else { return false }
        let name = originHost.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return ["127.0.0.1", "localhost", "::1", host.lowercased()].contains(name)
    }

    static func forbidden() -> HTTPResponse {
        response(.forbidden, [.contentType: "text/plain; charset=utf-8"], Data("Forbidden: this preview answers only to its own address\n".utf8))
    }

    func respond(to request: HTTPRequest) -> HTTPResponse {
        guard isAllowed(request) else { return Self.forbidden() }
        switch RequestPath.resolve(request.target.path(percentEncoded: true)) {
        case .refused:
            return Self.response(.badRequest, [.contentType: "text/plain; charset=utf-8"], Data("Bad request path\n".utf8))
        case .candidates(let paths):
            if let bytes = build.file(at: paths[0]) { return file(paths[0], bytes, head: request.method == .HEAD) }
            // Browsers ask for `/favicon.ico` when a page (a custom template's) links no icon:
            // the theme's icon answers, rather than a 404 in the console.
            if paths[0] == "favicon.ico", let icon = build.file(at: "assets/icon.svg") {
                return file("assets/icon.svg", icon, head: request.method == .HEAD)
            }
            // `/actors/iran` is the folder page `/actors/iran/`: redirect so relative links resolve.
            if paths.count > 1, build.file(at: paths[1]) != nil {
                return Self.response(.movedPermanently, [.location: request.path + "/"])
            }
            let page = "<!doctype html><meta charset=utf-8><title>Not found</title><body><h1>Not found</h1>"
                + "<p>This build has no page here.</p></body>"
            return Self.response(.notFound, [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                 Data(LiveReloadScript.inject(into: Array(page.utf8))))
        }
    }

    private func file(_ path: String, _ bytes: [UInt8], head: Bool) -> HTTPResponse {
        let type = RequestPath.contentType(of: path)
        let body = type.hasPrefix("text/html") ? LiveReloadScript.inject(into: bytes) : bytes
        return Self.response(.ok, [.contentType: type, .cacheControl: "no-store"], head ? Data() : Data(body))
    }

    static func response(_ status: HTTPStatusCode, _ fields: KeyValuePairs<HTTPHeader, String>, _ body: Data = Data()) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in fields { headers[name] = value }
        return HTTPResponse(statusCode: status, headers: headers, body: body)
    }

    // MARK: - Rebuilds

    /// Which kind of change a path is; nil when it does not affect the site.
    enum ChangeKind { case content, template, config }

    func kind(of path: String) -> ChangeKind? {
        let site = options.site.path
        if path == site + "/dossier.yml" { return .config }
        if path.hasPrefix(site + "/Content/") || path == site + "/Content" { return .content }
        if path.hasPrefix(site + "/Templates/") || path == site + "/Templates" { return .template }
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
            counter.withLock { finished += 1 }
        }
    }

    private func report(_ outcome: PreviewBuild.Outcome, first: Bool) {
        let time = String(format: "%.0f ms", outcome.seconds * 1000)
        let problems = outcome.diagnostics.filter { $0.severity == .error || options.strict }
        if outcome.succeeded {
            let warnings = outcome.diagnostics.count
            if first {
                log("Built \(outcome.pages) pages in \(time)" + (warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : ""))
                for diagnostic in outcome.diagnostics { log(diagnostic.description) }
            } else {
                let pages = outcome.changed.count + outcome.removed.count
                let stages = outcome.timings.map { "\($0.step) \(Int(($0.seconds * 1000).rounded()))" }.joined(separator: ", ")
                log("Rebuilt in \(time): \(pages) file\(pages == 1 ? "" : "s") changed, \(outcome.rendered) of \(outcome.pages) pages rendered, "
                    + "\(outcome.parsed) parsed, \(outcome.reused) reused (ms: \(stages))")
                for diagnostic in outcome.diagnostics { log(diagnostic.description) }
            }
            live.reload(outcome.changed + outcome.removed)
        } else {
            log(build.files.isEmpty
                ? "Build failed in \(time); there is nothing to serve until it builds:"
                : "Build failed in \(time); still serving the last good build:")
            for diagnostic in problems.prefix(20) { log("  " + diagnostic.description) }
            if problems.count > 20 { log("  … and \(problems.count - 20) more") }
            live.failed(problems)
        }
    }
}

/// An error set from the server's task and read by the task waiting for it to listen.
private final class LockedError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func set(_ error: Error) { lock.withLock { self.error = error } }
    var value: Error? { lock.withLock { error } }
}
