import Foundation
import Testing
import TestSupport

/// The `dossier` executable as users run it.
@Suite struct CLITests {
    static var executable: URL? {
        let candidates = [".build/debug/dossier", ".build/release/dossier"].map { Repository.root.appendingPathComponent($0) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        let executable: URL = try #require(Self.executable, "build the dossier executable first")
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test func checkReportsUnknownWikilinkWithPositionAndSuggestion() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/x.md": "---\ntitle: X\n---\n\nThe role of [[irn]] grows.\n",
        ])
        let result = try run(["check", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("Content/articles/x.md:5:13: error: unknown entity 'irn' (did you mean 'iran'?) [unresolved-mention]"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test func authorTextReachesTheTerminalEscaped() throws {
        // A window title, a screen clear, an OSC 52 clipboard write and a right-to-left
        // override, in a value a diagnostic quotes.
        let site = try TemporarySite([
            "Content/actors/x.md": "---\nname: X\ntype: \"\\e]0;PWNED\\a\\e[2J\\e]52;c;cHduZWQ=\\a\\u202Eevil\"\n---\n",
        ])
        let result = try run(["check", "--site", site.root.path])
        #expect(result.stderr.contains("invalid-actor-type"), "\(result.stderr)")
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(result.stderr.contains("\\u{1B}]0;PWNED\\u{7}") && result.stderr.contains("\\u{202E}evil"))
    }

    @Test func checkSpeaksJSONForTools() throws {
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\n[[nobody]]\n"])
        let result = try run(["check", "--site", site.root.path, "--format", "json"])
        #expect(result.status == 1)
        let records = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(records.count == 1)
        #expect(records.first?["code"] as? String == "unresolved-mention")
        #expect(records.first?["line"] as? Int == 4)
        #expect(records.first?["path"] as? String == "Content/articles/x.md")
    }

    @Test func exportPrintsEntitiesWithMentionPositions() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/articles/x.md": "---\ntitle: X\n---\nOn [[iran]].\n",
        ])
        let result = try run(["export", "--site", site.root.path, "--format", "json"])
        #expect(result.status == 0)
        let graph = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let iran = (graph["entities"] as! [[String: Any]]).first!
        let mention = (iran["mentions"] as! [[String: Any]]).first!
        #expect(mention["document"] as? String == "Content/articles/x.md")
        #expect(mention["line"] as? Int == 4)
        #expect(mention["column"] as? Int == 4)
    }

    @Test func buildPrintsASummaryLine() throws {
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\nText.\n"])
        let result = try run(["build", "--site", site.root.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Built "))
        // One of a thing is singular; `check` counts with the same words.
        #expect(result.stdout.contains("(1 document, 0 entities)"), "\(result.stdout)")
        #expect(result.stdout.contains(", 0 errors, 0 warnings in "))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("articles/x/index.html").path))
        let check = try run(["check", "-s", site.root.path])
        #expect(check.stdout == "0 errors, 0 warnings\n", "\(check.stdout)")
    }

    @Test func aMisspeltCommandIsNamedWithTheOneMeant() throws {
        for (typed, meant) in [("server", "serve"), ("biuld", "build"), ("chek", "check"), ("Brief", "brief")] {
            let result = try run([typed])
            #expect(result.status == 64)
            #expect(result.stderr.hasPrefix("error: '\(typed)' is not a dossier command (did you mean '\(meant)'?)"), "\(result.stderr)")
            #expect(result.stderr.contains("The commands are build, check, brief, export, serve, new"))
        }
        // Options alone still run the default command, `build`.
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\nText.\n"])
        #expect(try run(["-s", site.root.path, "-o", site.root.appendingPathComponent("Elsewhere").path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("Elsewhere/articles/x/index.html").path))
    }

    @Test func aRefusedOutputFolderSaysSoInTheSummary() throws {
        let site = try TemporarySite(["Content/articles/x.md": "---\ntitle: X\n---\nText.\n", "Output/precious.txt": "mine\n"])
        let result = try run(["build", "--site", site.root.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to replace"), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Build failed: the output could not be written; the previous output was left untouched"), "\(result.stdout)")
    }
}

/// `dossier brief` as users run it.
@Suite struct BriefCommandTests {
    let cli = CLITests()

    @Test func briefsADocumentFoundFromItsPathAndAnEntityById() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\ntype: country\naliases: [IRI]\n---\nA country.\n",
            "Content/briefings/week.md": "---\ntitle: Week\nbluf: Iran talks.\n---\n[[iran]] talks.\n",
        ])
        // The site is found from the document's path; the default name is its id.
        let byPath = try cli.run(["brief", "Content/briefings/week.md"], in: site.root)
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(byPath.stderr.contains("Wrote \(site.root.resolvingSymlinksInPath().path)/week.html") || byPath.stderr.contains("week.html"))
        let written = try String(contentsOf: site.root.appendingPathComponent("week.html"), encoding: .utf8)
        #expect(written.contains("<h1 dir=\"auto\">Week</h1>"))

        let output = site.root.appendingPathComponent("iri.html")
        let byAlias = try cli.run(["brief", "IRI", "--site", site.root.path, "--output", output.path])
        #expect(byAlias.status == 0, "\(byAlias.stderr)")
        #expect(try String(contentsOf: output, encoding: .utf8).contains("<h1 dir=\"auto\">Iran</h1>"))

