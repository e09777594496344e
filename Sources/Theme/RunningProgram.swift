import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The running program's file, found without `Bundle.main`, whose making lists the program's
/// folder and turns each name into a `CFString`, on every command.
package enum RunningProgram {
    /// The program's path, symbolic links resolved.
    package static let path: String? = {
        #if os(Linux)
        var buffer = [UInt8](repeating: 0, count: 4097)
        let count = buffer.withUnsafeMutableBytes { readlink("/proc/self/exe", $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count - 1) }
        if count > 0 { return String(decoding: buffer[..<count], as: UTF8.self) }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }()
}
