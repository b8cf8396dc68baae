import Foundation
import LearnCore

/// The cross-entropy of predicted probabilities, scikit-learn's `log_loss`.
///
/// `yProba` has one column per class in sorted-label order (`labels`, default: the labels of `yTrue`);
/// a single column is read as the probability of the larger of two classes. Probabilities are clipped
/// to `[ε, 1 − ε]` (ε = `Double.ulpOfOne`).
/// - Throws: `LearnError` for probabilities outside [0, 1] or non-finite, a column count that does not
///   match the classes, a single class without `labels`, a label outside `labels`, or the usual length,
///   emptiness and weight problems.
public func logLoss<L: ClassLabel>(
    _ yTrue: [L], _ yProba: Matrix<Double>, normalize: Bool = true, sampleWeight: [Double]? = nil, labels: [L]? = nil
) throws -> Double {
    let metric = "logLoss"
    try MetricValidation.sameLength(yTrue.count, yProba.rows, metric, "yProba rows")
    try MetricValidation.discrete(yTrue, metric)
    try MetricValidation.notEmpty(yTrue.count, metric)
    try MetricValidation.weights(sampleWeight, count: yTrue.count, metric)
    guard yProba.isFinite else { throw LearnError.nonFiniteInput(operation: metric) }
    if let bad = yProba.scalars.first(where: { $0 < 0 || $0 > 1 }) {
        throw LearnError.invalidParameter(name: "yProba", expected: "probabilities in [0, 1]", got: "\(bad)")
    }
    let classes = try labels.map { try MetricValidation.distinct($0, metric).sorted() } ?? Array(Set(yTrue)).sorted()
    guard classes.count >= 2 else {
        throw LearnError.invalidParameter(
            name: "labels", expected: "at least two classes (yTrue has one: pass every expected label in labels)",
            got: "\(classes)")
    }
    var proba = yProba
    if proba.columns == 1 { proba = try Matrix.concatenate([1.0 - proba, proba], axis: 1) }
    guard proba.columns == classes.count else {
        throw LearnError.shapeMismatch(
            operation: metric, expected: "yProba with one column per class (\(classes.count))",
            got: "\(yProba.columns) columns")
    }
    let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
    let eps = Double.ulpOfOne
    var total = 0.0, weightTotal = 0.0
    for (i, label) in yTrue.enumerated() {
        guard let column = position[label] else {
            throw LearnError.unknownLabel("yTrue contains \(label), which is not in labels \(classes)")
        }
        let p = Swift.min(Swift.max(proba[i, column], eps), 1 - eps)
        let w = sampleWeight?[i] ?? 1
        total += -log(p) * w
        weightTotal += w
    }
    return try MetricValidation.weightedMean(total, weightTotal: weightTotal, normalize: normalize)
}
