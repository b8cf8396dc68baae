import FuzzSupport
import LearnHDF5
import LearnLinear
import LearnNeural
import LearnPreprocessing

/// The loader of the class the file names (`swiftlearn_class`, as `swiftlearn predict` picks it), or
/// `LogisticRegression`'s for a file that names none: a load may throw, never trap. One loader per input
/// rather than all twelve keeps the rate near the other loaders' (each load opens and checks the file).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let path = inputPath(suffix: ".h5")
    writeInput(data, size, to: path)
    let file = try? HDF5File.open(path)
    let className = try? file?.root.attribute("swiftlearn_class")
    try? file?.close()
    switch className {
    case .string("LinearRegression")?: _ = try? LinearRegression.load(from: path)
    case .string("Ridge")?: _ = try? Ridge.load(from: path)
    case .string("SGDRegressor")?: _ = try? SGDRegressor.load(from: path)
    case .string("StandardScaler")?: _ = try? StandardScaler.load(from: path)
    case .string("MinMaxScaler")?: _ = try? MinMaxScaler.load(from: path)
    case .string("LabelEncoder")?:
        _ = try? LabelEncoder<Int>.load(from: path)
        _ = try? LabelEncoder<String>.load(from: path)
    case .string("OneHotEncoder")?:
        _ = try? OneHotEncoder<Int>.load(from: path)
        _ = try? OneHotEncoder<String>.load(from: path)
    case .string("MLPClassifier")?: _ = try? MLPClassifier.load(from: path)
    case .string("MLPRegressor")?: _ = try? MLPRegressor.load(from: path)
    default: _ = try? LogisticRegression.load(from: path)
    }
    return 0
}

/// The entry SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("fuzz_estimator_load_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
