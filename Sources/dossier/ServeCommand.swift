import ArgumentParser
import Building
import Foundation
import Model
import Serving

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
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
            DiagnosticPrinter.printError(line.escapedForTerminal)
        }
        let listening: PreviewServer.Listening
        guard host == "localhost" || Self.isIPAddress(host) else {
            DiagnosticPrinter.printError("error: --host must be an IP address (127.0.0.1, ::1, 0.0.0.0) or localhost, not '\(host)'")
            throw ExitCode(1)
        }
        if !PreviewServer.isLoopback(host) {
            let drafts = options.drafts ? ", drafts included," : ""
            DiagnosticPrinter.printError("warning: --host \(host) serves the preview\(drafts) to every machine that can reach this one; use 127.0.0.1 to keep it on this machine")
        }
        do {
            listening = try await server.start(host: host, port: port)
        } catch let error as PreviewServer.StartError {
            DiagnosticPrinter.printError("error: \(error)")
            throw ExitCode(1)
        } catch {
            DiagnosticPrinter.printError("error: cannot listen on \(host) port \(port): \(error)")
            throw ExitCode(1)
        }
        let url = "http://\(host.contains(":") ? "[\(host)]" : host):\(listening.port)/"
        // Written unbuffered: scripts read this line through a pipe.
        let content = server.contentRoot == server.options.site.path ? "the vault" : "Content/, Templates/ and dossier.yml"
        FileHandle.standardOutput.write(Data("Serving \(url) — watching \(content) (\(listening.watcher)). Press Ctrl-C to stop.\n".utf8))
        if open { Self.openBrowser(url) }
        // Serve until interrupted.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }

    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
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
