@testable import Serving
import Testing

@Suite struct RequestPathTests {
    @Test func pagesAndFiles() {
        #expect(RequestPath.resolve("/") == .candidates(["index.html"]))
        #expect(RequestPath.resolve("/actors/iran/") == .candidates(["actors/iran/index.html"]))
        #expect(RequestPath.resolve("/actors/iran") == .candidates(["actors/iran", "actors/iran/index.html"]))
        #expect(RequestPath.resolve("/assets/style.css") == .candidates(["assets/style.css", "assets/style.css/index.html"]))
        #expect(RequestPath.resolve("/actors/%D0%B8%D1%80%D0%B0%D0%BD/") == .candidates(["actors/иран/index.html"]))
    }

    @Test(arguments: [
        "/../etc/passwd", "/actors/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E/%2e%2E/x", "/a/%2e/b",
        "//etc/passwd", "etc/passwd", "/a\\..\\b", "/a%5c..%5cb", "/a%00b", "/a//b", "/%zz", "/%C0%AE%C0%AE/x",
        "/%252e%252e/etc/passwd", "/a%252f..%252fb", "/a%255c..%255cb", "/%252E%252E", "/a%2f..%2fb", "/..%2f..%2fetc",
    ])
    func traversalIsRefused(path: String) {
        #expect(RequestPath.resolve(path) == .refused)
    }

    @Test func contentTypes() {
        #expect(RequestPath.contentType(of: "index.html") == "text/html; charset=utf-8")
        #expect(RequestPath.contentType(of: "graph.json") == "application/json")
        #expect(RequestPath.contentType(of: "assets/style.css") == "text/css; charset=utf-8")
        #expect(RequestPath.contentType(of: "notes/file.bin") == "application/octet-stream")
    }

    @Test func scriptGoesBeforeTheLastBodyEnd() {
        let page = Array("<html><body><p>&lt;/body&gt;</p></body>\n</html>\n".utf8)
        let injected = String(decoding: LiveReloadScript.inject(into: page), as: UTF8.self)
        #expect(injected == "<html><body><p>&lt;/body&gt;</p>\(LiveReloadScript.tag)</body>\n</html>\n")
        #expect(String(decoding: LiveReloadScript.inject(into: Array("plain".utf8)), as: UTF8.self) == "plain" + LiveReloadScript.tag)
    }

    /// A briefing's single file is served byte for byte as it is downloaded.
    @Test func pagesWithTheirOwnPolicyAreServedAsBuilt() {
        let single = Array("<!doctype html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body></body>".utf8)
        #expect(LiveReloadScript.inject(into: single) == single)
    }
}
