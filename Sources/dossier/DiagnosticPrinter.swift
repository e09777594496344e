import Foundation
import Model

/// Prints diagnostics to standard error as `path:line:col: severity: message [code]`.
enum DiagnosticPrinter {
    /// Author text (names, values, paths) reaches the terminal here, escaped.
    static func print(_ diagnostics: [Diagnostic]) {
        var text = ""
        for diagnostic in diagnostics { text += diagnostic.description.escapedForTerminal + "\n" }
        printError(text, terminator: "")
    }

    static func printError(_ text: String, terminator: String = "\n") {
        FileHandle.standardError.write(Data((text + terminator).utf8))
    }

    static func printJSON(_ diagnostics: [Diagnostic]) {
        struct Record: Encodable {
            let severity: String, code: String, message: String
            let path: String?, line: Int?, column: Int?
        }
        let records = diagnostics.map {
            Record(severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message,
                   path: $0.location?.path, line: $0.location?.line, column: $0.location?.column)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(records)) ?? Data("[]".utf8)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}
