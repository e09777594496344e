import ArgumentParser
import Building
import Foundation
import Model

struct Brief: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Publish one briefing as a single self-contained HTML file (or PDF).",
        discussion: """
            PATH-OR-ID is a document (Content/briefings/x.md) or an entity (actor:iran, event:…, \
            theme:…; a unique id, name or alias works too). The file inlines its styles and images \
            and makes no request of any kind, so it opens offline and can be mailed as it is.
            """)

    @Argument(help: "A Markdown document of the site, or an entity such as actor:iran.")
    var target: String

    @Option(name: .shortAndLong, help: "The site folder (holding Content/). Default: the folder above the document's Content/, or the current folder.")
    var site: String?

    @Option(name: .shortAndLong, help: "Where to write the file ('-' for standard output). Default: ID.html (or ID.pdf) in the current folder.")
    var output: String?

    @Flag(name: .long, help: "Write a PDF, printed by headless Chromium.")
    var pdf = false

    @Option(name: .long, help: "Paper size for --pdf: a4 (the default) or letter.")
    var paper: ChromiumPDF.Paper?

    @Flag(name: .long, help: "Treat warnings in the briefed file as errors.")
    var strict = false

    @Flag(name: .long, help: "Include documents marked draft: true.")
    var drafts = false

    func validate() throws {
        if pdf, output == "-" { throw ValidationError("--pdf cannot write to standard output; give --output FILE.pdf") }
        if paper != nil, !pdf { throw ValidationError("--paper sets the size of a PDF: add --pdf, or leave --paper out (the HTML file prints on the reader's paper)") }
        if let output, output != "-" {
            let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
            if pdf, ext == "html" || ext == "htm" { throw ValidationError("--pdf writes a PDF, but --output names '\(output)'; name it .pdf, or leave out --pdf for HTML") }
            if !pdf, ext == "pdf" { throw ValidationError("'\(output)' names a PDF: add --pdf to print one") }
        }
    }

    func run() throws {
        // Chromium is checked first: the build should not run only to fail at the end.
        if pdf, ChromiumPDF.executable() == nil {
            DiagnosticPrinter.printError("error: " + ChromiumPDF.installHint)
            throw ExitCode(1)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let (siteURL, briefTarget) = try resolve(cwd: cwd)
        var options = BuildOptions(site: siteURL)
        options.strict = strict
        options.drafts = drafts
        let brief = Builder.brief(options, target: briefTarget)
        DiagnosticPrinter.print(brief.diagnostics)
        guard let html = brief.html else {
            if let failure = brief.failure { DiagnosticPrinter.printError("error: \(failure)".escapedForTerminal) }
            throw ExitCode(1)
        }
        if output == "-" {
            FileHandle.standardOutput.write(Data(html.utf8))
            return
        }
        let destination = URL(fileURLWithPath: output ?? "\(brief.name).\(pdf ? "pdf" : "html")", relativeTo: cwd).standardizedFileURL
        do {
            if pdf {
                try ChromiumPDF.print(html: html, paper: paper ?? .a4, to: destination)
            } else {
                try Data(html.utf8).write(to: destination, options: .atomic)
            }
        } catch {
            DiagnosticPrinter.printError("error: \(error)".escapedForTerminal)
            throw ExitCode(1)
        }
        DiagnosticPrinter.printError("Wrote \(destination.path)")
    }

    /// A path that exists is a document; its site is `--site`, or the folder that holds the
    /// `Content/` it lies in. Anything else names an entity.
    private func resolve(cwd: URL) throws -> (URL, BriefTarget) {
        let siteURL = site.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
        let file = URL(fileURLWithPath: target, relativeTo: cwd).standardizedFileURL.resolvingSymlinksInPath()
        var isDirectory: ObjCBool = false
        guard target.hasSuffix(".md") || target.hasSuffix(".markdown") || target.contains("/"),
              FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory) else {
            if target.hasSuffix(".md") || target.hasSuffix(".markdown") { throw ValidationError("no such file: \(target)") }
            return (siteURL ?? cwd.standardizedFileURL, .entity(target))
        }
        guard !isDirectory.boolValue else { throw ValidationError("\(target) is a folder; give a Markdown file or an entity id") }
        let root = siteURL ?? siteFolder(of: file)
        guard let root else { throw ValidationError("\(target) is not inside a site's Content/ folder or a vault; pass --site") }
        let site = root.resolvingSymlinksInPath().path
        let content = BuildOptions(site: root.resolvingSymlinksInPath()).contentRoot + "/"
        guard file.path.hasPrefix(content) else { throw ValidationError("\(target) is not inside \(content)") }
        // Documents are named by their path from the site folder.
        return (root, .document(String(file.path.dropFirst(site.count + 1))))
    }

    /// The site that holds `file`: the folder above the nearest `Content/`, or the nearest
    /// vault (a folder with `.obsidian/`).
    private func siteFolder(of file: URL) -> URL? {
        var folder = file.deletingLastPathComponent()
        while folder.path != "/" {
            if folder.lastPathComponent == "Content" { return folder.deletingLastPathComponent() }
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(".obsidian").path) { return folder }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}

extension ChromiumPDF.Paper: ExpressibleByArgument {}
