import LearnCore

/// A receiver operating characteristic curve: false and true positive rates at each threshold.
public struct ROCCurve: Sendable, Equatable {
    /// False positive rates, increasing, from 0.
    public var fpr: [Double]
    /// True positive rates, increasing, from 0.
    public var tpr: [Double]
    /// Decreasing score thresholds; the first is `+infinity` (no sample predicted positive).
    public var thresholds: [Double]
}

/// The ROC curve of binary scores, scikit-learn's `roc_curve` (with `drop_intermediate=True` by
/// default: collinear points are dropped).
/// Arguments:
///   - `yScore`: higher means more likely `posLabel`.
///   - `posLabel`: the positive class; default `1` for numeric labels, required otherwise when ambiguous.
/// - Throws: `LearnError` for different lengths, no samples, non-finite scores, more than two classes,
///   or a class missing (a rate would be 0/0).
public func rocCurve<L: ClassLabel>(
    _ yTrue: [L], _ yScore: [Double], posLabel: L? = nil, sampleWeight: [Double]? = nil, dropIntermediate: Bool = true
) throws -> ROCCurve {
    try MetricValidation.discrete(yTrue, "rocCurve")
    let positive = try positiveLabel(yTrue, posLabel, "rocCurve")
    return try binaryROC(
        yTrue.map { $0 == positive }, yScore, sampleWeight: sampleWeight, dropIntermediate: dropIntermediate,
        metric: "rocCurve")
}

/// The area under a curve by the trapezoidal rule, scikit-learn's `auc`.
/// - Throws: `LearnError` when `x` is neither increasing nor decreasing, or lengths differ / < 2.
public func auc(_ x: [Double], _ y: [Double]) throws -> Double {
    try MetricValidation.sameLength(x.count, y.count, "auc", "y")
    guard x.count >= 2 else {
        throw LearnError.invalidParameter(
            name: "x", expected: "at least 2 points to compute an area", got: "\(x.count)")
    }
    let steps = zip(x.dropFirst(), x).map { $0 - $1 }
    var direction = 1.0
    if steps.contains(where: { $0 < 0 }) {
        guard steps.allSatisfy({ $0 <= 0 }) else {
            throw LearnError.invalidParameter(
                name: "x", expected: "monotonic values (increasing or decreasing)", got: "\(x)")
        }
        direction = -1
    }
    var area = 0.0
    for i in 0..<steps.count { area += steps[i] * (y[i + 1] + y[i]) / 2.0 }
    return direction * area
}

/// The area under the ROC curve of binary scores: the positive class is the larger label
/// (scikit-learn's `roc_auc_score` on a binary target).
/// - Throws: `LearnError` for different lengths, no samples, non-finite scores, or a `yTrue`
///   without both classes (scikit-learn returns NaN there; SwiftLearn says why).
public func rocAucScore<L: ClassLabel>(_ yTrue: [L], _ yScore: [Double], sampleWeight: [Double]? = nil) throws -> Double
{
    try MetricValidation.discrete(yTrue, "rocAucScore")
    let classes = Array(Set(yTrue)).sorted()
    guard classes.count == 2 else {
        throw LearnError.invalidParameter(
            name: "yTrue", expected: "exactly two classes for a binary ROC AUC (use the Matrix form for multiclass)",
            got: "\(classes.count)")
    }
    let curve = try binaryROC(
        yTrue.map { $0 == classes[1] }, yScore, sampleWeight: sampleWeight, dropIntermediate: true,
        metric: "rocAucScore")
    return try auc(curve.fpr, curve.tpr)
}

/// How the one-vs-rest AUCs of a multiclass problem combine.
public enum ROCAverage: String, Sendable, CaseIterable {
    /// The unweighted mean over classes.
    case macro
    /// The mean weighted by each class's support.
    case weighted
}

