import LearnCore

/// The four parts of a train/test split, plus the row indices behind them.
public struct TrainTestSplit<Label: Sendable>: Sendable {
    /// Training rows.
    public var xTrain: Matrix<Double>
    /// Test rows.
    public var xTest: Matrix<Double>
    /// Training targets.
    public var yTrain: [Label]
    /// Test targets.
    public var yTest: [Label]
    /// Rows of the input that went to the training set, in order.
    public var trainIndices: [Int]
    /// Rows of the input that went to the test set, in order.
    public var testIndices: [Int]
}

/// Splits rows into random train and test subsets, exactly as scikit-learn's `train_test_split`:
/// for the same `randomState` the same rows land in the same order.
///
/// <!-- doctest: given let (X, y) = try makeClassification(nSamples: 100, nFeatures: 4, randomState: 0) -->
/// ```swift
/// // train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
/// let split = try trainTestSplit(X, y, testSize: 0.2, randomState: 42, stratify: y)
/// ```
///
/// Arguments:
///   - `testSize`: a fraction (`0.2`) or a count (`30`); `nil` is 0.25, or the complement of `trainSize`.
///   - `trainSize`: a fraction or a count; `nil` is the complement of the test set.
///   - `randomState`: the seed; `nil` draws from system entropy.
///   - `shuffle`: `false` takes the first rows for training and the next for testing.
///   - `stratify`: labels whose class proportions both sets keep (usually `y`).
/// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` when `X`, `y` and `stratify` differ
///   in length; `LearnError/invalidParameter(name:expected:got:)` for sizes out of range, a class with
///   fewer than 2 members, fewer train or test rows than classes, or `stratify` without `shuffle`.
public func trainTestSplit<Label: Sendable, Stratum: Hashable & Comparable>(
    _ X: Matrix<Double>, _ y: [Label], testSize: SplitSize? = nil, trainSize: SplitSize? = nil,
    randomState: Int? = nil, shuffle: Bool = true, stratify: [Stratum]?
) throws -> TrainTestSplit<Label> {
    guard X.rows == y.count else {
        throw LearnError.shapeMismatch(
            operation: "trainTestSplit", expected: "y with \(X.rows) labels (one per row of X)", got: "\(y.count)")
    }
    let (train, test) = try trainTestSplitIndices(
        nSamples: X.rows, testSize: testSize, trainSize: trainSize, randomState: randomState, shuffle: shuffle,
        stratify: stratify)
    return TrainTestSplit(
        xTrain: try X.rows(at: train), xTest: try X.rows(at: test), yTrain: train.map { y[$0] },
        yTest: test.map { y[$0] }, trainIndices: train, testIndices: test)
}

/// ``trainTestSplit(_:_:testSize:trainSize:randomState:shuffle:stratify:)`` without stratification.
public func trainTestSplit<Label: Sendable>(
    _ X: Matrix<Double>, _ y: [Label], testSize: SplitSize? = nil, trainSize: SplitSize? = nil,
    randomState: Int? = nil, shuffle: Bool = true
) throws -> TrainTestSplit<Label> {
    try trainTestSplit(
        X, y, testSize: testSize, trainSize: trainSize, randomState: randomState, shuffle: shuffle,
        stratify: Optional<[Int]>.none)
}

/// The train and test row indices `train_test_split(np.arange(nSamples), …)` returns.
public func trainTestSplitIndices<Stratum: Hashable & Comparable>(
    nSamples: Int, testSize: SplitSize? = nil, trainSize: SplitSize? = nil, randomState: Int? = nil,
    shuffle: Bool = true, stratify: [Stratum]?
) throws -> (train: [Int], test: [Int]) {
    guard nSamples > 0 else { throw LearnError.emptyInput(operation: "trainTestSplit") }
    let (nTrain, nTest) = try splitSizes(nSamples: nSamples, testSize: testSize, trainSize: trainSize)
    guard shuffle else {
        guard stratify == nil else {
            throw LearnError.invalidParameter(
                name: "stratify", expected: "nil when shuffle is false (scikit-learn's rule)", got: "labels")
        }
        return (Array(0..<nTrain), Array(nTrain..<(nTrain + nTest)))
    }
    var rng = try RandomState.from(randomState)
    return try trainTestSplitIndices(
        nSamples: nSamples, testSize: testSize, trainSize: trainSize, stratify: stratify, using: &rng)
}

/// The shuffled split drawing from `rng` — scikit-learn's `train_test_split(…, random_state=<a RandomState>)`,
/// which an estimator uses to continue its own stream (MLP early stopping).
public func trainTestSplitIndices<Stratum: Hashable & Comparable>(
    nSamples: Int, testSize: SplitSize? = nil, trainSize: SplitSize? = nil, stratify: [Stratum]?,
    using rng: inout RandomState
) throws -> (train: [Int], test: [Int]) {
    guard nSamples > 0 else { throw LearnError.emptyInput(operation: "trainTestSplit") }
    let (nTrain, nTest) = try splitSizes(nSamples: nSamples, testSize: testSize, trainSize: trainSize)
    guard let stratify else {
        let permutation = try rng.permutation(nSamples)
        return (Array(permutation[nTest..<(nTest + nTrain)]), Array(permutation[0..<nTest]))
    }
    guard stratify.count == nSamples else {
        throw LearnError.shapeMismatch(
            operation: "trainTestSplit", expected: "stratify with \(nSamples) labels", got: "\(stratify.count)")
    }
    return try stratifiedSplit(stratify, nTrain: nTrain, nTest: nTest, using: &rng)
}

