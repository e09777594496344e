import Foundation
@testable import Serving
import Testing
import TestSupport

/// The preview in a real browser: Chromium opens a served page, its live-reload socket
/// passes the server's origin check, and an edit reloads the page; then a broken edit shows
/// the error overlay.
@Suite(.serialized, .enabled(if: Browser.executable != nil, "needs Chromium (apt-get install chromium)"))
struct LiveReloadBrowserTests {
    @Test func anEditReloadsTheOpenPage() async throws {
        let site = try TemporarySite(PreviewServerTests.files)
        let server = PreviewServer(options: site.options()) { _ in }
        let port = try await server.start(host: "127.0.0.1", port: 0).port
        let root = site.root
        try await blocking {
            func write(_ text: String) throws {
                try Data(text.utf8).write(to: root.appendingPathComponent("Content/articles/ties.md"))
            }
            let browser = try Browser()
            try browser.open(URL(string: "http://127.0.0.1:\(port)/articles/ties/")!)
            #expect(try browser.wait(until: "document.querySelector('h1') !== null", timeout: 30))
            // The page marks itself; a reload forgets the mark.
            _ = try browser.evaluate("window.__before = true")
            // The socket is open once the server counts a client.
            #expect(waitUntil(10) { server.live.clientCount == 1 }, "the page's socket was refused")
            try write("---\ntitle: Ties\ndate: 2022-06-01\n---\n[[iran]] and [[tajikistan]] talk again.\n")
            // (While the page reloads there is a moment without a body.)
            #expect(try browser.wait(until: "window.__before === undefined && !!document.body && document.body.textContent.includes('talk again')",
                                     timeout: 30))
            try write("---\ntitle: [unclosed\n---\nBroken.\n")
            #expect(try browser.wait(until: "document.getElementById('_dossier-overlay') !== null", timeout: 30))
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
        await server.stop()
    }
    /// Full-text search from the preview server: a word of an article's body finds it, and
    /// after an edit the open search page reloads with the new index and finds the new text.
    @Test func searchFindsTheTextAndItsEdits() async throws {
        let site = try TemporarySite(PreviewServerTests.files)
        let server = PreviewServer(options: site.options()) { _ in }
        let port = try await server.start(host: "127.0.0.1", port: 0).port
        let root = site.root
        try await blocking {
            let browser = try Browser()
            try browser.open(URL(string: "http://127.0.0.1:\(port)/search/?q=talk")!)
            #expect(try browser.wait(until: "document.querySelector('.search-hit mark')?.textContent === 'talk'", timeout: 30))
            #expect(try browser.evaluate("document.querySelector('.search-hit a').getAttribute('href')") as? String == "../articles/ties/index.html")
            // A new date and title renumber the index's pages.
            // The page has the index loaded: it reloads with the new one, and its query no
            // longer matches.
            _ = try browser.evaluate("window.__before = true")
            #expect(waitUntil(10) { server.live.clientCount == 1 }, "the page's socket was refused")
            try Data("---\ntitle: Accord\ndate: 1999-01-01\n---\n[[iran]] and [[tajikistan]] negotiate a hydropower deal.\n".utf8)
                .write(to: root.appendingPathComponent("Content/articles/ties.md"))
            #expect(try browser.wait(until: "window.__before === undefined && document.querySelector('.search-summary')?.textContent.startsWith('Nothing matches')", timeout: 30))
            try browser.evaluate("(() => { const i = document.getElementById('_search-query'); i.value = 'hydro'; i.dispatchEvent(new Event('input')); })()")
            let found = try browser.wait(until: "document.querySelector('.search-hit mark')?.textContent === 'hydropower' && document.querySelector('.search-hit a').textContent === 'Accord'", timeout: 30)
            let shown = try browser.evaluate("document.getElementById('_search-results').innerText") as? String ?? ""
            #expect(found, "\(shown)")
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
        await server.stop()
    }
}
