import Building
@testable import Rendering
import Foundation
import Testing
import TestSupport

/// The example site in headless Chromium: search, hover previews, the graph, and pages
/// that log no errors. Pages load from disk (`file:`), as a reader may open them.
@Suite(.serialized, .enabled(if: Browser.executable != nil, "needs Chromium (apt-get install chromium)"))
struct BrowserTests {
    /// The example site, built once for the suite.
    static let output: URL = {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-browser-site-\(UUID().uuidString)")
        var options = BuildOptions(site: Repository.root, output: output)
        options.builtinTheme = Repository.templates
        _ = Builder.build(options)
        return output
    }()

    /// A page of the built site; `query` is percent-encoded here.
    func url(_ path: String, query: String? = nil) -> URL {
        var components = URLComponents(url: Self.output.appendingPathComponent(path), resolvingAgainstBaseURL: false)!
        if let query { components.queryItems = [URLQueryItem(name: "q", value: query)] }
        return components.url!
    }

    @Test func searchFindsEntitiesByAliasInAnyScript() async throws {
        try await blocking {
            let browser = try Browser()
            // (query, kind of the first result, the first result)
            let cases = [
                ("IRI", "actor", "Iran"),
                ("Рахмон", "actor", "Emomali Rahmon"),
                ("раҳмон", "actor", "Emomali Rahmon"),
                ("ایران", "actor", "Iran"),
                ("خامنه ای", "actor", "Ali Khamenei"),
                ("turkiye", "actor", "Turkey"),
                ("taj", "actor", "Tajikistan"),
                ("ababil", "event", "Opening of the Ababil-2 drone factory"),
                ("clean slate", "document", "A clean slate: how Dushanbe and Tehran reconciled, 2021–2022"),
            ]
            for (query, kind, expected) in cases {
                try browser.open(self.url("search/index.html", query: query))
                let found = try browser.wait(until: "document.querySelector('.search-hit a[href]')")
                let state = try browser.evaluate("location.href + ' ' + document.getElementById('_search-results').outerHTML")
                #expect(found, "\(query): \(state ?? "")")
                guard found else { continue }
                let first = try browser.evaluate("(a => a.textContent + ' ' + a.className)(document.querySelector('.search-hit a'))") as? String
                #expect(first == "\(expected) mention-\(kind)", "\(query)")
                #expect(browser.errors.isEmpty, "\(browser.errors)")
            }
            // Typing updates the results as you go.
            try browser.open(self.url("search/index.html"))
            try browser.evaluate("(() => { const i = document.getElementById('_search-query'); i.value = 'Khamen'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "document.querySelector('.search-hit a')?.textContent === 'Ali Khamenei'"))
            // Results link to the pages.
            let href = try browser.evaluate("document.querySelector('.search-hit a').href") as? String
            #expect(href?.hasSuffix("/actors/ali-khamenei/index.html") == true)
        }
    }

    /// The script splits and folds a query into the words the build indexed: the same
    /// words for text in many scripts, with marks, joiners, tatweel and long words.
    @Test func theScriptReadsWordsAsTheBuildWritesThem() async throws {
        let samples = [
            "Rahmon's 2022 visit—to TEHRAN.", "Émomali Raḥmon, Тоҷикистон", "علي كرمان می\u{200C}خواهد ـــ تهران",
            "ΟΔΥΣΣΕΥΣ σοφός", "İstanbul ıı ǅemal", "हिन्दी भाषा", "naïve café coöperate", "e\u{301}te\u{301} (decomposed)",
            "x²+y₂ ½ Ⅻ ٣٤ ۵۶", "emoji 🙂 and 👍🏽 in text", String(repeating: "ab", count: 40) + " short",
            "a_b c-d e.f g'h", "中文分词 日本語のテキスト 한국어", "tab\there\nnew line",
        ]
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("search/index.html"))
            #expect(try browser.wait(until: "typeof self.dossierSearchWords === 'function'"))
            for sample in samples {
                var expected: [String] = []
                SearchWords.forEach(in: sample) { expected.append($0) }
                let literal = String(decoding: try JSONSerialization.data(withJSONObject: [sample]), as: UTF8.self)
                let script = try browser.evaluate("JSON.stringify(self.dossierSearchWords(\(literal)[0]))") as? String ?? ""
                let words = try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String]
                #expect(words == expected, "\(sample)")
            }
        }
    }

    /// A page holding the manifest of an older build (the site was rebuilt since it loaded)
    /// finds files of another build, loads the manifest again and answers from the new one.
    @Test func searchRecoversFromAnOlderManifest() async throws {
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("search/index.html"))
            #expect(try browser.wait(until: "typeof self.dossierSearchQuery === 'function'"))
            // An older manifest: another build, and other versions of the files.
            try browser.evaluate("(s => { s.build = 'older'; for (const k in s.versions) s.versions[k] = s.versions[k].replace(/./g, '0'); })(self.dossierSearch)")
            try browser.evaluate("(() => { const i = document.getElementById('_search-query'); i.value = 'recrimination'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "document.querySelector('.search-hit mark')?.textContent === 'recrimination'"))
            #expect(try browser.evaluate("self.dossierSearch.build !== 'older'") as? Bool == true)
            // A result of another build than the manifest's is refused as stale: its number
            // may name another page now.
            try browser.evaluate("self.dossierSearchText(0, 'older').catch(e => { self.__stale = self.dossierSearchIsStale(e); })")
            #expect(try browser.wait(until: "self.__stale === true"))
            // A manifest of the format before versions, kept by a cache: its files are stale too.
            try browser.open(self.url("search/index.html"))
            #expect(try browser.wait(until: "typeof self.dossierSearchQuery === 'function'"))
            try browser.evaluate("(s => { s.build = 'unversioned'; delete s.versions; delete s.versionWidth; })(self.dossierSearch)")
            try browser.evaluate("(() => { const i = document.getElementById('_search-query'); i.value = 'recrimination'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "self.dossierSearch.build !== 'unversioned' && document.querySelector('.search-hit mark')?.textContent === 'recrimination'"))
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
    }

    /// A word of an article's body finds the article, with the passage quoting it and the
    /// word marked; the kind and theme filters narrow the results, and the URL keeps them.
    @Test func searchFindsTheFullTextWithExcerptsAndFilters() async throws {
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("search/index.html", query: "recrimination"))
            #expect(try browser.wait(until: "document.querySelector('.search-hit .search-excerpt mark')"))
            let hit = try browser.evaluate("(h => [h.querySelector('a').textContent, h.querySelector('mark').textContent, h.querySelector('.search-excerpt').textContent].join('|'))(document.querySelector('.search-hit'))") as? String ?? ""
            #expect(hit.hasPrefix("A clean slate: how Dushanbe and Tehran reconciled, 2021–2022|recrimination|After years of mutual recrimination"), "\(hit)")
            // A word of one letter matches names from their start and text words whole: "s" as
            // in "Rahmon's", but "q" not as in "quickly".
            func summary(_ query: String) throws -> String {
                try browser.open(self.url("search/index.html", query: query))
                _ = try browser.wait(until: "document.querySelector('.search-summary')")
                return try browser.evaluate("document.querySelector('.search-summary').textContent") as? String ?? ""
            }
            // (The example's index is one file of names and one of text: read whole here.)
            let index = try SearchFiles(Self.output.appendingPathComponent("search"))
            func units(_ kind: String, _ matches: (String) -> Bool) throws -> Set<Int> {
                let words = try index.load("\(kind)/0.js") as? [String: String] ?? [:]
                var found = Set<Int>()
                for (word, list) in words where matches(word) {
                    let numbers = SearchNumbers.decode(Array(list.utf8))
                    var unit = 0
                    for i in stride(from: 0, to: numbers.count, by: 2) { unit += numbers[i]; found.insert(unit) }
                }
                return found
            }
            let tehran = try units("names") { $0.hasPrefix("tehran") }.union(try units("terms") { $0.hasPrefix("tehran") })
            let s = try units("names") { $0.hasPrefix("s") }.union(try units("terms") { $0 == "s" })
            let expected = tehran.intersection(s).count
            #expect(expected > 0 && expected < tehran.count)
            #expect(try summary("tehran s") == "\(expected) results")
            #expect(try summary("tehran q").hasPrefix("Nothing matches"))
            // Many kinds match "iran": choosing one shows only it, and says how many of each.
            try browser.open(self.url("search/index.html", query: "iran"))
            #expect(try browser.wait(until: "document.querySelectorAll('.search-kind-chip').length > 2"))
            let chips = try browser.evaluate("[...document.querySelectorAll('.search-kind-chip')].map(c => c.textContent.trim()).join('|')") as? String ?? ""
            #expect(chips.hasPrefix("All ("), "\(chips)")
            let documents = try browser.evaluate("Number(/Documents \\((\\d+)\\)/.exec(document.getElementById('_search-kinds').textContent)[1])") as? Int ?? -1
            #expect(documents > 0)
            try browser.evaluate("(i => { i.focus(); i.click(); })([...document.querySelectorAll('.search-kind-chip input')].find(i => i.parentNode.textContent.includes('Documents')))")
            #expect(try browser.wait(until: "document.querySelector('.search-summary')?.textContent === '\(documents) result\(documents == 1 ? "" : "s")'"))
            #expect(try browser.evaluate("[...document.querySelectorAll('.search-hit a')].every(a => a.className === 'mention-document')") as? Bool == true)
            #expect(try browser.evaluate("location.search.includes('kind=document')") as? Bool == true)
            // The chosen chip keeps the keyboard focus through the new results.
            #expect(try browser.evaluate("document.activeElement.name === 'kind' && document.activeElement.checked && document.activeElement.isConnected") as? Bool == true)
            // A theme narrows them further.
            try browser.evaluate("(s => { s.value = [...s.options].find(o => o.textContent.startsWith('Energy')).value; s.dispatchEvent(new Event('change')); })(document.getElementById('_search-theme'))")
            #expect(try browser.wait(until: "document.querySelector('.search-summary') && !document.querySelector('.search-summary').textContent.startsWith('\(documents) ')"))
            #expect(try browser.evaluate("location.search.includes('theme=Energy')") as? Bool == true)
            try browser.screenshot(to: Browser.artifacts.appendingPathComponent("screenshots/search-filters.png"))
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
    }

    /// The header's box searches as you type, from any page opened from disk: the index
    /// loads on first use, the arrow keys choose a match and Enter opens it.
    @Test func headerSearchMatchesAsYouType() async throws {
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("articles/history-1992-2016/index.html"))
            #expect(try browser.evaluate("typeof self.dossierSearch") as? String == "undefined", "nothing loads before it is used")
            try browser.evaluate("(() => { const i = document.getElementById('_header-q'); i.focus(); i.value = 'rahm'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "!document.getElementById('_quick-results').hidden"))
            #expect(try browser.wait(until: "document.querySelector('#_quick-results [role=option] .quick-name')?.textContent === 'Emomali Rahmon'"))
            try browser.screenshot(to: Browser.artifacts.appendingPathComponent("screenshots/quick-search.png"))
            #expect(try browser.evaluate("document.getElementById('_header-q').getAttribute('aria-expanded')") as? String == "true")
            try browser.press("ArrowDown", code: "ArrowDown")
            #expect(try browser.evaluate("document.getElementById('_header-q').getAttribute('aria-activedescendant')") as? String == "_quick-0")
            try browser.press("Enter", code: "Enter")
            #expect(try browser.wait(until: "location.href.endsWith('/actors/emomali-rahmon/index.html') && document.readyState === 'complete'"))
            // Escape closes the list; Enter without a choice opens the page of every result.
            try browser.evaluate("(() => { const i = document.getElementById('_header-q'); i.focus(); i.value = 'iran'; i.dispatchEvent(new Event('input')); })()")
            #expect(try browser.wait(until: "!document.getElementById('_quick-results').hidden"))
            try browser.press("Escape", code: "Escape")
            #expect(try browser.evaluate("document.getElementById('_quick-results').hidden") as? Bool == true)
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
    }

    @Test func focusingAMentionShowsItsPreview() async throws {
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("articles/rapprochement-2021-2022/index.html"))
            let target = try #require(try browser.evaluate("(() => { const a = document.querySelector('.prose a.mention-actor'); a.focus(); return a.textContent; })()") as? String)
            #expect(try browser.wait(until: "document.getElementById('_preview') && !document.getElementById('_preview').hidden"))
            try browser.screenshot(to: Browser.artifacts.appendingPathComponent("screenshots/preview-on-focus.png"))
            let card = try browser.evaluate("document.getElementById('_preview').innerText") as? String ?? ""
            #expect(!card.isEmpty)
            #expect(card.contains("mentions"))
            let described = try browser.evaluate("document.activeElement.getAttribute('aria-describedby')") as? String
            #expect(described == "_preview", "\(target)")
            try browser.press("Escape", code: "Escape")
            #expect(try browser.wait(until: "document.getElementById('_preview').hidden"))
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
    }

    @Test func graphHasItsNodesAndLinksAndFilters() async throws {
        let graph = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.output.appendingPathComponent("graph.json"))) as? [String: Any]
        let entities = graph?["entities"] as? [[String: Any]] ?? []
        let expected = entities.filter { $0["kind"] as? String != "theme" && !(($0["mentions"] as? [Any])?.isEmpty ?? true) }.count
        try await blocking {
            let browser = try Browser()
            try browser.open(self.url("graph/index.html"))
            let nodes = try browser.evaluate("document.querySelectorAll('svg.graph .nodes a').length") as? Int
            let links = try browser.evaluate("document.querySelectorAll('svg.graph .edges line').length") as? Int ?? 0
            #expect(nodes == expected)
            #expect(links > expected)
            #expect(try browser.evaluate("document.querySelector('svg.graph a[href$=\"actors/iran/index.html\"] text').textContent") as? String == "Iran")
            // Hiding events leaves the actors, and only the links between them.
            try browser.evaluate("(() => { const box = document.querySelector('.graph-filter input[value=event]'); box.checked = false; box.dispatchEvent(new Event('change', {bubbles: true})); })()")
            let shown = try browser.evaluate("[...document.querySelectorAll('svg.graph .nodes a')].filter(n => getComputedStyle(n).display !== 'none').map(n => n.dataset.kind)") as? [String] ?? []
            #expect(!shown.isEmpty && shown.allSatisfy { $0 == "actor" })
            let visibleLinks = try browser.evaluate("[...document.querySelectorAll('svg.graph .edges line')].filter(l => getComputedStyle(l).display !== 'none').length") as? Int ?? 0
            #expect(visibleLinks > 0 && visibleLinks < links)
            #expect(browser.errors.isEmpty, "\(browser.errors)")
        }
    }

    /// Dark mode follows the system until the header's toggle chooses, remembers the choice
    /// across pages, and never reaches paper.
    @Test func darkModeFollowsTheSystemAndTheToggle() async throws {
        try await blocking {
            let browser = try Browser()
            let background = "getComputedStyle(document.body).backgroundColor"
            let pressed = "document.getElementById('_theme-toggle').getAttribute('aria-pressed')"
            try browser.emulateColorScheme("light")
            try browser.open(self.url("actors/iran/index.html"))
            try browser.evaluate("localStorage.removeItem('dossier-theme')")
            try browser.open(self.url("actors/iran/index.html"))
            let light = try browser.evaluate(background) as? String
            #expect(light == "rgb(251, 250, 247)")
            #expect(try browser.evaluate(pressed) as? String == "false")
            #expect(try browser.evaluate("document.getElementById('_theme-toggle').hidden") as? Bool == false)
            // The system's setting.
            try browser.emulateColorScheme("dark")
            try browser.open(self.url("actors/iran/index.html"))
            #expect(try browser.evaluate(background) as? String == "rgb(21, 24, 27)")
            #expect(try browser.evaluate(pressed) as? String == "true")
            // Charts and callouts take the palette: a graph label's halo is the page's colour.
            #expect(try browser.evaluate("getComputedStyle(document.querySelector('svg.graph .node text')).stroke") as? String == "rgb(21, 24, 27)")
            let shots = Browser.artifacts.appendingPathComponent("screenshots")
            for page in ["index.html", "actors/iran/index.html", "events/index.html", "graph/index.html",
                         "briefings/tajikistan-iran-rapprochement/index.html", "search/index.html"] {
                try browser.open(self.url(page))
                #expect(browser.errors.isEmpty, "\(page): \(browser.errors)")
                let name = page.replacingOccurrences(of: "/index.html", with: "").replacingOccurrences(of: "/", with: "_")
                try browser.screenshot(to: shots.appendingPathComponent("dark-" + name.replacingOccurrences(of: ".html", with: "") + ".png"))
            }
            // The toggle overrides the system and is remembered on the next page.
            try browser.open(self.url("actors/iran/index.html"))
            try browser.evaluate("document.getElementById('_theme-toggle').click()")
            #expect(try browser.evaluate(background) as? String == light)
            #expect(try browser.evaluate(pressed) as? String == "false")
            try browser.open(self.url("events/index.html"))
            #expect(try browser.evaluate("document.documentElement.dataset.theme") as? String == "light")
            #expect(try browser.evaluate(background) as? String == light)
            try browser.evaluate("document.getElementById('_theme-toggle').click()")
            #expect(try browser.evaluate(background) as? String == "rgb(21, 24, 27)")
            // Print is light whatever the screen shows.
            try browser.emulateMedia("print")
            #expect(try browser.evaluate(background) as? String == "rgb(255, 255, 255)")
            #expect(try browser.evaluate("getComputedStyle(document.querySelector('h1')).color") as? String == "rgb(29, 35, 41)")
            try browser.emulateMedia("")
            try browser.evaluate("localStorage.removeItem('dossier-theme')")
            try browser.emulateColorScheme("light")
        }
    }

    /// Zoom and pan by buttons, keys, wheel and drag; labels keep their size on screen; a
    /// phone opens on the most connected node rather than the whole graph shrunk.
    @Test func graphZoomsAndPans() async throws {
        try await blocking {
            let viewBox = "document.querySelector('svg.graph').getAttribute('viewBox')"
            let width = "Number(\(viewBox).split(' ')[2])"
            let browser = try Browser()
            try browser.open(self.url("graph/index.html"))
            #expect(try browser.evaluate(width) as? Double == 1000)
            try browser.evaluate("document.querySelector('button[data-zoom=in]').click()")
            let zoomed = try browser.evaluate(width) as? Double ?? 0
            #expect(zoomed < 700 && zoomed > 600)
            #expect(try browser.evaluate("document.querySelector('.graph-zoom-level').textContent") as? String == "150%")
            // Labels keep their size on screen: the font in graph units shrinks as the view does.
            let font = "parseFloat(getComputedStyle(document.querySelector('svg.graph text')).fontSize) * document.querySelector('svg.graph').getScreenCTM().a"
            let onScreen = try browser.evaluate(font) as? Double ?? 0
            #expect(abs(onScreen - 11.5) < 0.5, "\(onScreen)")
            // Keys, with a node focused: + zooms, an arrow pans, 0 shows the whole graph.
            try browser.evaluate("document.querySelector('svg.graph .node').focus()")
            try browser.press("+", code: "Equal")
            #expect(try browser.evaluate(width) as? Double ?? 0 < zoomed)
            let before = try browser.evaluate(viewBox) as? String
            try browser.press("ArrowRight", code: "ArrowRight")
            #expect(try browser.evaluate(viewBox) as? String != before)
            try browser.press("0", code: "Digit0")
            #expect(try browser.evaluate(viewBox) as? String == "0 0 1000 1000")
            // The wheel alone scrolls the page; with Ctrl it zooms where the pointer is, the
            // graph point under it staying put; a drag pans and does not follow the link.
            let wheel = "document.querySelector('svg.graph').dispatchEvent(new WheelEvent('wheel', {deltaY: -300, clientX: 400, clientY: 600, bubbles: true, cancelable: true, ctrlKey: CTRL}))"
            try browser.evaluate(wheel.replacingOccurrences(of: "CTRL", with: "false"))
            #expect(try browser.evaluate(width) as? Double == 1000)
            let underPointer = """
                (() => { const svg = document.querySelector('svg.graph'); const p = svg.createSVGPoint(); p.x = 400; p.y = 600;
                  const q = p.matrixTransform(svg.getScreenCTM().inverse()); return Math.round(q.x) + ',' + Math.round(q.y); })()
                """
            let pointBefore = try browser.evaluate(underPointer) as? String
            try browser.evaluate(wheel.replacingOccurrences(of: "CTRL", with: "true"))
            #expect(try browser.evaluate(width) as? Double ?? 1000 < 1000)
            #expect(try browser.evaluate(underPointer) as? String == pointBefore)
            let dragged = try browser.evaluate("""
                (() => { const svg = document.querySelector('svg.graph'); const before = svg.getAttribute('viewBox');
                  const at = (type, x) => svg.dispatchEvent(new PointerEvent(type, {pointerId: 1, clientX: x, clientY: 500, bubbles: true}));
                  at('pointerdown', 300); at('pointermove', 340); at('pointermove', 400); at('pointerup', 400);
                  return before !== svg.getAttribute('viewBox'); })()
                """) as? Bool
            #expect(dragged == true)
            #expect(browser.errors.isEmpty, "\(browser.errors)")
            // Where the square drawing is narrower than its box (a short, wide window), labels
            // still read at 11.5 px.
            let short = try Browser(width: 1366, height: 600)
            try short.open(self.url("graph/index.html"))
            let shortFont = try short.evaluate("parseFloat(getComputedStyle(document.querySelector('svg.graph text')).fontSize) * document.querySelector('svg.graph').getScreenCTM().a") as? Double ?? 0
            #expect(abs(shortFont - 11.5) < 0.5, "\(shortFont)")

            let phone = try Browser(width: 390, height: 844)
            try phone.open(self.url("graph/index.html"))
            let phoneWidth = try phone.evaluate(width) as? Double ?? 1000
            #expect(phoneWidth <= 400, "a phone opens zoomed in: \(phoneWidth)")
            #expect(try phone.evaluate(font) as? Double ?? 0 > 11)
            #expect(phone.errors.isEmpty, "\(phone.errors)")
        }
    }

    /// On a phone the timeline chart scrolls sideways, opens on its latest events and says
    /// so, and an actor's connections are drawn upright.
    @Test func chartsOnAPhoneAreReadable() async throws {
        try await blocking {
            let phone = try Browser(width: 390, height: 844)
            try phone.open(self.url("events/index.html"))
            let scroll = "document.querySelector('.timeline-scroll')"
            let overflow = try phone.evaluate("\(scroll).scrollWidth - \(scroll).clientWidth") as? Double ?? 0
            #expect(overflow > 100, "the chart is wider than the phone")
            // Scrolled to its end: the last event's mark is within the visible part.
            let lastVisible = try phone.evaluate("""
                (() => { const box = document.querySelector('.timeline-scroll').getBoundingClientRect();
                  const marks = [...document.querySelectorAll('svg.timeline-chart .event-mark')].map(m => m.getBoundingClientRect());
                  const last = marks.reduce((a, b) => (b.right > a.right ? b : a));
                  return last.right <= box.right + 1 && last.left >= box.left - 1; })()
                """) as? Bool
            #expect(lastVisible == true)
            #expect(try phone.evaluate("getComputedStyle(document.querySelector('.timeline-scroll-hint')).display") as? String == "block")
            #expect(phone.errors.isEmpty, "\(phone.errors)")
            // An actor's connections are drawn upright there, their labels at a readable size.
            try phone.open(self.url("actors/iran/index.html"))
            #expect(try phone.evaluate("getComputedStyle(document.querySelector('svg.graph-wide')).display") as? String == "none")
            let label = try phone.evaluate("""
                (() => { const svg = document.querySelector('svg.graph-narrow');
                  return parseFloat(getComputedStyle(svg.querySelector('text')).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })()
                """) as? Double ?? 0
            #expect(label >= 10, "\(label) px")
            let wide = try Browser()
            try wide.open(self.url("actors/iran/index.html"))
            #expect(try wide.evaluate("getComputedStyle(document.querySelector('svg.graph-narrow')).display") as? String == "none")
            try wide.open(self.url("events/index.html"))
            #expect(try wide.evaluate("getComputedStyle(document.querySelector('.timeline-scroll-hint')).display") as? String == "none")
            #expect(try wide.evaluate("\(scroll).scrollWidth - \(scroll).clientWidth") as? Double ?? 1 <= 1)
        }
    }

    @Test func pagesLoadWithoutErrors() async throws {
        let pages = [
            "index.html", "articles/history-1992-2016/index.html", "briefings/tajikistan-iran-rapprochement/index.html",
            "briefings/tajikistan-iran-rapprochement/briefing.html", "actors/index.html", "actors/iran/index.html",
            "events/index.html", "events/ababil-2-factory/index.html", "themes/security/index.html", "graph/index.html",
            "search/index.html",
        ]
        try await blocking {
            let browser = try Browser()
            let shots = Browser.artifacts.appendingPathComponent("screenshots")
            for page in pages {
                try browser.open(self.url(page))
                #expect(browser.errors.isEmpty, "\(page): \(browser.errors)")
                // Kept for a person to look at (CI keeps the folder).
                let name = page.replacingOccurrences(of: "/index.html", with: "").replacingOccurrences(of: "/", with: "_")
                try browser.screenshot(to: shots.appendingPathComponent(name.replacingOccurrences(of: ".html", with: "") + ".png"))
                #expect(try browser.evaluate("document.querySelectorAll('h1').length") as? Int == 1, "\(page)")
                #expect(try browser.evaluate("document.title.length > 0") as? Bool == true, "\(page)")
            }
            // The timeline chart and an actor's neighbourhood render as SVG with content.
            try browser.open(self.url("events/index.html"))
            #expect(try browser.evaluate("document.querySelectorAll('svg.timeline-chart .event-mark').length") as? Int ?? 0 > 15)
            try browser.open(self.url("actors/tajikistan/index.html"))
            #expect(try browser.evaluate("document.querySelectorAll('svg.graph-local .node').length") as? Int ?? 0 > 5)
        }
    }
}
