import LearnCore

/// Per-class precision, recall, F-beta and support, one entry per label
/// (scikit-learn's `precision_recall_fscore_support(average=None)`).
public struct ClassScores<L: ClassLabel>: Sendable, Equatable {
    /// The labels, in the order of the other arrays.
    public var labels: [L]
    /// `tp / (tp + fp)` per label.
    public var precision: [Double]
    /// `tp / (tp + fn)` per label.
    public var recall: [Double]
    /// `(1 + β²) tp / (β² (tp + fn) + tp + fp)` per label.
    public var fScore: [Double]
    /// The (weighted) number of true samples of each label.
    public var support: [Double]
}

/// Averaged precision, recall and F-beta (scikit-learn's `precision_recall_fscore_support(average=…)`).
public struct AveragedScores: Sendable, Equatable {
    /// The averaged precision.
    public var precision: Double
    /// The averaged recall.
    public var recall: Double
    /// The averaged F-beta score.
    public var fScore: Double
}

/// Per-class scores for every label (sorted labels of `yTrue` ∪ `yPred`, or `labels`).
/// - Throws: `LearnError` for different lengths, no samples, bad weights, duplicate labels, or `beta < 0`.
public func precisionRecallFscoreSupport<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], beta: Double = 1, labels: [L]? = nil, sampleWeight: [Double]? = nil,
    zeroDivision: ZeroDivision = .warn
) throws -> ClassScores<L> {
    let counts = try SetWiseMetric(
        yTrue, yPred, beta: beta, labels: labels, sampleWeight: sampleWeight,
        metric: "precisionRecallFscoreSupport"
    ).counts
    return ClassScores(scores: counts, beta: beta, zeroDivision: zeroDivision)
}

/// Scores averaged over labels as `average` says.
/// `posLabel` is the positive class for `.binary` (default `1` for numeric labels).
/// - Throws: `LearnError/invalidParameter(name:expected:got:)` for `.binary` on more than two
///   classes or a `posLabel` that is not among two present labels; see the per-class variant for the rest.
public func precisionRecallFscoreSupport<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], beta: Double = 1, labels: [L]? = nil, posLabel: L? = nil, average: Average,
    sampleWeight: [Double]? = nil, zeroDivision: ZeroDivision = .warn
) throws -> AveragedScores {
    let metric = "precisionRecallFscoreSupport"
    var setWise = try SetWiseMetric(
        yTrue, yPred, beta: beta, labels: labels, sampleWeight: sampleWeight, metric: metric)
    if average == .binary {
        let positive = try setWise.binaryPositiveLabel(posLabel, metric: metric)
        setWise.counts = LabelCounts(yTrue, yPred, labels: [positive], sampleWeight: sampleWeight)
    }
    return setWise.averaged(average, zeroDivision: zeroDivision)
}

/// `tp / (tp + fp)`, averaged as `average` says (default: binary, positive class `posLabel`).
public func precisionScore<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], labels: [L]? = nil, posLabel: L? = nil, average: Average = .binary,
    sampleWeight: [Double]? = nil, zeroDivision: ZeroDivision = .warn
) throws -> Double {
    try precisionRecallFscoreSupport(
        yTrue, yPred, labels: labels, posLabel: posLabel, average: average,
        sampleWeight: sampleWeight, zeroDivision: zeroDivision
    ).precision
}

/// `tp / (tp + fn)`, averaged as `average` says (default: binary, positive class `posLabel`).
public func recallScore<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], labels: [L]? = nil, posLabel: L? = nil, average: Average = .binary,
    sampleWeight: [Double]? = nil, zeroDivision: ZeroDivision = .warn
) throws -> Double {
    try precisionRecallFscoreSupport(
        yTrue, yPred, labels: labels, posLabel: posLabel, average: average,
        sampleWeight: sampleWeight, zeroDivision: zeroDivision
    ).recall
}

/// The harmonic mean of precision and recall, averaged as `average` says.
public func f1Score<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], labels: [L]? = nil, posLabel: L? = nil, average: Average = .binary,
    sampleWeight: [Double]? = nil, zeroDivision: ZeroDivision = .warn
) throws -> Double {
    try fbetaScore(
        yTrue, yPred, beta: 1, labels: labels, posLabel: posLabel, average: average,
        sampleWeight: sampleWeight, zeroDivision: zeroDivision)
}

/// The F-beta score: recall weighs `beta` times as much as precision.
public func fbetaScore<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], beta: Double, labels: [L]? = nil, posLabel: L? = nil, average: Average = .binary,
    sampleWeight: [Double]? = nil, zeroDivision: ZeroDivision = .warn
) throws -> Double {
    try precisionRecallFscoreSupport(
        yTrue, yPred, beta: beta, labels: labels, posLabel: posLabel, average: average,
        sampleWeight: sampleWeight, zeroDivision: zeroDivision
    ).fScore
}

