import FuzzSupport
import LearnNeural

/// `Sequential.load(from:)` and `Model.load(from:)` (Keras HDF5 model files, Sequential and functional),
/// then `summary()` of what loads (what `swiftlearn inspect` prints): may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = inputPath(suffix: ".h5")
    writeInput(data, size, to: path)
    _ = try? Sequential.load(from: path).summary()
    _ = try? Model.load(from: path).summary()
    return 0
}

/// The entry SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("fuzz_keras_load_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
