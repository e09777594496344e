import Foundation

/// What a build, check or export is asked to do (the command line's options).
public struct BuildOptions: Sendable {
    public var site: URL
    public var output: URL
    /// Warnings fail the build.
    public var strict = false
    /// Include documents marked `draft: true`.
    public var drafts = false
    /// Overrides `baseURL` from `dossier.yml`.
    public var baseURL: String?
    /// The built-in theme folder; nil uses the one embedded in the binary.
    public var builtinTheme: URL?
    /// Told the name of each stage as it starts, e.g. "Parsing 5000 files".
    public var progress: (@Sendable (String) -> Void)?
    /// Parsed files from earlier builds in this process, reused when unchanged.
    public var parseCache: ParseCache?
    /// Keep parsed files in `.dossier/cache` in the site between runs (`dossier build`).
    public var persistentCache = false

    public init(site: URL, output: URL? = nil) {
        self.site = site.standardizedFileURL
        self.output = (output ?? site.appendingPathComponent("Output")).standardizedFileURL
    }
}
