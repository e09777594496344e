/// A problem found in the site's content, templates or settings. Problems are data: stages
/// collect them and keep going; only I/O and fatal setup errors are thrown.
package struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    package enum Severity: String, Sendable, Comparable {
        case error, warning, note

        package static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
    }

    package var severity: Severity
    /// What kind of problem: one of the catalogue's codes (`unresolved-mention`).
    package var code: DiagnosticCode
    package var message: String
    package var location: SourceLocation?

    package init(_ severity: Severity, _ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }

    /// A diagnostic with its code's severity.
    package init(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) {
        self.init(code.severity, code, message, at: location)
    }

    package static func error(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) -> Self {
        Self(.error, code, message, at: location)
    }

    package static func warning(_ code: DiagnosticCode, _ message: String, at location: SourceLocation?) -> Self {
        Self(.warning, code, message, at: location)
    }

    /// `path:line:col: severity: message [code]`, the form compilers and editors use.
    package var description: String {
        let place = location.map { "\($0): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(code.rawValue)]"
    }
}

extension Array where Element == Diagnostic {
    package var hasErrors: Bool { contains { $0.severity == .error } }
    package var errorCount: Int { count { $0.severity == .error } }
    package var warningCount: Int { count { $0.severity == .warning } }

    /// Sorted by file, line and column; diagnostics without a location first.
    package func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            switch (a.location, b.location) {
            case (nil, nil): return (a.code.rawValue, a.message) < (b.code.rawValue, b.message)
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x == y ? (a.code.rawValue, a.message) < (b.code.rawValue, b.message) : x < y
            }
        }
    }
}
