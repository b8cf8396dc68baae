import LearnCore

/// Counts of true class (rows) against predicted class (columns), scikit-learn's `confusion_matrix`.
///
/// Rows and columns follow `labels` (default: the sorted labels of `yTrue` ∪ `yPred`); samples whose
/// true or predicted label is not in `labels` are left out.
/// - Throws: `LearnError` for different lengths, no samples, duplicate labels, or `labels` none of which
///   is in `yTrue` (scikit-learn raises there too).
public func confusionMatrix<L: ClassLabel>(_ yTrue: [L], _ yPred: [L], labels: [L]? = nil) throws -> [[Int]] {
    let weighted = try confusionMatrix(yTrue, yPred, labels: labels, sampleWeight: nil, normalize: nil)
    return (0..<weighted.rows).map { i in (0..<weighted.columns).map { j in Int(weighted[i, j]) } }
}

/// The confusion matrix with sample weights and/or normalised over true classes, predicted classes
/// or everything (0/0 becomes 0, as scikit-learn does).
public func confusionMatrix<L: ClassLabel>(
    _ yTrue: [L], _ yPred: [L], labels: [L]? = nil, sampleWeight: [Double]? = nil, normalize: ConfusionNormalization?
) throws -> Matrix<Double> {
    try MetricValidation.labelPairs(yTrue, yPred, sampleWeight, "confusionMatrix")
    let order =
        try labels.map { try MetricValidation.distinct($0, "confusionMatrix") }
        ?? MetricValidation.uniqueLabels(yTrue, yPred)
    let k = order.count
    var counts = try Matrix<Double>.zeros(k, k)
    let (t, p) = LabelIndex.encode(yTrue, yPred, labels: order)
    guard t.contains(where: { $0 >= 0 }) else {
        throw LearnError.invalidParameter(
            name: "labels", expected: "at least one label that is in yTrue (as scikit-learn requires)",
            got: "\(order)")
    }
    counts.withUnsafeMutableBufferPointer { c in
        for i in t.indices where t[i] >= 0 && p[i] >= 0 { c[t[i] * k + p[i]] += sampleWeight?[i] ?? 1 }
    }
    guard let normalize else { return counts }
    func ratio(_ x: Double, _ total: Double) -> Double { total == 0 ? 0 : x / total }
    switch normalize {
    case .true:
        let rows = try counts.sum(axis: 1)
        for i in 0..<k { for j in 0..<k { counts[i, j] = ratio(counts[i, j], rows[i]) } }
    case .pred:
        let columns = try counts.sum(axis: 0)
        for i in 0..<k { for j in 0..<k { counts[i, j] = ratio(counts[i, j], columns[j]) } }
    case .all:
        let total = counts.sum()
        for i in 0..<k { for j in 0..<k { counts[i, j] = ratio(counts[i, j], total) } }
    }
    return counts
}
