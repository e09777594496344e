import Foundation

/// Prints an HTML file to PDF with headless Chromium, the one part of Dossier that needs
/// it. Chromium honours the page's print stylesheet: `@page` margins and margin boxes,
/// break rules, and its page counter.
package enum ChromiumPDF {
    package enum Paper: String, Sendable, CaseIterable {
        case a4, letter

        var css: String { self == .a4 ? "A4" : "letter" }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Names Chromium goes by; `DOSSIER_CHROMIUM` names one explicitly.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"]

    /// The Chromium executable, or nil when none is installed.
    package static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["DOSSIER_CHROMIUM"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in candidates {
                let file = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: file) { return file }
            }
        }
        return nil
    }

    package static var installHint: String { installHint() }

    /// Why no Chromium was found: the `DOSSIER_CHROMIUM` path named, when one was set.
    package static func installHint(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["DOSSIER_CHROMIUM"], !explicit.isEmpty {
            let problem = FileManager.default.fileExists(atPath: explicit) ? "is not an executable file" : "does not exist"
            return "--pdf needs Chromium: DOSSIER_CHROMIUM is set to '\(explicit)', which \(problem). Point it at Chromium's executable, or unset it to search PATH."
        }
        return """
            --pdf needs Chromium, which was not found. Install it (Debian and Ubuntu: sudo apt-get install chromium; \
            macOS: install Google Chrome) or set DOSSIER_CHROMIUM to its executable. The HTML file alone needs nothing: \
            open it in a browser and print it.
            """
    }

    /// Writes `html` as a PDF on `paper` to `output`.
    package static func print(html: String, paper: Paper, to output: URL, timeout: TimeInterval = 120) throws {
        guard let chromium = executable() else { throw Failure(description: installHint) }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        // The paper size is the printer's choice, not the theme's: it goes in last.
        let sized = html.replacingOccurrences(of: "</head>", with: "<style>@page { size: \(paper.css); }</style>\n</head>")
        let page = work.appendingPathComponent("briefing.html")
        try Data(sized.utf8).write(to: page)
        let pdf = work.appendingPathComponent("briefing.pdf")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=\(work.appendingPathComponent("profile").path)",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)",
        ]
        // Chromium refuses to start its sandbox as root (containers, CI).
        if geteuid() == 0 { arguments.append("--no-sandbox") }
        process.arguments = arguments + [page.absoluteString]
        let log = work.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let logHandle = try FileHandle(forWritingTo: log)
        defer { try? logHandle.close() }
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw Failure(description: "Chromium did not finish printing within \(Int(timeout)) s")
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            let tail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(600)) } ?? ""
            throw Failure(description: "Chromium could not print the briefing (exit status \(process.terminationStatus)): \(tail)")
        }
        try data.write(to: output, options: .atomic)
    }
}
