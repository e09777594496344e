import Testing
@testable import Templating

/// A view made of a dictionary, for tests.
struct Object: TemplateObject, TemplateRepresentable {
    var fields: [String: any TemplateRepresentable]
    init(_ fields: [String: any TemplateRepresentable]) { self.fields = fields }
    func value(forKey key: TemplateKey) -> TemplateValue { fields[key.name]?.templateValue ?? .missing }
}

extension Object: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, any TemplateRepresentable)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}

func render(_ source: String, _ context: Object = [:], partials: [String: String] = [:]) throws -> String {
    var templates = try partials.mapValues { try Template($0) }
    templates["main"] = try Template(source)
    return try #require(TemplateLibrary(templates).render(context, template: "main"))
}

func syntaxError(_ source: String) -> TemplateSyntaxError? {
    do {
        _ = try Template(source)
        return nil
    } catch {
        return error
    }
}

@Suite struct InterpolationTests {
    @Test func escapesByDefaultAndNotInTripleOrAmpersand() throws {
        let context: Object = ["x": "<a href=\"q\">&'</a>"]
        #expect(try render("{{x}}", context) == "&lt;a href=&quot;q&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(try render("{{{x}}}|{{& x }}", context) == "<a href=\"q\">&'</a>|<a href=\"q\">&'</a>")
    }

    /// HTML held as bytes renders as text holding the same characters would.
    @Test func htmlBytesRenderAsTheSameText() throws {
        for text in ["<a href=\"q\">&'</a>", "Душанбе <mark>é</mark>", ""] {
            let asText: Object = ["x": text], asBytes: Object = ["x": HTMLBytes(text)]
            for source in ["{{x}}", "{{{x}}}", "{{& x}}", "[{{#x}}yes{{/x}}]", "[{{^x}}no{{/x}}]", "{{#empty(x)}}empty{{/empty(x)}}"] {
                #expect(try render(source, asBytes) == render(source, asText), "\(source) with \(text)")
            }
        }
    }

    @Test func numbersBooleansAndMissingNames() throws {
        #expect(try render("{{n}} {{b}} [{{nothing}}]", ["n": 42, "b": false]) == "42 false []")
        #expect(try render("[{{opt}}]", ["opt": String?.none]) == "[]")
    }

    /// A quote followed by a combining mark is one Character but two scalars: still escaped.
    @Test func escapesScalarsNotCharacters() throws {
        #expect(try render("{{x}}", ["x": "\"\u{301} x"]) == "&quot;\u{301} x")
    }

    @Test func replacesCodePointsHTMLForbids() throws {
        let forbidden = [0x1, 0x85, 0xFDD0, 0xFFFE, 0x1FFFF].map { String(Unicode.Scalar(UInt32($0))!) }
        let text = "a\(forbidden[0])b\(forbidden[1])c\(forbidden[2])d\(forbidden[3])e\(forbidden[4])f\tg"
        #expect(try render("{{x}}", ["x": text]) == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\tg")
        #expect(try render("{{x}}", ["x": "Иран · ایران · é ￼"]) == "Иран · ایران · é ￼")
    }

    @Test func dottedNamesAndTheCurrentValue() throws {
        let context: Object = ["a": Object(["b": Object(["c": "deep"])]), "list": ["x", "y"]]
        #expect(try render("{{a.b.c}}|{{#list}}{{.}}{{/list}}", context) == "deep|xy")
        // A dotted name that is found at its first key does not climb further.
        #expect(try render("{{#a}}{{b.missing}}{{/a}}", ["a": Object(["b": Object([:])]), "missing": "no"]) == "")
    }
}

@Suite struct SectionTests {
    @Test func listsObjectsAndFalseyValues() throws {
        let context: Object = [
            "items": [Object(["name": "a"]), Object(["name": "b"])],
            "empty": [String](), "yes": true, "no": false, "obj": Object(["name": "o"]),
        ]
        #expect(try render("{{#items}}<{{name}}>{{/items}}", context) == "<a><b>")
        #expect(try render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", context) == "none")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}n{{/no}}", context) == "Yn")
        #expect(try render("{{#obj}}{{name}}{{/obj}}{{^missing}}!{{/missing}}", context) == "o!")
    }

    /// Names not found in an inner context are looked up in the enclosing ones.
    @Test func lookupsClimbTheContextStack() throws {
        let context: Object = ["title": "T", "items": [Object(["name": "a"]), Object(["name": "b", "title": "own"])]]
        #expect(try render("{{#items}}{{name}}:{{title}} {{/items}}", context) == "a:T b:own ")
    }

    @Test func listPositions() throws {
        let context: Object = ["items": ["a", "b", "c"]]
        #expect(try render("{{#items}}{{.}}{{^last()}}, {{/last()}}{{/items}}", context) == "a, b, c")
        #expect(try render("{{#items}}{{index()}}{{#first()}}F{{/first()}}{{#even()}}e{{/even()}}{{/items}}", context) == "0Fe12e")
    }

    @Test func transforms() throws {
        let context: Object = ["s": "hello world", "items": ["a", "b"], "n": 0]
        #expect(try render("{{uppercased(s)}}|{{capitalized(s)}}|{{count(items)}}|{{#reversed(items)}}{{.}}{{/reversed(items)}}", context)
            == "HELLO WORLD|Hello World|2|ba")
        #expect(try render("{{#equalzero(n)}}zero{{/equalzero(n)}} {{plusone(n)}} {{#empty(items)}}E{{/empty(items)}}", context) == "zero 1 ")
    }
}

