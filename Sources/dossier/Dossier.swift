import ArgumentParser
import Building
import Foundation
import Model

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Generate a linked website of actors, events and themes from annotated Markdown.",
        version: Version.dossier,
        subcommands: [Build.self, Check.self, Brief.self, Export.self, Serve.self, New.self],
        defaultSubcommand: Build.self
    )

    /// `build` is the default command, so a misspelt command (`dossier biuld`) would reach
    /// it as an argument it does not take: it is caught here and named.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownCommand(arguments) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        await main(arguments)
    }

    /// The message for a first argument that is no command and no option, or nil.
    static func unknownCommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        let commands = configuration.subcommands.map { $0._commandName }
        guard !commands.contains(first) else { return nil }
        var message = "error: '\(first)' is not a dossier command"
        if let guess = Suggestion.closest(to: first.lowercased(), among: commands) ?? commands.first(where: { first.lowercased().hasPrefix($0) }) {
            message += " (did you mean '\(guess)'?)"
        }
        return message + "\nThe commands are \(commands.joined(separator: ", ")); 'dossier help COMMAND' describes one."
    }
}
