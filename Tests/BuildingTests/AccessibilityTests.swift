import Building
import Foundation
import Testing
import TestSupport

/// axe-core, Deque's accessibility engine, as PyPI's `axe-playwright-python` ships it.
enum Axe {
    static let source: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import importlib.util as u; s = u.find_spec('axe_playwright_python'); print(s.submodule_search_locations[0] if s else '')"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let folder = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        guard !folder.isEmpty else { return nil }
        return try? String(contentsOfFile: folder + "/axe.min.js", encoding: .utf8)
    }()

    /// Serious and critical violations of the open page, each with up to three of its elements.
    static func seriousViolations(_ browser: Browser) throws -> [String]? {
        try browser.evaluate(source!)
        return try browser.evaluate("""
            axe.run(document, { resultTypes: ["violations"] }).then(r => r.violations
              .filter(v => v.impact === "serious" || v.impact === "critical")
              .map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))
            """) as? [String]
    }
}

/// axe-core run in Chromium on every page kind of the example site, and on a page holding
/// what the example does not (every callout type, tables, footnotes, tags, embeds, stubs),
/// in the light and the dark scheme: no serious or critical violation.
@Suite(.serialized, .enabled(if: Browser.executable != nil && Axe.source != nil, "needs Chromium and axe-core (make test-deps installs both)"))
struct AccessibilityTests {
    static let pages = [
        "index.html", "articles/index.html", "articles/history-1992-2016/index.html",
        "briefings/tajikistan-iran-rapprochement/index.html", "briefings/tajikistan-iran-rapprochement/briefing.html",
        "actors/index.html", "actors/iran/index.html", "events/index.html", "events/ababil-2-factory/index.html",
        "themes/index.html", "themes/security/index.html", "graph/index.html", "search/index.html",
    ]

    @Test(arguments: ["light", "dark"])
    func everyPageKindHasNoSeriousViolation(scheme: String) async throws {
        try await blocking {
            let browser = try Browser()
            try browser.emulateColorScheme(scheme)
            for page in Self.pages {
                // A query, so the search page is checked with its results shown.
                try browser.open(BrowserTests().url(page, query: page.hasPrefix("search") ? "iran" : nil))
                if page.hasPrefix("search") {
                    #expect(try browser.wait(until: "document.querySelector('.search-hit .search-excerpt mark') && !document.getElementById('_search-kinds').hidden"))
                }
                let found = try Axe.seriousViolations(browser)
                #expect(found == [], "\(scheme) \(page): \(found ?? ["axe did not run"])")
            }
            // The header's list of matches, open.
            try browser.open(BrowserTests().url("index.html"))
            try browser.evaluate("(() => { const i = document.getElementById('_header-q'); i.focus(); i.value = 'taj'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "!document.getElementById('_quick-results').hidden"))
            let found = try Axe.seriousViolations(browser)
            #expect(found == [], "\(scheme) quick search: \(found ?? ["axe did not run"])")
        }
    }

    @Test(arguments: ["light", "dark"])
    func everyKindOfContentHasNoSeriousViolation(scheme: String) async throws {
        let callouts = ["note", "abstract", "info", "todo", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote"]
            .map { "> [!\($0)] A \($0)\n> Text of the \($0).\n" }.joined(separator: "\n")
        let rest = "\n| A | B |\n|---|---|\n| [[iran]] | ==marked== and ~~struck~~ |\n\n"
            + "A note[^1] on #energy and [[theme:water]], [[nobody]], `code`.\n\n- [x] done\n- [ ] open\n\n"
            + "![[actor:iran]]\n\n![[iran#^fact]]\n\n> [!tip]- Folded\n> Hidden.\n\n[^1]: The note.\n"
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\nA country. ^fact\n",
            "Content/articles/all.md": "---\ntitle: All\n---\n" + callouts + rest,
        ])
        var options = site.options()
        options.builtinTheme = Repository.templates
        _ = Builder.build(options)
        let output = site.output
        try await blocking {
            let browser = try Browser()
            try browser.emulateColorScheme(scheme)
            for page in ["articles/all/index.html", "themes/water/index.html", "themes/energy/index.html", "actors/iran/index.html"] {
                try browser.open(output.appendingPathComponent(page))
                let found = try Axe.seriousViolations(browser)
                #expect(found == [], "\(scheme) \(page): \(found ?? ["axe did not run"])")
            }
        }
        withExtendedLifetime(site) {}
    }
}
