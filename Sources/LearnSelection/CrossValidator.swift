import LearnCore

/// One cross-validation split: row indices for training and for testing, both ascending.
public struct Fold: Sendable, Equatable {
    /// Training rows.
    public var train: [Int]
    /// Test rows.
    public var test: [Int]

    /// Creates a fold.
    public init(train: [Int], test: [Int]) {
        self.train = train
        self.test = test
    }
}

/// A way to split samples into cross-validation folds (scikit-learn's CV splitters).
public protocol CrossValidator: Sendable {
    /// The number of folds.
    var nSplits: Int { get }
    /// The folds for `nSamples` samples; `y` is required by stratified splitters.
    func split<L: Hashable & Comparable & Sendable>(nSamples: Int, y: [L]?) throws -> [Fold]
}

extension CrossValidator {
    /// The folds of a splitter that does not look at targets.
    public func split(nSamples: Int) throws -> [Fold] { try split(nSamples: nSamples, y: Optional<[Int]>.none) }
}

/// Turns per-sample fold numbers into folds (scikit-learn's `_iter_test_masks` → `split`):
/// test = the samples of fold `k`, train = the rest, both ascending.
func folds(from assignment: [Int], nSplits: Int) -> [Fold] {
    (0..<nSplits).map { k in
        Fold(
            train: assignment.indices.filter { assignment[$0] != k },
            test: assignment.indices.filter { assignment[$0] == k })
    }
}

/// Shared argument checks of the K-fold splitters.
func checkSplits(_ nSplits: Int, shuffle: Bool, randomState: Int?, nSamples: Int, _ name: String) throws {
    guard nSplits >= 2 else {
        throw LearnError.invalidParameter(name: "nSplits", expected: "at least 2 folds in \(name)", got: "\(nSplits)")
    }
    guard shuffle || randomState == nil else {
        throw LearnError.invalidParameter(
            name: "randomState", expected: "nil when shuffle is false (it would have no effect, as scikit-learn says)",
            got: "\(randomState ?? 0)")
    }
    guard nSplits <= nSamples else {
        throw LearnError.invalidParameter(
            name: "nSplits", expected: "at most the number of samples (\(nSamples)) in \(name)", got: "\(nSplits)")
    }
}

/// K consecutive folds (after an optional shuffle), scikit-learn's `KFold`: the first
/// `nSamples % nSplits` folds get one extra sample.
public struct KFold: CrossValidator, Equatable {
    /// The number of folds (≥ 2).
    public var nSplits: Int
    /// Shuffle the samples before cutting them into folds.
    public var shuffle: Bool
    /// The seed of the shuffle; must be `nil` without `shuffle`.
    public var randomState: Int?

    /// Creates the splitter.
    public init(nSplits: Int = 5, shuffle: Bool = false, randomState: Int? = nil) {
        (self.nSplits, self.shuffle, self.randomState) = (nSplits, shuffle, randomState)
    }

    /// The folds; `y` is ignored.
    public func split<L: Hashable & Comparable & Sendable>(nSamples: Int, y: [L]?) throws -> [Fold] {
        try checkSplits(nSplits, shuffle: shuffle, randomState: randomState, nSamples: nSamples, "KFold")
        var order = Array(0..<nSamples)
        if shuffle {
            var rng = try RandomState.from(randomState)
            rng.shuffle(&order)
        }
        var assignment = [Int](repeating: 0, count: nSamples)
        var start = 0
        for k in 0..<nSplits {
            let size = nSamples / nSplits + (k < nSamples % nSplits ? 1 : 0)
            for position in start..<(start + size) { assignment[order[position]] = k }
            start += size
        }
        return folds(from: assignment, nSplits: nSplits)
    }
}

/// K folds that keep each class's proportion, scikit-learn's `StratifiedKFold`: each class's samples
/// are dealt to folds in blocks by a round-robin allocation (shuffled within the class when `shuffle`).
public struct StratifiedKFold: CrossValidator, Equatable {
    /// The number of folds (≥ 2).
    public var nSplits: Int
    /// Shuffle each class's fold assignment.
    public var shuffle: Bool
    /// The seed of the shuffle; must be `nil` without `shuffle`.
    public var randomState: Int?

    /// Creates the splitter.
    public init(nSplits: Int = 5, shuffle: Bool = false, randomState: Int? = nil) {
        (self.nSplits, self.shuffle, self.randomState) = (nSplits, shuffle, randomState)
    }

    /// The folds of the samples labelled `y`.
    /// - Throws: `LearnError/invalidParameter(name:expected:got:)` without `y`, or when every class
    ///   has fewer members than `nSplits`.
    public func split<L: Hashable & Comparable & Sendable>(nSamples: Int, y: [L]?) throws -> [Fold] {
        guard let y else {
            throw LearnError.invalidParameter(name: "y", expected: "class labels for StratifiedKFold", got: "nil")
        }
        guard y.count == nSamples else {
            throw LearnError.shapeMismatch(
                operation: "StratifiedKFold", expected: "\(nSamples) labels", got: "\(y.count)")
        }
        try checkSplits(nSplits, shuffle: shuffle, randomState: randomState, nSamples: nSamples, "StratifiedKFold")
        // Classes numbered by first appearance, as scikit-learn encodes them.
        var code: [L: Int] = [:]
        let encoded = y.map { label -> Int in
            if let k = code[label] { return k }
            code[label] = code.count
            return code.count - 1
        }
        let nClasses = code.count
        var counts = [Int](repeating: 0, count: nClasses)
        for k in encoded { counts[k] += 1 }
        guard counts.contains(where: { $0 >= nSplits }) else {
            throw LearnError.invalidParameter(
                name: "nSplits", expected: "at most the size of the largest class (\(counts.max() ?? 0))",
                got: "\(nSplits)")
        }
        // allocation[f][k]: class k's samples in fold f, by dealing the sorted codes round-robin.
        let sortedCodes = encoded.sorted()
        var allocation = [[Int]](repeating: [Int](repeating: 0, count: nClasses), count: nSplits)
        for (position, k) in sortedCodes.enumerated() { allocation[position % nSplits][k] += 1 }
        var rng = try RandomState.from(shuffle ? randomState : 0)
        var assignment = [Int](repeating: 0, count: nSamples)
        for k in 0..<nClasses {
            var foldsForClass = (0..<nSplits).flatMap { f in [Int](repeating: f, count: allocation[f][k]) }
            if shuffle { rng.shuffle(&foldsForClass) }
            var next = 0
            for i in encoded.indices where encoded[i] == k {
                assignment[i] = foldsForClass[next]
                next += 1
            }
        }
        return folds(from: assignment, nSplits: nSplits)
    }
}
