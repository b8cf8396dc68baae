import LearnCore

/// The size of a train or test set, as scikit-learn reads `test_size` / `train_size`: a fraction of
/// the samples (a float in Python) or a count (an int). Literals keep Python's meaning:
/// `testSize: 0.2` is a fraction, `testSize: 30` a count.
public enum SplitSize: Sendable, Equatable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A fraction of the samples, in the open interval (0, 1).
    case fraction(Double)
    /// A number of samples, in `1..<nSamples`.
    case count(Int)

    /// `.fraction(x)` from a float literal.
    public init(floatLiteral value: Double) { self = .fraction(value) }
    /// `.count(n)` from an integer literal.
    public init(integerLiteral value: Int) { self = .count(value) }

    /// Checks the range scikit-learn allows for `nSamples` samples.
    func validate(_ name: String, nSamples: Int) throws {
        switch self {
        case let .fraction(f) where !(f > 0 && f < 1):
            throw LearnError.invalidParameter(
                name: name, expected: "a fraction in the open interval (0, 1) or a count in 1..<\(nSamples)",
                got: "\(f)")
        case let .count(c) where c <= 0 || c >= nSamples:
            throw LearnError.invalidParameter(
                name: name, expected: "a count in 1..<\(nSamples) (the number of samples) or a fraction in (0, 1)",
                got: "\(c)")
        default:
            return
        }
    }
}

/// scikit-learn's `_validate_shuffle_split`: the train and test sizes for `nSamples` samples
/// (a fractional test size rounds up, a fractional train size rounds down; the default test size is 0.25).
func splitSizes(nSamples: Int, testSize: SplitSize?, trainSize: SplitSize?) throws -> (train: Int, test: Int) {
    let test = testSize ?? (trainSize == nil ? .fraction(0.25) : nil)
    try test?.validate("testSize", nSamples: nSamples)
    try trainSize?.validate("trainSize", nSamples: nSamples)
    if case let .fraction(a)? = test, case let .fraction(b)? = trainSize, a + b > 1 {
        throw LearnError.invalidParameter(
            name: "testSize + trainSize", expected: "a sum in the (0, 1) range", got: "\(a + b)")
    }
    func resolve(_ size: SplitSize, roundUp: Bool) -> Int {
        switch size {
        case let .fraction(f):
            let product = f * Double(nSamples)
            return Int(roundUp ? product.rounded(.up) : product.rounded(.down))
        case let .count(c):
            return c
        }
    }
    var nTest = test.map { resolve($0, roundUp: true) }
    var nTrain = trainSize.map { resolve($0, roundUp: false) }
    if nTrain == nil { nTrain = nSamples - (nTest ?? 0) }
    if nTest == nil { nTest = nSamples - (nTrain ?? 0) }
    let (train, testCount) = (nTrain ?? 0, nTest ?? 0)
    guard train + testCount <= nSamples else {
        throw LearnError.invalidParameter(
            name: "trainSize + testSize", expected: "at most the number of samples (\(nSamples))",
            got: "\(train + testCount)")
    }
    guard train > 0 else {
        throw LearnError.invalidParameter(
            name: "testSize", expected: "a train set that is not empty (with \(nSamples) samples)",
            got: "a train set of 0")
    }
    return (train, testCount)
}
