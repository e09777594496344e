import Foundation
import Synchronization
@testable import Serving
import Testing
import TestSupport

/// `dossier serve` end to end: HTTP, live reload, the error overlay and rebuilds under load.
@Suite(.serialized) struct PreviewServerTests {
    static let files = [
        "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
        "Content/actors/tajikistan.md": "---\nname: Tajikistan\n---\nAnother country.\n",
        "Content/articles/ties.md": "---\ntitle: Ties\ndate: 2022-06-01\n---\n[[iran]] and [[tajikistan]] talk.\n",
    ]

    func withServer(_ body: (TemporarySite, PreviewServer, UInt16) async throws -> Void) async throws {
        let site = try TemporarySite(Self.files)
        let server = PreviewServer(options: site.options()) { _ in }
        let listening = try await server.start(host: "127.0.0.1", port: 0)
        #expect(listening.port > 0)
        try await body(site, server, listening.port)
        await server.stop()
    }

    @Test func servesPagesWithTheLiveReloadScript() async throws {
        try await withServer { _, _, port in
            let home = try await get("/", port: port)
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.body.contains(LiveReloadScript.tag + "</body>"))
            let actor = try await get("/actors/iran/index.html", port: port)
            #expect(actor.status == 200 && actor.body.contains("<h1"))
            #expect(try await get("/actors/iran", port: port).headers["location"] == "/actors/iran/")
            #expect(try await get("/graph.json", port: port).headers["content-type"] == "application/json")
            #expect(try await get("/nowhere/", port: port).status == 404)
            #expect(try await get("/_dossier/live.js", port: port).body.contains("new WebSocket"))
            #expect(try await get("/assets/style.css", port: port, method: "HEAD").status == 200)
        }
    }

    @Test(arguments: ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/actors/..%2f..%2f..%2fetc/passwd", "/a%5c..%5c..%5cb"])
    func refusesPathsOutOfTheSite(path: String) async throws {
        try await withServer { _, _, port in
            let response = try await get(path, port: port)
            #expect(response.status == 400 || response.status == 404)
            #expect(!response.body.contains("root:"))
        }
    }

    /// DNS rebinding and cross-site WebSockets: other sites' pages get nothing.
    @Test func answersOnlyToItsOwnAddress() async throws {
        try await withServer { _, _, port async throws in
            let status = { (request: String) async throws -> String in
                try await offPool {
                    let socket = try TestSocket(port: port)
                    socket.send(request)
                    return String(decoding: socket.receive(), as: UTF8.self).components(separatedBy: "\r\n").first ?? ""
                }
            }
            #expect(try await status("GET / HTTP/1.1\r\nHost: evil.example:\(port)\r\nConnection: close\r\n\r\n").contains("403"))
            #expect(try await status("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").contains("403"))
            #expect(try await status("GET / HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n").contains("200"))
            let upgrade = "GET /_dossier/live HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            // Refused (Hummingbird answers a refused upgrade with 400).
            #expect(try await status(upgrade + "Origin: https://evil.example\r\n\r\n").hasPrefix("HTTP/1.1 400"))
            #expect(try await status(upgrade + "Origin: http://127.0.0.1:\(port)\r\n\r\n").contains("101"))
        }
    }

    @Test func editReloadsTheChangedPagesAndErrorsShowUntilFixed() async throws {
        try await withServer { site, server, port in
            let socket = try await TestWebSocket.connect(port: port)
            #expect(try await socket.next() == #"{"type":"ok"}"#)

            // An edit: the pages that show it are named, the others are not.
            try site.write("Content/actors/iran.md", Data("---\nname: Iran\n---\nA country, edited.\n".utf8))
            let reload = try #require(try await socket.next { $0.contains(#""type":"reload""#) })
            #expect(reload.contains(#""actors/iran/index.html""#))
            #expect(!reload.contains(#""actors/tajikistan/index.html""#))
            #expect(try await get("/actors/iran/", port: port).body.contains("A country, edited."))

            // A broken file: the overlay message carries file:line:col, the old page stays.
            try site.write("Content/articles/ties.md", Data("---\ntitle: Ties\n---\n[[irn]] talks.\n".utf8))
            let errors = try #require(try await socket.next { $0.contains(#""type":"errors""#) })
            #expect(errors.contains("Content/articles/ties.md:4:1: error: unknown entity 'irn'"))
            #expect(try await get("/articles/ties/", port: port).body.contains("Ties"))
            // A page opened now learns about the errors as it connects.
            let late = try await TestWebSocket.connect(port: port)
            #expect(try await late.next()?.contains(#""type":"errors""#) == true)

            // Fixed: the overlay goes (a reload message), the page shows the fix.
            try site.write("Content/articles/ties.md", Data("---\ntitle: Ties\n---\n[[iran]] talks again.\n".utf8))
            let fixed = try #require(try await socket.next { $0.contains(#""type":"reload""#) })
            #expect(fixed.contains(#""articles/ties/index.html""#))
            #expect(try await get("/articles/ties/", port: port).body.contains("talks again"))
            _ = server
        }
    }

    /// A vault is served as it is: the notes at its top are watched, an edit to a note
    /// reloads the pages that show it, including one that embeds it.
    @Test func aVaultIsWatchedAndAnEmbeddedNoteReloadsItsEmbedder() async throws {
        let site = try TemporarySite([:])
        try site.remove("Content")
        try site.write(".obsidian/app.json", Data("{}".utf8))
        try site.write("Notes/Part.md", Data("# Part\n\nFirst words.\n".utf8))
        try site.write("Home.md", Data("# Home\n\n![[Part]]\n".utf8))
        let server = PreviewServer(options: site.options()) { _ in }
        let listening = try await server.start(host: "127.0.0.1", port: 0)
        #expect(server.contentRoot == site.root.path)
        let socket = try await TestWebSocket.connect(port: listening.port)
        #expect(try await socket.next() == #"{"type":"ok"}"#)
        try site.write("Notes/Part.md", Data("# Part\n\nEdited words.\n".utf8))
        let reload = try #require(try await socket.next { $0.contains(#""type":"reload""#) })
        #expect(reload.contains(#""notes/part/index.html""#) && reload.contains(#""home/index.html""#))
        #expect(try await get("/home/", port: listening.port).body.contains("Edited words."))
        await server.stop()
    }

    @Test func aTakenPortIsReportedAtOnceNotAfterABuild() async throws {
        // A second `dossier serve` on the same port once built, then waited forever.
        try await withServer { site, _, port in
            let lines = Mutex<[String]>([])
            let second = PreviewServer(options: site.options()) { line in lines.withLock { $0.append(line) } }
            let started = ContinuousClock.now
            do {
                _ = try await second.start(host: "127.0.0.1", port: port)
                Issue.record("a second server started on a taken port")
                await second.stop()
            } catch let error as PreviewServer.StartError {
                #expect(error.description == "port \(port) is in use (try --port 0)")
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            #expect(lines.withLock { $0.isEmpty }, "no build before the port is known to be free")
        }
    }

    @Test func pagesLinkTheThemesIconAndFaviconRequestsGetIt() async throws {
        // Over HTTP a browser asks for `/favicon.ico` unless the page links an icon; either
        // way nothing is logged as a 404 any more.
        try await withServer { _, _, port in
            let home = try await get("/", port: port)
            #expect(home.body.contains("<link rel=\"icon\" href=\"assets/icon.svg\" type=\"image/svg+xml\">"))
            let icon = try await get("/assets/icon.svg", port: port)
            #expect(icon.status == 200 && icon.headers["content-type"]?.hasPrefix("image/svg+xml") == true)
            let favicon = try await get("/favicon.ico", port: port)
            #expect(favicon.status == 200 && favicon.body == icon.body)
        }
    }

    @Test func requestsDuringRebuildsGetWholePages() async throws {
        try await withServer { site, server, port in
            let stop = NSLock()
            nonisolated(unsafe) var done = false
            let path = site.root.appendingPathComponent("Content/actors/iran.md")
            let writer = Thread {
                for i in 0..<15 {
                    try? Data("---\nname: Iran\n---\nVersion \(i).\n".utf8).write(to: path, options: .atomic)
                    usleep(40_000)
                }
                stop.withLock { done = true }
            }
            writer.start()
            var checked = 0
            while !stop.withLock({ done }) || checked < 20 {
                let page = try await get("/actors/iran/index.html", port: port)
                #expect(page.status == 200)
                #expect(page.body.hasSuffix("</html>\n"), "a truncated page was served")
                // One snapshot per response: every "Version N" on the page is the same N.
                let versions = Set(page.body.matches(of: /Version (\d+)/).map { String($0.1) })
                #expect(versions.count <= 1, "a page mixed two builds: \(versions)")
                checked += 1
            }
            for _ in 0..<250 where server.rebuildsFinished < 1 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(server.rebuildsFinished >= 1)
        }
    }
}

/// The preview server under a bounded load from several clients while the site is edited:
/// no failed request, no half page, traversal attempts refused. (Its memory is measured by
/// `Benchmarks/load.py` on a server process of its own: here other tests share the process.)
@Suite struct PreviewServerLoadTests {
    @Test func manyClientsWhileEditing() async throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country.\n",
            "Content/events/talks.md": "---\nname: Talks\ndate: 2022-05\nactors: [iran]\n---\n",
            "Content/articles/a.md": "---\ntitle: A\ndate: 2022-01-01\n---\nAbout [[iran]] and [[event:talks]].\n",
            "Content/briefings/b.md": "---\ntitle: B\nbluf: Short.\n---\nOn [[iran]].\n",
        ])
        let server = PreviewServer(options: site.options()) { _ in }
        let port = try await server.start(host: "127.0.0.1", port: 0).port
        let paths = ["/", "/articles/a/", "/actors/iran/", "/events/", "/graph/", "/search/", "/search/index.js", "/previews.js",
                     "/feed.xml", "/briefings/b/briefing.html", "/assets/style.css", "/graph.json"]
        let refused = ["/../etc/passwd", "/%2e%2e/x", "/%252e%252e/x", "/a%5c..%5cb", "/a%00b"]

        /// Four clients, `requests` each; returns the failures.
        func load(requests: Int) async throws -> [String] {
            try await offPool {
                let failures = NSLock()
                nonisolated(unsafe) var failed: [String] = []
                DispatchQueue.concurrentPerform(iterations: 4) { client in
                    for i in 0..<requests {
                        let bad = i % 25 == 24
                        let path = bad ? refused[(i / 25 + client) % refused.count] : paths[(i + client) % paths.count]
                        let problem: String?
                        do {
                            let response = try httpGet(path, port: port)
                            if bad {
                                problem = response.status == 400 ? nil : "\(path) answered \(response.status)"
                            } else if response.status != 200 {
                                problem = "\(path) answered \(response.status)"
                            } else if path.hasSuffix("/") || path.hasSuffix(".html"), !response.body.hasSuffix("</html>\n") {
                                problem = "\(path) was cut short"
                            } else {
                                problem = nil
                            }
                        } catch {
                            problem = "\(path): \(error)"
                        }
                        if let problem { failures.withLock { failed.append(problem) } }
                    }
                }
                return failed
            }
        }

        // Edits while the clients run: the server rebuilds between requests.
        let path = site.root.appendingPathComponent("Content/articles/a.md")
        let editor = Task.detached {
            for i in 0..<20 {
                try? Data("---\ntitle: A\ndate: 2022-01-01\n---\nAbout [[iran]] and [[event:talks]], version \(i).\n".utf8).write(to: path, options: .atomic)
                try? await Task.sleep(for: .milliseconds(60))
            }
        }
        let first = try await load(requests: 150)
        let second = try await load(requests: 150)
        _ = await editor.value
        await server.stop()
        #expect(first.isEmpty, "\(first.prefix(5))")
        #expect(second.isEmpty, "\(second.prefix(5))")
        #expect(server.rebuildsFinished >= 1)
    }
}