/// The multiclass ROC AUC, one-vs-rest (scikit-learn's `roc_auc_score(multi_class="ovr")`):
/// `yScore` holds one probability column per class in `labels` order (default: sorted labels of `yTrue`);
/// rows must sum to 1.
/// - Throws: `LearnError` when the column count differs from the classes, there are only two classes
///   (use the one-column form), rows do not sum to 1, `yTrue` holds a label outside `labels`, a class has
///   no (weighted) samples for the macro average (scikit-learn returns NaN; the weighted average gives such
///   a class no weight, as scikit-learn does), or for the usual length/emptiness/finiteness problems.
public func rocAucScore<L: ClassLabel>(
    _ yTrue: [L], _ yScore: Matrix<Double>, average: ROCAverage = .macro, labels: [L]? = nil,
    sampleWeight: [Double]? = nil
) throws -> Double {
    let metric = "rocAucScore"
    try MetricValidation.sameLength(yTrue.count, yScore.rows, metric, "yScore rows")
    try MetricValidation.discrete(yTrue, metric)
    let classes = try labels.map { try MetricValidation.distinct($0, metric) } ?? Array(Set(yTrue)).sorted()
    if let labels, labels != labels.sorted() {
        throw LearnError.invalidParameter(name: "labels", expected: "labels in increasing order", got: "\(labels)")
    }
    guard classes.count == yScore.columns else {
        throw LearnError.shapeMismatch(
            operation: metric, expected: "yScore with one column per class (\(classes.count))",
            got: "\(yScore.columns) columns")
    }
    // scikit-learn raises here too ("y should be a 1d array"): a binary target takes one score per sample.
    guard classes.count > 2 else {
        throw LearnError.invalidParameter(
            name: "yScore", expected: "one score per sample for a binary target (the positive class's column)",
            got: "\(yScore.columns) columns")
    }
    if let unknown = yTrue.first(where: { !classes.contains($0) }) {
        throw LearnError.unknownLabel("yTrue contains \(unknown), which is not in labels \(classes)")
    }
    for total in try yScore.sum(axis: 1) where Swift.abs(total - 1) > 1e-8 + 1e-5 {
        throw LearnError.invalidParameter(
            name: "yScore", expected: "probabilities: each row summing to 1", got: "a row summing to \(total)")
    }
    var scores: [Double] = []
    var weights: [Double] = []
    for (c, label) in classes.enumerated() {
        let isClass = yTrue.map { $0 == label }
        let weight = zip(isClass, sampleWeight ?? [Double](repeating: 1, count: yTrue.count)).reduce(0) {
            $0 + ($1.0 ? $1.1 : 0)
        }
        weights.append(weight)
        // A class without (weighted) samples has no AUC. The weighted average gives it no weight, as
        // scikit-learn does; the macro average would be NaN there, so it is an error here.
        guard weight > 0 else {
            guard average == .weighted else {
                throw LearnError.invalidParameter(
                    name: "yTrue",
                    expected: "samples of every class for the macro one-vs-rest AUC (scikit-learn returns NaN)",
                    got: "no \(sampleWeight == nil ? "" : "weighted ")samples of class \(label)")
            }
            scores.append(0)
            continue
        }
        let curve = try binaryROC(
            isClass, try yScore.column(c), sampleWeight: sampleWeight, dropIntermediate: true, metric: metric)
        scores.append(try auc(curve.fpr, curve.tpr))
    }
    switch average {
    case .macro:
        return scores.reduce(0, +) / Double(scores.count)
    case .weighted:
        let total = weights.reduce(0, +)
        guard total != 0 else { return 0 }
        return zip(scores, weights).reduce(0.0) { $0 + ($1.1 == 0 ? 0 : $1.0 * $1.1) } / total
    }
}

