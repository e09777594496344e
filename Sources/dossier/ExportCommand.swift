import ArgumentParser
import Building
import Foundation

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the site's data to standard output.",
        discussion: """
            json: the knowledge graph, the same as Output/graph.json. csv: the events, one row each \
            (id, name, date_start, date_end, precision, approximate, uncertain, actors, place, themes, \
            source). graphml: entities and weighted relations for Gephi, yEd or Cytoscape. timeline: \
            the dated events as TimelineJS JSON.
            """)

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "Export format: json, csv, graphml or timeline.")
    var format: Builder.ExportFormat

    func run() throws {
        let (bytes, diagnostics) = Builder.export(options.buildOptions(), format: format)
        DiagnosticPrinter.print(diagnostics)
        guard let bytes else { throw ExitCode(1) }
        FileHandle.standardOutput.write(Data(bytes))
    }
}

extension Builder.ExportFormat: ExpressibleByArgument {}
