import ArgumentParser
import Building
import Foundation

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The site folder (holding Content/ and dossier.yml, or an Obsidian vault).")
    var site: String = "."

    @Flag(name: .long, help: "Treat warnings as errors.")
    var strict = false

    @Flag(name: .long, help: "Include documents marked draft: true.")
    var drafts = false

    func buildOptions(output: String? = nil) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let siteURL = URL(fileURLWithPath: site, relativeTo: cwd).standardizedFileURL
        var options = BuildOptions(site: siteURL, output: output.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL })
        options.strict = strict
        options.drafts = drafts
        return options
    }
}