/// ``trainTestSplitIndices(nSamples:testSize:trainSize:randomState:shuffle:stratify:)`` without stratification.
public func trainTestSplitIndices(
    nSamples: Int, testSize: SplitSize? = nil, trainSize: SplitSize? = nil, randomState: Int? = nil,
    shuffle: Bool = true
) throws -> (train: [Int], test: [Int]) {
    try trainTestSplitIndices(
        nSamples: nSamples, testSize: testSize, trainSize: trainSize, randomState: randomState,
        shuffle: shuffle, stratify: Optional<[Int]>.none)
}

/// ``trainTestSplitIndices(nSamples:testSize:trainSize:stratify:using:)`` without stratification: the split
/// continues `rng`'s stream.
///
/// ```swift
/// var rng = RandomState(seed: 0)
/// let (train, test) = try trainTestSplitIndices(nSamples: 100, testSize: .fraction(0.25), using: &rng)
/// ```
public func trainTestSplitIndices(
    nSamples: Int, testSize: SplitSize? = nil, trainSize: SplitSize? = nil, using rng: inout RandomState
) throws -> (train: [Int], test: [Int]) {
    try trainTestSplitIndices(
        nSamples: nSamples, testSize: testSize, trainSize: trainSize, stratify: Optional<[Int]>.none, using: &rng)
}

/// `StratifiedShuffleSplit`'s first split: per-class allocation by `approximateMode`, a permutation
/// of every class (in ascending class order), then both lists permuted again.
func stratifiedSplit<Stratum: Hashable & Comparable>(
    _ labels: [Stratum], nTrain: Int, nTest: Int, using rng: inout RandomState
) throws -> (train: [Int], test: [Int]) {
    // Integer labels (the common case) take a non-generic path: no hashing of unspecialised keys.
    let codes = labels.asIntegers.map(classCodes) ?? classCodes(labels)
    return try stratifiedSplit(codes: codes.codes, nClasses: codes.nClasses, nTrain: nTrain, nTest: nTest, using: &rng)
}

/// Each label's rank among the sorted distinct labels.
private func classCodes<Stratum: Hashable & Comparable>(_ labels: [Stratum]) -> (codes: [Int], nClasses: Int) {
    let classes = Array(Set(labels)).sorted()
    let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    return (labels.map { position[$0] ?? 0 }, classes.count)
}

/// ``classCodes(_:)`` for integers.
private func classCodes(_ labels: [Int]) -> (codes: [Int], nClasses: Int) {
    let classes = Array(Set(labels)).sorted()
    // Labels are just categories: a span such as Int.min...Int.max overflows and takes the dictionary path.
    guard let low = classes.first, let high = classes.last,
        case let (span, false) = high.subtractingReportingOverflow(low), span < 1 << 20
    else {
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return (labels.map { position[$0] ?? 0 }, classes.count)
    }
    var table = [Int](repeating: 0, count: high - low + 1)
    for (k, label) in classes.enumerated() { table[label - low] = k }
    return (labels.map { table[$0 - low] }, classes.count)
}

/// The stratified split of samples given as class codes `0..<nClasses`.
private func stratifiedSplit(
    codes: [Int], nClasses: Int, nTrain: Int, nTest: Int,
    using rng: inout RandomState
) throws -> (train: [Int], test: [Int]) {
    var counts = [Int](repeating: 0, count: nClasses)
    for k in codes { counts[k] += 1 }
    var members = counts.map { count -> [Int] in
        var list: [Int] = []
        list.reserveCapacity(count)
        return list
    }
    for (index, k) in codes.enumerated() { members[k].append(index) }
    let classes = Array(0..<nClasses)
    if let smallest = counts.min(), smallest < 2 {
        throw LearnError.invalidParameter(
            name: "stratify", expected: "at least 2 members in every class", got: "a class with \(smallest)")
    }
    guard nTrain >= classes.count else {
        throw LearnError.invalidParameter(
            name: "trainSize", expected: "at least the number of classes (\(classes.count))", got: "\(nTrain)")
    }
    guard nTest >= classes.count else {
        throw LearnError.invalidParameter(
            name: "testSize", expected: "at least the number of classes (\(classes.count))", got: "\(nTest)")
    }
    let trainPerClass = try rng.approximateMode(classCounts: counts, nDraws: nTrain)
    let testPerClass = try rng.approximateMode(classCounts: zip(counts, trainPerClass).map { $0 - $1 }, nDraws: nTest)
    var train: [Int] = [], test: [Int] = []
    train.reserveCapacity(nTrain)
    test.reserveCapacity(nTest)
    for k in classes.indices {
        let order = try rng.permutation(counts[k]).map { members[k][$0] }
        train += order[0..<trainPerClass[k]]
        test += order[trainPerClass[k]..<(trainPerClass[k] + testPerClass[k])]
    }
    rng.shuffle(&train)
    rng.shuffle(&test)
    return (train, test)
}
