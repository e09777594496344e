import Building
import Foundation
import Model
@testable import Rendering
import Templating
import Testing
import TestSupport

/// Views hand their fields to templates through `TemplateObject`; this checks, for every view
/// the fixture site produces, that each stored property is answered with the same value.
@Suite struct ViewConformanceTests {
    @Test func everyStoredPropertyIsVisibleToTemplates() throws {
        var options = BuildOptions(site: FixtureSiteTests.site)
        options.builtinTheme = Repository.templates
        let site = try #require(Pipeline.generate(options).site)
        let navigation = Navigation(site)
        let index = RenderIndex(site)
        var checked = Set<String>()
        let standalone = RenderContext(site: site, urls: URLs(pretty: false, folder: ""), navigation: navigation, index: index, standalone: true)
        let head = StandaloneHead(language: "en", direction: "ltr", siteTitle: "T", css: "body {}", pageCSS: "@page {}")
        for page in Page.inventory(of: site) {
            let context = RenderContext(site: site, urls: URLs(pretty: false, folder: page.folder(in: site)), navigation: navigation, index: index)
            let view: Any? = switch page {
            case .home: context.homeView()
            case .document(let file) where site.isBriefing(file): context.briefingView(file)
            case .document(let file): context.documentView(file)
            case .briefingFile(let file): standalone.briefingView(file, notes: ["https://example.org/"], head: head)
            case .section(let name): context.sectionView(name)
            case .entityIndex(let kind): context.indexView(kind)
            case let .entity(index, number): context.entityView(index, page: number)
            case .graph: context.graphView()
            case .search: context.searchView()
            case .feed, .sitemap, .searchIndex, .previews: nil
            }
            if let view { check(view, path: "\(page)", checked: &checked) }
        }
        for entity in site.entities.indices {
            check(standalone.entityBriefingView(entity, reparsed: nil, notes: ["https://example.org/"], head: head),
                  path: "brief \(site.entities[entity].key)", checked: &checked)
        }
        for type in ["HomeView", "DocumentView", "SectionView", "IndexView", "EntityView", "LayoutView", "NavItem",
                     "EntityLinkView", "DocumentSummaryView", "MentionGroupView", "Snippet", "PagerView", "Link",
                     "TOCItem", "JudgmentView", "EntityGroup", "Group", "Stats",
                     "BriefingView", "ScaleStep", "StandaloneHead", "BannerView", "AnnexView", "Entity", "Source", "Note",
                     "EstimativeKeyView", "Term", "Level", "EntityBriefingView", "Fact", "TimelineItem", "DocumentPassages",
                     "GraphPageView", "ThemeOption", "SearchPageView"] {
            #expect(checked.contains(type), "no \(type) was checked")
        }
    }

    /// The numbers templates are compiled with.
    static let keys = TemplateKeyTable(vocabulary: ViewKey.vocabulary)

    private func check(_ value: Any, path: String, checked: inout Set<String>) {
        if let array = value as? [Any] {
            for (i, item) in array.enumerated() { check(item, path: "\(path)[\(i)]", checked: &checked) }
            return
        }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let wrapped = mirror.children.first?.value { check(wrapped, path: path, checked: &checked) }
            return
        }
        // Views are structs, and a few shared ones (`LayoutView`) classes.
        // Text and HTML bytes are values, not objects with fields.
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class, !(value is String), !(value is HTMLBytes) else { return }
        guard let object = value as? TemplateObject else {
            Issue.record("\(type(of: value)) at \(path) is not a TemplateObject")
            return
        }
        checked.insert(String(describing: type(of: value)))
        for child in mirror.children {
            guard let label = child.label else { continue }
            let expected = unwrap(child.value)
            guard let key = Self.keys.key(label) else {
                Issue.record("\(path).\(label) is not in ViewKey: templates cannot read it")
                continue
            }
            let actual = describe(object.value(forKey: key))
            #expect(actual == expected.map(describe), "\(path).\(label)")
            if let expected { check(expected, path: "\(path).\(label)", checked: &checked) }
        }
    }

    /// Scalars by value; lists by length, objects by kind (their fields are checked in turn).
    private func describe(_ value: TemplateValue) -> String? {
        switch value {
        case .missing: nil
        case .bool(let flag): String(flag)
        case .int(let number): String(number)
        case .text(let text): text
        case .html(let bytes): String(decoding: bytes, as: UTF8.self)
        case .object: "object"
        case .list(let list): "list of \(list.count)"
        }
    }

    private func describe(_ value: Any) -> String {
        switch value {
        case let text as String: text
        case let html as HTMLBytes: String(decoding: html.bytes, as: UTF8.self)
        case let number as Int: String(number)
        case let flag as Bool: String(flag)
        case let array as [Any]: "list of \(array.count)"
        default: "object"
        }
    }

    private func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrap($0.value) } ?? nil
    }
}
