import LearnCore

/// Input checks shared by the metrics, with messages that name the metric.
enum MetricValidation {
    static func sameLength(_ a: Int, _ b: Int, _ metric: String, _ what: String = "yPred") throws {
        guard a == b else {
            throw LearnError.shapeMismatch(
                operation: metric, expected: "\(what) with \(a) values (as many as yTrue)", got: "\(b)")
        }
    }

    /// The checks of a metric over true and predicted class labels: as many predictions as labels, both
    /// discrete, at least one sample, and valid weights.
    static func labelPairs<L: ClassLabel>(_ yTrue: [L], _ yPred: [L], _ sampleWeight: [Double]?, _ metric: String)
        throws
    {
        try sameLength(yTrue.count, yPred.count, metric)
        try discrete(yTrue, metric)
        try discrete(yPred, metric, "yPred")
        try notEmpty(yTrue.count, metric)
        try weights(sampleWeight, count: yTrue.count, metric)
    }

    /// `total / weightTotal` (scikit-learn's `_average` of per-sample values), or `total` itself without
    /// `normalize`.
    /// - Throws: ``zeroWeightTotal`` when normalising by a total of 0.
    static func weightedMean(_ total: Double, weightTotal: Double, normalize: Bool = true) throws -> Double {
        guard normalize else { return total }
        guard weightTotal > 0 else { throw zeroWeightTotal }
        return total / weightTotal
    }

    /// Sample weights that sum to zero leave nothing to average over.
    static let zeroWeightTotal = LearnError.invalidParameter(
        name: "sampleWeight", expected: "weights that do not all sum to zero", got: "a total of 0")

    static func notEmpty(_ count: Int, _ metric: String) throws {
        guard count > 0 else { throw LearnError.emptyInput(operation: metric) }
    }

    /// Sample weights: one finite, non-negative value per sample.
    static func weights(_ weights: [Double]?, count: Int, _ metric: String) throws {
        guard let weights else { return }
        try sameLength(count, weights.count, metric, "sampleWeight")
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw LearnError.invalidParameter(
                name: "sampleWeight", expected: "finite weights >= 0 in \(metric)",
                got: "a negative or non-finite weight")
        }
    }

    /// Class labels, as scikit-learn's `type_of_target` accepts them: floating-point labels must be whole
    /// numbers (`1.0` is a class, `0.5` is a continuous target: "continuous is not supported").
    static func discrete<L: ClassLabel>(_ labels: [L], _ metric: String, _ name: String = "yTrue") throws {
        let values: [Double]? = (labels as? [Double]) ?? (labels as? [Float])?.map(Double.init)
        guard let values, let bad = values.first(where: { !$0.isFinite || $0.rounded() != $0 }) else { return }
        throw LearnError.invalidParameter(
            name: name, expected: "class labels in \(metric) (whole numbers; continuous targets are not supported)",
            got: "\(bad)")
    }

    static func finite(_ values: [Double], _ metric: String) throws {
        guard values.allSatisfy(\.isFinite) else { throw LearnError.nonFiniteInput(operation: metric) }
    }

    /// The sorted distinct labels of both arrays (scikit-learn's `unique_labels`).
    static func uniqueLabels<L: ClassLabel>(_ a: [L], _ b: [L]) -> [L] {
        // Integer labels take a non-generic path (hashing unspecialised keys costs ~10× more).
        if let a = a.asIntegers, let b = b.asIntegers, let unique = uniqueIntegers(a, b).reinterpreted(as: L.self) {
            return unique
        }
        var seen = Set<L>(minimumCapacity: 16)
        for x in a { seen.insert(x) }
        for x in b { seen.insert(x) }
        return seen.sorted()
    }

    /// The sorted distinct integers of both arrays; a presence table when the range is small.
    static func uniqueIntegers(_ a: [Int], _ b: [Int]) -> [Int] {
        guard let low = Swift.min(a.min() ?? .max, b.min() ?? .max) as Int?,
            let high = Swift.max(a.max() ?? .min, b.max() ?? .min) as Int?,
            low <= high, high.subtractingReportingOverflow(low).partialValue < 1 << 20,
            !high.subtractingReportingOverflow(low).overflow
        else {
            return Array(Set(a).union(b)).sorted()
        }
        var present = [Bool](repeating: false, count: high - low + 1)
        for x in a { present[x - low] = true }
        for x in b { present[x - low] = true }
        return present.indices.filter { present[$0] }.map { $0 + low }
    }

    /// `labels` without duplicates, or a clear error.
    static func distinct<L: ClassLabel>(_ labels: [L], _ metric: String) throws -> [L] {
        guard Set(labels).count == labels.count else {
            throw LearnError.invalidParameter(
                name: "labels", expected: "distinct labels in \(metric)", got: "\(labels)")
        }
        guard !labels.isEmpty else {
            throw LearnError.invalidParameter(name: "labels", expected: "at least one label in \(metric)", got: "[]")
        }
        return labels
    }
}