/// The positive class of a binary target: `posLabel`, or 1 for numeric labels when the classes are
/// {0, 1}, {-1, 1} or one of them (scikit-learn's `_check_pos_label_consistency`).
func positiveLabel<L: ClassLabel>(_ yTrue: [L], _ posLabel: L?, _ metric: String) throws -> L {
    let classes = Array(Set(yTrue)).sorted()
    guard classes.count <= 2 else {
        throw LearnError.invalidParameter(
            name: "yTrue", expected: "a binary target in \(metric)", got: "\(classes.count) classes")
    }
    if let posLabel { return posLabel }
    let numericOne = (1 as? L) ?? (1.0 as? L) ?? (Float(1) as? L)
    let allowed = [0, -1, 1].compactMap { ($0 as? L) ?? (Double($0) as? L) ?? (Float($0) as? L) }
    guard let one = numericOne, classes.allSatisfy({ allowed.contains($0) }) else {
        throw LearnError.invalidParameter(
            name: "posLabel", expected: "the positive class (labels \(classes) are not {0, 1} or {-1, 1})", got: "nil")
    }
    return one
}

/// `_binary_clf_curve` + `roc_curve`: scores sorted decreasing (stable), one point per distinct score.
func binaryROC(
    _ isPositive: [Bool], _ yScore: [Double], sampleWeight: [Double]?, dropIntermediate: Bool,
    metric: String
) throws -> ROCCurve {
    try MetricValidation.sameLength(isPositive.count, yScore.count, metric, "yScore")
    try MetricValidation.notEmpty(isPositive.count, metric)
    try MetricValidation.finite(yScore, metric)
    try MetricValidation.weights(sampleWeight, count: isPositive.count, metric)
    // Samples that weigh nothing are left out, as scikit-learn's `_binary_clf_curve` does: they would
    // otherwise add thresholds of their own to the curve.
    if let sampleWeight, sampleWeight.contains(0) {
        let kept = sampleWeight.indices.filter { sampleWeight[$0] != 0 }
        return try binaryROC(
            kept.map { isPositive[$0] }, kept.map { yScore[$0] }, sampleWeight: kept.map { sampleWeight[$0] },
            dropIntermediate: dropIntermediate, metric: metric)
    }
    // NumPy's mergesort ascending, reversed: ties end up in reverse input order; only sums matter.
    let order = yScore.indices.sorted { yScore[$0] < yScore[$1] || (yScore[$0] == yScore[$1] && $0 < $1) }.reversed()
    var fps: [Double] = [], tps: [Double] = [], thresholds: [Double] = []
    var tp = 0.0, fp = 0.0
    let sorted = Array(order)
    for (position, i) in sorted.enumerated() {
        let w = sampleWeight?[i] ?? 1
        if isPositive[i] { tp += w } else { fp += w }
        if position == sorted.count - 1 || yScore[sorted[position + 1]] != yScore[i] {
            tps.append(tp)
            fps.append(fp)
            thresholds.append(yScore[i])
        }
    }
    if dropIntermediate && fps.count > 2 {
        var keep = [0]
        for i in 1..<(fps.count - 1) {
            // np.diff(x, 2), evaluated as NumPy does: a difference of differences.
            let secondFP = (fps[i + 1] - fps[i]) - (fps[i] - fps[i - 1])
            let secondTP = (tps[i + 1] - tps[i]) - (tps[i] - tps[i - 1])
            if secondFP != 0 || secondTP != 0 { keep.append(i) }
        }
        keep.append(fps.count - 1)
        (fps, tps, thresholds) = (keep.map { fps[$0] }, keep.map { tps[$0] }, keep.map { thresholds[$0] })
    }
    guard let totalFP = fps.last, let totalTP = tps.last, totalFP > 0, totalTP > 0 else {
        throw LearnError.invalidParameter(
            name: "yTrue", expected: "both positive and negative samples in \(metric)", got: "only one class")
    }
    return ROCCurve(
        fpr: [0] + fps.map { $0 / totalFP }, tpr: [0] + tps.map { $0 / totalTP },
        thresholds: [.infinity] + thresholds)
}
