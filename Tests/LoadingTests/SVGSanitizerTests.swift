import Loading
import Testing

@Suite struct SVGSanitizerTests {
    func clean(_ svg: String) -> String? {
        SVGSanitizer.sanitize(Array(svg.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func scriptsHandlersAndOutsideLinksGo() throws {
        let evil = """
            <?xml version="1.0"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">
              <script>alert(2)</script>
              <SCRIPT type="text/ecmascript"><![CDATA[alert(3)]]></SCRIPT>
              <a xlink:href="javascript:alert(4)"><rect width="5" height="5" onclick="alert(5)" fill="url(#g)"/></a>
              <a href=" JaVa&#x09;script:alert(6)"><circle r="1"/></a>
              <image href="https://tracker.example/pixel.png" width="1" height="1"/>
              <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="1" height="1"/>
              <use href="#shape"/>
              <foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://x.example"/></body></foreignObject>
              <set attributeName="href" to="javascript:alert(7)"/>
              <animate attributeName="opacity" from="0" to="1" dur="1s"/>
              <style>@import url(https://x.example/a.css); rect { fill: red }</style>
              <style>circle { fill: url(#g) }</style>
              <path d="M0 0 L10 10" style="fill: url(https://x.example/p.png)"/>
              <text x="1" y="1">5 &lt; 6 &amp; "quoted"</text>
            </svg>
            """
        let result = try #require(clean(evil))
        for gone in ["alert", "script", "SCRIPT", "onload", "onclick", "javascript", "tracker", "data:", "foreignObject", "iframe", "@import",
                     "x.example", "<set"] {
            #expect(!result.contains(gone), "\(gone) is still in \(result)")
        }
        for kept in ["<svg", "xmlns=\"http://www.w3.org/2000/svg\"", "viewBox=\"0 0 10 10\"", "<rect", "fill=\"url(#g)\"", "<use href=\"#shape\"",
                     "<animate", "circle { fill: url(#g) }", "d=\"M0 0 L10 10\"", "5 &lt; 6 &amp; &quot;quoted&quot;"] {
            #expect(result.contains(kept), "\(kept) is missing from \(result)")
        }
        // What comes out parses again, to the same bytes.
        #expect(clean(result) == result)
    }

    @Test func notXMLIsRefused() {
        #expect(clean("<svg><g></svg>") == nil)
        #expect(clean("not svg at all") == nil)
        #expect(clean("") == nil)
    }
}