        let toStdout = try cli.run(["brief", "actor:iran", "--site", site.root.path, "-o", "-"])
        #expect(toStdout.stdout.hasPrefix("<!doctype html>"))
    }

    @Test func unknownTargetsAndMissingChromiumAreClearErrors() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/briefings/week.md": "---\ntitle: Week\nbluf: Short.\n---\n[[iran]].\n",
        ])
        let unknown = try cli.run(["brief", "actor:irn", "--site", site.root.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("error: no actor 'irn' in the site (did you mean 'actor:iran'?)"))
        let missing = try cli.run(["brief", "Content/briefings/nope.md"], in: site.root)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no such file"))
        let pdf = try cli.run(["brief", "actor:iran", "--site", site.root.path, "--pdf"], environment: ["DOSSIER_CHROMIUM": "/nonexistent/chromium"])
        #expect(pdf.status == 1)
        #expect(pdf.stderr.contains("--pdf needs Chromium: DOSSIER_CHROMIUM is set to '/nonexistent/chromium', which does not exist"), "\(pdf.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("iran.pdf").path))
        let searched = try cli.run(["brief", "actor:iran", "--site", site.root.path, "--pdf"], environment: ["DOSSIER_CHROMIUM": "", "PATH": "/nonexistent"])
        #expect(searched.stderr.contains("apt-get install chromium"), "\(searched.stderr)")
        // Options that contradict each other stop before the build.
        let named = try cli.run(["brief", "actor:iran", "-s", site.root.path, "--pdf", "-o", "x.html"])
        #expect(named.status == 64 && named.stderr.contains("--pdf writes a PDF, but --output names 'x.html'"), "\(named.stderr)")
        let paper = try cli.run(["brief", "actor:iran", "-s", site.root.path, "--paper", "letter"])
        #expect(paper.status == 64 && paper.stderr.contains("--paper sets the size of a PDF: add --pdf"), "\(paper.stderr)")
    }

    @Test func aDocumentIsBriefedByItsFileNameOrTitle() throws {
        let site = try TemporarySite([
            "Content/actors/iran.md": "---\nname: Iran\n---\n",
            "Content/briefings/gerd-outlook.md": "---\ntitle: GERD outlook\nbluf: Short.\n---\n[[iran]].\n",
            "Content/articles/gerd-outlook.md": "---\ntitle: Background\n---\nText.\n",
        ])
        // Two documents share the name: the briefing is meant.
        for name in ["gerd-outlook", "briefings/gerd-outlook", "GERD Outlook"] {
            let result = try cli.run(["brief", name, "-s", site.root.path, "-o", "-"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.contains("<h1 dir=\"auto\">GERD outlook</h1>"))
        }
        let article = try cli.run(["brief", "articles/gerd-outlook", "-s", site.root.path, "-o", "-"])
        #expect(article.stdout.contains("<h1 dir=\"auto\">Background</h1>"), "\(article.stderr)")
        let unknown = try cli.run(["brief", "gerd-outlok", "-s", site.root.path])
        #expect(unknown.status == 1 && unknown.stderr.contains("error: no entity or document 'gerd-outlok'"), "\(unknown.stderr)")
    }

    @Test func lintsFailTheBriefOnlyWhenStrict() throws {
        let site = try TemporarySite([
            "Content/briefings/week.md": "---\ntitle: Week\nbluf: Short.\njudgments:\n  - text: It may rain.\n    likelihood: likely\n    confidence: low\n---\nBody.\n",
        ])
        let relaxed = try cli.run(["brief", "Content/briefings/week.md", "-o", "-"], in: site.root)
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("Content/briefings/week.md:5:14: warning: 'may' hedges the judgment"))
        let strict = try cli.run(["brief", "Content/briefings/week.md", "-o", "-", "--strict"], in: site.root)
        #expect(strict.status == 1)
        #expect(strict.stdout.isEmpty)
    }
}

/// `dossier new` as users run it.
@Suite struct NewCommandTests {
    let cli = CLITests()

    @Test func scaffoldsASiteThatBuildsWithoutWarnings() throws {
        let parent = try TemporarySite([:])
        let folder = parent.root.appendingPathComponent("my-site")
        let created = try cli.run(["new", folder.path])
        #expect(created.status == 0, "\(created.stderr)")
        let build = try cli.run(["build", "--site", folder.path, "--strict"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("0 errors, 0 warnings") || build.stderr.contains("0 errors, 0 warnings"))
        for page in ["articles/first-analysis/index.html", "actors/northland/index.html", "events/border-talks/index.html",
                     "themes/border-security/index.html", "feed.xml"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Output/" + page).path), "\(page)")
        }
        let article = try String(contentsOf: folder.appendingPathComponent("Output/articles/first-analysis/index.html"), encoding: .utf8)
        #expect(article.contains("href=\"../../actors/northland/index.html\""))
        #expect(article.contains("href=\"../../events/border-talks/index.html\""))
        #expect(article.contains("href=\"../../themes/border-security/index.html\""))
        // A folder with files in it is left alone.
        let again = try cli.run(["new", folder.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"))
    }
}
