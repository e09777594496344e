import ArgumentParser
import Building
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the knowledge graph (the same as Output/graph.json) to standard output.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json }

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Export format.")
    var format: Format

    func run() throws {
        let (json, diagnostics) = Builder.exportJSON(options.buildOptions())
        DiagnosticPrinter.print(diagnostics)
        guard let json else { throw ExitCode(1) }
        FileHandle.standardOutput.write(Data(json))
    }
}
