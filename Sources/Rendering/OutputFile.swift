/// One file of the generated site: its path relative to the output folder and its bytes.
package struct OutputFile: Sendable, Hashable {
    package var path: String
    package var contents: [UInt8]

    package init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    package init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}
