import ArgumentParser
import Building
import Foundation
import Serving

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it on this machine and rebuild it as you edit; open pages reload.")

    @OptionGroup var options: SiteOptions

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: UInt16 = 8000

    @Option(name: .long, help: "The address to listen on. Anything but 127.0.0.1 exposes your drafts to the network.")
    var host = "127.0.0.1"

    @Flag(name: .long, help: "Open the site in the default browser.")
    var open = false

    func run() async throws {
        let server = PreviewServer(options: options.buildOptions()) { line in
            DiagnosticPrinter.printError(line)
        }
        let listening: PreviewServer.Listening
        do {
            listening = try await server.start(host: host, port: port)
        } catch {
            DiagnosticPrinter.printError("error: cannot listen on \(host):\(port): \(error)")
            throw ExitCode(1)
        }
        let url = "http://\(host):\(listening.port)/"
        // Written unbuffered: scripts read this line through a pipe.
        FileHandle.standardOutput.write(Data("Serving \(url) — watching Content/, Templates/ and dossier.yml (\(listening.watcher)). Press Ctrl-C to stop.\n".utf8))
        if open { Self.openBrowser(url) }
        // Serve until interrupted.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        #if os(macOS)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open"]
        #endif
        process.arguments = (process.arguments ?? []) + [url]
        try? process.run()
    }
}
