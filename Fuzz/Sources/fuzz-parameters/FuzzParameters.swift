import FuzzSupport
import LearnCore
import LearnLinear
import LearnNeural
import LearnPreprocessing

/// `--param key=value` lines (one per input line, as `swiftlearn fit` takes them) set on every estimator, then
/// checked three ways: setting may throw, never trap; what `parameters` reports is accepted back by a fresh
/// estimator and reads the same; and a fit on a small fixed dataset may throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size <= 4096 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let assignments = text.split(separator: "\n", omittingEmptySubsequences: true).prefix(16)
        .compactMap { try? ParameterValue.assignment(parsing: String($0)) }
    let (X, labels, targets) = sample
    check(LogisticRegression.self, assignments) { try $0.fit(X, labels) }
    check(LinearRegression.self, assignments) { try $0.fit(X, targets) }
    check(Ridge.self, assignments) { try $0.fit(X, targets) }
    check(SGDRegressor.self, assignments) { try $0.fit(X, targets) }
    check(StandardScaler.self, assignments) { try $0.fit(X) }
    check(MinMaxScaler.self, assignments) { try $0.fit(X) }
    check(OneHotEncoder<Int>.self, assignments) { try $0.fit(labels.map { [$0, $0 % 2] }) }
    check(LabelEncoder<Int>.self, assignments) { try $0.fit(labels) }
    check(MLPClassifier.self, assignments) { try $0.fit(X, labels) }
    check(MLPRegressor.self, assignments) { try $0.fit(X, targets) }
    return 0
}

/// Twelve rows of three features, three classes, and a regression target.
let sample: (Matrix<Double>, [Int], [Double]) = {
    let rows: [[Double]] = (0..<12).map { (i: Int) -> [Double] in
        let third: Double = i % 3 == 0 ? 1.5 : -0.5
        return [Double(i % 5) - 2, Double(i * i % 7) / 3, third]
    }
    let targets = rows.map { (row: [Double]) -> Double in row[0] - 2 * row[1] + 0.1 }
    return ((try? Matrix(rows)) ?? Matrix(row: []), (0..<12).map { $0 % 3 }, targets)
}()

protocol Defaulted: Estimator { init() }
extension LogisticRegression: Defaulted {}
extension LinearRegression: Defaulted {}
extension Ridge: Defaulted {}
extension SGDRegressor: Defaulted {}
extension StandardScaler: Defaulted {}
extension MinMaxScaler: Defaulted {}
extension OneHotEncoder: Defaulted {}
extension LabelEncoder: Defaulted {}
extension MLPClassifier: Defaulted {}
extension MLPRegressor: Defaulted {}

func check<E: Defaulted>(
    _ type: E.Type, _ assignments: [(name: String, value: ParameterValue)], fit: (inout E) throws -> Void
) {
    var estimator = E()
    for (name, value) in assignments { try? estimator.setParameter(name, value) }
    let reported = estimator.parameters
    var copy = E()
    do { try copy.setParameters(reported) } catch {
        fatalError("\(E.estimatorName) rejects its own parameters \(reported): \(error)")
    }
    // Descriptions, so that a NaN compares equal to itself.
    guard copy.parameters.mapValues(\.description) == reported.mapValues(\.description) else {
        fatalError("\(E.estimatorName) parameters do not round-trip: \(reported) became \(copy.parameters)")
    }
    // Large iteration counts and layer sizes are legitimate but slow: only small settings are fitted.
    guard reported.values.allSatisfy(isSmall) else { return }
    try? fit(&estimator)
}

/// Whether a value is small enough to fit with quickly (every count and size at most 64).
func isSmall(_ value: ParameterValue) -> Bool {
    switch value {
    case let .int(n): return n <= 64
    case let .double(x): return !(x > 64 && x.rounded() == x)
    case let .doubles(xs): return xs.count <= 8 && xs.allSatisfy { !($0 > 64) }
    default: return true
    }
}

/// The entry SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("fuzz_parameters_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv, fuzz)
}