/// Validated inputs and counts of one set-wise metric call.
struct SetWiseMetric<L: ClassLabel> {
    let yTrue: [L]
    let yPred: [L]
    let beta: Double
    let presentLabels: [L]
    var counts: LabelCounts<L>

    init(_ yTrue: [L], _ yPred: [L], beta: Double, labels: [L]?, sampleWeight: [Double]?, metric: String) throws {
        try MetricValidation.labelPairs(yTrue, yPred, sampleWeight, metric)
        guard beta >= 0 && !beta.isNaN else {
            throw LearnError.invalidParameter(name: "beta", expected: "beta >= 0", got: "\(beta)")
        }
        let present = MetricValidation.uniqueLabels(yTrue, yPred)
        let chosen = try labels.map { try MetricValidation.distinct($0, metric) } ?? present
        (self.yTrue, self.yPred, self.beta, self.presentLabels) = (yTrue, yPred, beta, present)
        counts = LabelCounts(yTrue, yPred, labels: chosen, sampleWeight: sampleWeight)
    }

    /// scikit-learn's `_check_set_wise_labels` for `average="binary"`.
    func binaryPositiveLabel(_ posLabel: L?, metric: String) throws -> L {
        guard presentLabels.count <= 2 else {
            throw LearnError.invalidParameter(
                name: "average",
                expected: "micro, macro or weighted: the target is multiclass (\(presentLabels.count) labels)",
                got: "binary")
        }
        guard let positive = posLabel ?? (1 as? L) ?? (1.0 as? L) ?? (Float(1) as? L) else {
            throw LearnError.invalidParameter(
                name: "posLabel", expected: "the positive class among \(presentLabels) for average .binary", got: "nil")
        }
        if presentLabels.count == 2 && !presentLabels.contains(positive) {
            throw LearnError.invalidParameter(name: "posLabel", expected: "one of \(presentLabels)", got: "\(positive)")
        }
        return positive
    }

    /// The averaged scores (scikit-learn's `_nanaverage` of the per-class ones, or global counts for micro).
    func averaged(_ average: Average, zeroDivision: ZeroDivision) -> AveragedScores {
        if average == .micro {
            let (tp, predicted, actual) = counts.micro
            let scores = ClassScores<L>(
                scores: LabelCounts<L>(truePositives: [tp], predicted: [predicted], actual: [actual], labels: []),
                beta: beta, zeroDivision: zeroDivision)
            return AveragedScores(precision: scores.precision[0], recall: scores.recall[0], fScore: scores.fScore[0])
        }
        let scores = ClassScores(scores: counts, beta: beta, zeroDivision: zeroDivision)
        let weights = average == .weighted ? counts.actual : nil
        return AveragedScores(
            precision: nanAverage(scores.precision, weights: weights),
            recall: nanAverage(scores.recall, weights: weights),
            fScore: nanAverage(scores.fScore, weights: weights))
    }
}

extension LabelCounts {
    /// Counts given directly (micro averaging).
    init(truePositives: [Double], predicted: [Double], actual: [Double], labels: [L]) {
        (self.truePositives, self.predicted, self.actual, self.labels) = (truePositives, predicted, actual, labels)
    }
}

extension ClassScores {
    /// Divides the counts as `_prf_divide` does: a zero denominator gives the `zeroDivision` value.
    init(scores counts: LabelCounts<L>, beta: Double, zeroDivision: ZeroDivision) {
        func divide(_ n: Double, _ d: Double) -> Double { d == 0 ? zeroDivision.value : n / d }
        let beta2 = beta * beta
        let precision = zip(counts.truePositives, counts.predicted).map(divide)
        let recall = zip(counts.truePositives, counts.actual).map(divide)
        let fScore: [Double]
        if beta.isInfinite {
            fScore = recall
        } else if beta == 0 {
            fScore = precision
        } else {
            fScore = counts.truePositives.indices.map { i in
                divide((1 + beta2) * counts.truePositives[i], beta2 * counts.actual[i] + counts.predicted[i])
            }
        }
        self.init(labels: counts.labels, precision: precision, recall: recall, fScore: fScore, support: counts.actual)
    }
}

/// The mean of the non-NaN values (weighted when `weights` is given), NaN when all are NaN —
/// scikit-learn's `_nanaverage`.
func nanAverage(_ values: [Double], weights: [Double]?) -> Double {
    let kept = values.indices.filter { !values[$0].isNaN }
    guard !kept.isEmpty else { return .nan }
    if let weights {
        let total = kept.reduce(0.0) { $0 + weights[$1] }
        if total != 0 { return kept.reduce(0.0) { $0 + values[$1] * weights[$1] } / total }
    }
    return kept.reduce(0.0) { $0 + values[$1] } / Double(kept.count)
}
