import LearnCore

/// The fraction (or, with `normalize: false`, the weighted count) of exact matches —
/// scikit-learn's `accuracy_score`.
/// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` for different lengths,
///   `LearnError/emptyInput(operation:)` for no samples, `LearnError/invalidParameter(name:expected:got:)`
///   for bad weights.
public func accuracyScore<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], normalize: Bool = true, sampleWeight: [Double]? = nil
) throws -> Double {
    try MetricValidation.labelPairs(yTrue, yPred, sampleWeight, "accuracyScore")
    var correct = 0.0, total = 0.0
    for i in yTrue.indices {
        let w = sampleWeight?[i] ?? 1
        if yTrue[i] == yPred[i] { correct += w }
        total += w
    }
    return try MetricValidation.weightedMean(correct, weightTotal: total, normalize: normalize)
}
