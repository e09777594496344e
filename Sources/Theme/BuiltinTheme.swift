import Foundation

/// The built-in theme: the repository's `Templates/` folder, embedded in the binary's bundle.
public enum BuiltinTheme {
    /// Folder holding the built-in templates and assets.
    public static var directory: URL? {
        Bundle.module.url(forResource: "Templates", withExtension: nil)
    }
}
