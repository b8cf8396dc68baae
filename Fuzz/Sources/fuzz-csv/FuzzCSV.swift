import FuzzSupport
import LearnData

/// `readCSV(from:)` with and without a target column: may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = inputPath(suffix: ".csv")
    writeInput(data, size, to: path)
    _ = try? readCSV(from: path)
    _ = try? readCSV(from: path, targetColumn: "target")
    return 0
}

/// The entry SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("fuzz_csv_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
