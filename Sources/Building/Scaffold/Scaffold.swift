import Foundation

/// `dossier new`: a small working site — settings, a document, an actor, an event and a
/// theme that mention one another — which builds with no warnings and shows every kind of
/// page, for a writer to edit rather than to start from nothing.
package enum Scaffold {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    static let files: [(path: String, text: String)] = [
        ("dossier.yml", """
            title: My dossier
            description: Analysis with its actors, events and themes linked.
            language: en
            # baseURL: https://example.org/dossier   # for canonical links, feeds and the sitemap

            """),
        (".gitignore", """
            /Output/
            /.dossier/

            """),
        ("Content/articles/first-analysis.md", """
            ---
            title: A first analysis
            date: 2026-01-15
            authors: [Your Name]
            summary: What a Dossier document looks like, with its mentions linked.
            themes: [border-security]
            ---
            Mention an actor with double brackets: [[northland]] is linked to its page, and so is
            [[Northland|its capital's government]] when the shown text differs. Events work the
            same way: the [[event:border-talks|talks on the border]] have a page with their date.

            A typed link names the kind: the talks are part of [regional security](theme:border-security).
            Every entity page quotes the passages that mention it.

            """),
        ("Content/actors/northland.md", """
            ---
            name: Northland
            type: country
            aliases: [Republic of Northland]
            ---
            A country in the example. The first sentence of an entity's description is shown
            in briefings and previews; the rest appears on its page.

            """),
        ("Content/events/border-talks.md", """
            ---
            name: Border talks
            date: 2025-11
            place: Northgate
            actors: [northland]
            themes: [border-security]
            ---
            Talks held in November 2025: a month-precise date, shown as a span on the timeline.

            """),
        ("Content/themes/border-security.md", """
            ---
            name: Border security
            aliases: [regional security]
            ---
            Disputes, talks and incidents on borders.

            """),
    ]

    /// Writes the site into `folder`, which must be missing or empty. Returns the files written.
    @discardableResult
    package static func create(at folder: URL) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure(description: "\(folder.path) is a file") }
            let contents = try manager.contentsOfDirectory(atPath: folder.path).filter { $0 != ".git" && $0 != ".DS_Store" }
            guard contents.isEmpty else { throw Failure(description: "\(folder.path) is not empty; give a new or empty folder") }
        }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return files.map(\.path)
    }
}
