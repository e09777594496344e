import ArgumentParser
import Building
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create a small working site to start from.")

    @Argument(help: "The folder to create (it may exist if it is empty).")
    var folder: String

    func run() throws {
        let url = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        do {
            let written = try Scaffold.create(at: url)
            print("Created \(url.path):")
            for path in written { print("  \(path)") }
            print("Next: cd \(folder) && dossier serve   (or dossier build, then open Output/index.html)")
        } catch {
            DiagnosticPrinter.printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}
