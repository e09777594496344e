import Model

extension Linker {
    /// How deep notes embedded in notes are shown (the renderer's `maxEmbedDepth`).
    static let maxEmbedDepth = 3

    /// Notes that embed each other in a circle are errors, at the embed that closes it;
    /// an embed whose note embeds notes deeper than they are shown is a warning.
    static func checkEmbeds(_ files: [ParsedFile], links: [[Int: MentionLink]], _ diagnostics: inout [Diagnostic]) {
        var edges: [Int: [(mention: Int, target: Int)]] = [:]
        for (file, fileLinks) in links.enumerated() where !fileLinks.isEmpty {
            let mentions = files[file].mentions
            for m in fileLinks.keys.sorted() where mentions[m].embed {
                // A section of the note itself (`![[#Steps]]`) is no circle unless it holds the embed.
                guard let target = fileLinks[m]!.document, !(target == file && fileLinks[m]!.anchor != nil) else { continue }
                edges[file, default: []].append((m, target))
            }
        }
        guard !edges.isEmpty else { return }
        enum Mark { case visiting, done(depth: Int) }
        var marks: [Int: Mark] = [:]
        /// The depth of embeds under `file` (0: it embeds no note).
        func visit(_ file: Int) -> Int {
            if case .done(let depth)? = marks[file] { return depth }
            marks[file] = .visiting
            var depth = 0
            for (m, target) in edges[file] ?? [] {
                let location = files[file].mentions[m].location
                if case .visiting? = marks[target] {
                    diagnostics.append(.error(.embedCycle, "'\(files[file].mentions[m].target)' embeds, directly or through other notes, the note that embeds it",
                                              at: location))
                    continue
                }
                let below = visit(target) + 1
                if below > maxEmbedDepth {
                    diagnostics.append(.warning(.embedTooDeep, "notes embedded more than \(maxEmbedDepth) deep show as links", at: location))
                }
                depth = max(depth, below)
            }
            marks[file] = .done(depth: depth)
            return depth
        }
        for file in edges.keys.sorted() { _ = visit(file) }
    }
}
