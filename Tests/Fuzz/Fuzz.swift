import Foundation
import TestSupport

// Built by `make fuzz` with `-sanitize=fuzzer -DFUZZING`: libFuzzer calls this for each input
// and reports a crash, a hang (-timeout) or a broken invariant (trapped here). Built without
// them (as `swift build` does), it replays the files named on the command line.

func fuzzOne(_ bytes: [UInt8]) {
    for role in FuzzHarness.Role.allCases {
        let violations = FuzzHarness.check(bytes, as: role)
        if !violations.isEmpty { fatalError("invariant broken: \(violations)") }
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; libFuzzer's driver takes over.
@_cdecl("DossierFuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        fuzzOne(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            fuzzOne(Array(data))
        }
    }
}
#endif
