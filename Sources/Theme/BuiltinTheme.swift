import Foundation

/// The built-in theme: the repository's `Templates/` folder, copied by SwiftPM into a resource
/// bundle beside the `dossier` executable.
package enum BuiltinTheme {
    /// The folder holding the built-in templates and assets, or nil when it cannot be found.
    ///
    /// SwiftPM's `Bundle.module` would stop the process with `fatalError` when the bundle is
    /// missing (a binary copied without its `Dossier_Theme.resources`); looking for it here
    /// lets the build report that instead.
    package static let directory: URL? = {
        let executable = RunningProgram.path.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            ?? Bundle.main.bundleURL
        var candidates: [URL] = [
            executable.appendingPathComponent("Dossier_Theme.resources/Templates"),
            executable.appendingPathComponent("Dossier_Theme.bundle/Contents/Resources/Templates"),
            executable.appendingPathComponent("Dossier_Theme.bundle/Templates"),
        ]
        // A development build run from its source tree.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("home.mustache").path) }
    }()
}
