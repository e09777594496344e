import ArgumentParser
import Building
import Foundation
import Model

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Build the site into the output folder.")

    @OptionGroup var options: SiteOptions

    @Option(name: .shortAndLong, help: "The output folder (default: SITE/Output).")
    var output: String?

    @Option(name: .customLong("base-url"), help: "Override baseURL from dossier.yml.")
    var baseURL: String?

    @Flag(name: .long, help: "Print the time each stage took.")
    var timings = false

    func run() throws {
        var buildOptions = options.buildOptions(output: output)
        buildOptions.baseURL = baseURL
        buildOptions.persistentCache = true
        buildOptions.freesMemory = false
        let terminal = isatty(STDERR_FILENO) == 1
        if terminal {
            // One line, rewritten as each stage starts, cleared at the end.
            buildOptions.progress = { step in DiagnosticPrinter.printError("\r\u{1B}[K\(step)…", terminator: "") }
        }
        let report = Builder.build(buildOptions)
        if terminal { DiagnosticPrinter.printError("\r\u{1B}[K", terminator: "") }
        DiagnosticPrinter.print(report.diagnostics)
        if let writeError = report.writeError { DiagnosticPrinter.printError("error: \(writeError)".escapedForTerminal) }
        if timings {
            for (step, seconds) in report.timings {
                let name = step.padding(toLength: 8, withPad: " ", startingAt: 0)
                DiagnosticPrinter.printError(name + String(format: "%8.3f s", seconds))
            }
        }
        print(report.summary)
        if !report.succeeded { throw ExitCode(1) }
    }
}
