import ArgumentParser
import Building
import Model

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report problems in the site without writing anything; exit 1 on errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Output format: text (compiler style, on stderr) or json (on stdout).")
    var format: Format = .text

    @Flag(name: .long, help: "Also list plain-text names of entities that could be annotated (notes).")
    var unlinked = false

    func run() throws {
        let diagnostics = Builder.check(options.buildOptions(), unlinked: unlinked)
        switch format {
        case .text:
            DiagnosticPrinter.print(diagnostics)
            let notes = diagnostics.filter { $0.severity == .note }.count
            print(Builder.Report.counted(diagnostics) + (unlinked ? ", " + Plural.count(notes, "unlinked mention") : ""))
        case .json:
            DiagnosticPrinter.printJSON(diagnostics)
        }
        let failed = diagnostics.hasErrors || (options.strict && diagnostics.warningCount > 0)
        if failed { throw ExitCode(1) }
    }
}
