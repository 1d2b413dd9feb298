import Foundation
import RiskflowFuzzTargets

// Built two ways:
// - `scripts/fuzz.sh` builds it with `-sanitize=fuzzer,address -DFUZZING`: libFuzzer's
//   `main` drives `LLVMFuzzerTestOneInput`, the target named by $RISKFLOW_FUZZ_TARGET;
// - a normal build gives a replayer: `riskflow-fuzz TARGET FILE…` runs each file once
//   and says which parsers accepted it (how a crash input is checked after a fix).

#if FUZZING
/// The target of this process, read once from the environment.
let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["RISKFLOW_FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("RISKFLOW_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    return t
}()

/// libFuzzer's driver (compiler-rt, linked by `-sanitize=fuzzer`): parses the libFuzzer flags
/// and runs the fuzzing loop on `callback`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The process entry: SwiftPM links an executable's `main` to this symbol
/// (`--defsym main=riskflow_fuzz_main`), so libFuzzer's own `main` is not used; this one
/// hands over to libFuzzer's driver.
@_cdecl("riskflow_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, { data, size in fuzzOneInput(data, size) })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try fuzzTarget.run(bytes)
    } catch {
        // A broken invariant: abort so libFuzzer records the input as a crash.
        FileHandle.standardError.write(Data("invariant broken: \(error)\n".utf8))
        abort()
    }
    return 0
}
#else
@main
struct FuzzReplay {
    static func main() {
        let args = CommandLine.arguments.dropFirst()
        guard let name = args.first, let target = FuzzTarget(rawValue: name) else {
            print("usage: riskflow-fuzz TARGET FILE…  (targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
            exit(64)
        }
        var failed = false
        for path in args.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                failed = true
                continue
            }
            do {
                try target.run([UInt8](data))
                print("\(path): ok")
            } catch {
                print("\(path): \(error)")
                failed = true
            }
        }
        exit(failed ? 1 : 0)
    }
}
#endif
