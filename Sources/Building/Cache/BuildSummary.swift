import Model

/// What the last build made, kept in the build record: its counts, the files it copied into
/// the output, and the diagnostics found after parsing (by linking, and for single files).
/// A build that finds every file, setting and theme file as that build had them can report
/// the same without linking (see `Pipeline.generate`).
package struct BuildSummary: Sendable, Equatable {
    var pages: Int
    var documents: Int
    var entities: Int
    /// Output paths of the theme's and content's files, sorted.
    var assets: [String]
    var diagnostics: [Diagnostic]
}

extension BinaryWriter {
    mutating func summary(_ summary: BuildSummary) {
        int(summary.pages); int(summary.documents); int(summary.entities)
        array(summary.assets) { $0.string($1) }
        array(summary.diagnostics) { $0.diagnostic($1) }
    }
}

extension BinaryReader {
    mutating func summary() throws -> BuildSummary {
        BuildSummary(pages: try int(), documents: try int(), entities: try int(),
                     assets: try array { try $0.string() }, diagnostics: try array { try $0.diagnostic() })
    }
}
