import LearnCore

/// The fraction (or, with `normalize: false`, the weighted count) of exact matches —
/// scikit-learn's `accuracy_score`.
/// - Throws: `LearnError/shapeMismatch(operation:expected:got:)` for different lengths,
///   `LearnError/emptyInput(operation:)` for no samples, `LearnError/invalidParameter(name:expected:got:)`
///   for bad weights.
public func accuracyScore<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], normalize: Bool = true, sampleWeight: [Double]? = nil
) throws -> Double {
    try MetricValidation.sameLength(yTrue.count, yPred.count, "accuracyScore")
    try MetricValidation.discrete(yTrue, "accuracyScore")
    try MetricValidation.discrete(yPred, "accuracyScore", "yPred")
    try MetricValidation.notEmpty(yTrue.count, "accuracyScore")
    try MetricValidation.weights(sampleWeight, count: yTrue.count, "accuracyScore")
    var correct = 0.0, total = 0.0
    for i in yTrue.indices {
        let w = sampleWeight?[i] ?? 1
        if yTrue[i] == yPred[i] { correct += w }
        total += w
    }
    guard normalize else { return correct }
    guard total > 0 else {
        throw LearnError.invalidParameter(
            name: "sampleWeight", expected: "weights that do not all sum to zero", got: "a total of 0")
    }
    return correct / total
}
