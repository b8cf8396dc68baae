import FuzzSupport
import LearnHDF5
import LearnLinear
import LearnNeural
import LearnPreprocessing

/// Every persisted estimator's `load(from:)` on the same bytes: a load may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = inputPath(suffix: ".h5")
    writeInput(data, size, to: path)
    _ = try? LogisticRegression.load(from: path)
    _ = try? LinearRegression.load(from: path)
    _ = try? Ridge.load(from: path)
    _ = try? SGDRegressor.load(from: path)
    _ = try? StandardScaler.load(from: path)
    _ = try? MinMaxScaler.load(from: path)
    _ = try? LabelEncoder<Int>.load(from: path)
    _ = try? LabelEncoder<String>.load(from: path)
    _ = try? OneHotEncoder<Int>.load(from: path)
    _ = try? OneHotEncoder<String>.load(from: path)
    _ = try? MLPClassifier.load(from: path)
    _ = try? MLPRegressor.load(from: path)
    return 0
}

/// The entry SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("fuzz_estimator_load_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
