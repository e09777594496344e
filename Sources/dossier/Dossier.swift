import ArgumentParser
import Building

@main
struct Dossier: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Generate a linked website of actors, events and themes from annotated Markdown.",
        version: Version.dossier,
        subcommands: [Build.self, Check.self, Brief.self, Export.self, Serve.self, New.self],
        defaultSubcommand: Build.self
    )
}
