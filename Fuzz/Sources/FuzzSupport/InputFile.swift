import CLibFuzzer
import Foundation

/// The scratch file one fuzzer process writes each input to: in /dev/shm (RAM) when it exists, named by the
/// process id so parallel fuzzers (`-jobs`, `-workers`) never share one.
public func inputPath(suffix: String) -> String {
    let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    return folder + "/swiftlearn-fuzz-\(getpid())\(suffix)"
}

/// Writes the fuzzer's input bytes to `path`, replacing what the previous input left there.
public func writeInput(_ data: UnsafePointer<UInt8>, _ size: Int, to path: String) {
    let bytes = Data(bytes: data, count: size)
    guard FileManager.default.createFile(atPath: path, contents: bytes) else {
        fatalError("fuzz harness: cannot write \(path)")
    }
}

/// Hands control to libFuzzer with `test` as the per-input callback.
///
/// SwiftPM links every Linux executable with its `main` renamed to `<module>_main`, so libFuzzer's own `main`
/// is never pulled in; each fuzzer defines that symbol and calls this, which runs the usual libFuzzer driver
/// (same flags, same corpus and artifact handling).
public func runLibFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
    _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments, test)
}