@Suite struct WhitespaceTests {
    /// Standalone section, comment and partial tags take their line with them.
    @Test func standaloneLinesAreRemoved() throws {
        let source = """
        <ul>
          {{#items}}
          <li>{{.}}</li>
          {{/items}}
          {{! a comment }}
        </ul>

        """
        #expect(try render(source, ["items": ["a", "b"]]) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
    }

    @Test func crlfStandaloneAndInlineTagsKeepTheirLine() throws {
        #expect(try render("a\r\n{{#t}}\r\nb\r\n{{/t}}\r\nc", ["t": true]) == "a\r\nb\r\nc")
        #expect(try render(" {{#t}}x{{/t}} \n", ["t": true]) == " x \n")
    }

    @Test func standalonePartialsAreIndented() throws {
        let output = try render("<div>\n  {{> item}}\n</div>", ["x": "1"], partials: ["item": "<p>\n{{x}}\n</p>\n"])
        #expect(output == "<div>\n  <p>\n  1\n  </p>\n</div>")
    }

    @Test func setDelimiters() throws {
        #expect(try render("{{=<% %>=}}<% x %> {{x}} <%={{ }}=%>{{x}}", ["x": "v"]) == "v {{x}} v")
    }

    @Test func multilineCommentsAreStandalone() throws {
        #expect(try render("a\n{{!\ncomment\n}}\nb", [:]) == "a\nb")
    }
}

@Suite struct TemplateErrorTests {
    @Test func reportsLineAndColumn() {
        #expect(syntaxError("ok\n  {{#a}}\n{{/b}}") == TemplateSyntaxError(message: "'{{/b}}' does not close 'a', opened at line 2", line: 3, column: 1))
        #expect(syntaxError("x {{#a}}") == TemplateSyntaxError(message: "section 'a' is never closed", line: 1, column: 3))
        #expect(syntaxError("{{/a}}")?.message == "'{{/a}}' closes a section that is not open")
        #expect(syntaxError("line\n   {{name") == TemplateSyntaxError(message: "tag is not closed (expected '}}')", line: 2, column: 4))
        #expect(syntaxError("{{{raw}}") != nil)
        #expect(syntaxError("{{}}")?.message == "empty tag")
        #expect(syntaxError("{{a b}}")?.message == "'a b' is not a name")
        #expect(syntaxError("{{=<% %>}}")?.message == "set-delimiter tag must end with '='")
        #expect(syntaxError("{{<parent}}{{/parent}}") != nil)
    }

    @Test func unknownTransformsListTheKnownOnes() throws {
        let error = try #require(syntaxError("\n{{frobnicate(x)}}"))
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("unknown transform 'frobnicate'; known: capitalized, lowercased"))
        #expect(syntaxError("{{nth()}}")?.message.hasPrefix("unknown list position 'nth()'") == true)
    }

    @Test func listsThePartialsATemplateUses() throws {
        let template = try Template("{{> a}}\n{{#x}}\n  {{> b}}\n{{/x}}{{> a}}")
        #expect(template.partials.map(\.name) == ["a", "b"])
        #expect(template.partials.map(\.line) == [1, 3])
    }

    /// A partial that includes itself forever stops at a depth limit instead of overflowing the stack.
    @Test func recursivePartialsStop() throws {
        let output = try render("{{> loop}}", [:], partials: ["loop": "x{{> loop}}"])
        #expect(output == String(repeating: "x", count: TemplateRenderer.maximumPartialDepth))
    }
}

/// The library compiles its templates into one program, with adjacent text in one copy: each
/// template, partial variant and section must still end where it did.
@Suite struct CompiledProgramTests {
    @Test func eachTemplateKeepsItsOwnText() throws {
        // Compiled in name order, "a" ends with text and "b" starts with text right after it.
        let library = TemplateLibrary(["a": try Template("A-end"), "b": try Template("B-start{{> a}}B-end")])
        #expect(library.render(Object([:]), template: "a") == "A-end")
        #expect(library.render(Object([:]), template: "b") == "B-startA-endB-end")
    }

    @Test func textAfterASectionIsNotPartOfIt() throws {
        #expect(try render("{{#no}}in{{/no}}out|{{^yes}}in{{/yes}}out", ["no": false, "yes": true]) == "out|out")
        #expect(try render("a{{! note }}b{{#list}}<{{.}}>{{/list}}c", ["list": ["x", "y"]]) == "ab<x><y>c")
        #expect(try render("{{#o}}{{#i}}1{{/i}}2{{/o}}3", ["o": true, "i": false]) == "23")
    }

    @Test func indentedPartialsAndMissingOnes() throws {
        let templates = ["main": try Template("  {{> p}}\n{{> gone}}|{{> p}}"), "p": try Template("x\ny\n")]
        #expect(TemplateLibrary(templates).render(Object([:]), template: "main") == "  x\n  y\n|x\ny\n")
    }

    /// Views answer by number: names given up front keep theirs; others follow, and objects
    /// that answer by name still find them.
    @Test func keysAreNumberedFromTheVocabulary() throws {
        let table = TemplateKeyTable(vocabulary: ["title", "url", "title"], extra: ["other"])
        #expect(table.key("title")?.id == 0)
        #expect(table.key("url")?.id == 1)
        #expect(table.key("other")?.id == 2)
        #expect(table.key("other")?.name == "other")
        #expect(table.key("none") == nil)
        let library = TemplateLibrary(["main": try Template("{{zeta}}{{#a}}{{title}}{{/a}}")], vocabulary: ["title"])
        #expect(library.render(Object(["zeta": "z", "a": Object(["title": "t"])]), template: "main") == "zt")
    }
}
