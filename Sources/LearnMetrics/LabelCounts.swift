import LearnCore

/// The sufficient statistics of the set-wise classification metrics: for each label, the (weighted)
/// true positives, predicted count and true count — scikit-learn's `multilabel_confusion_matrix` sums.
struct LabelCounts<L: ClassLabel> {
    let labels: [L]
    var truePositives: [Double]
    var predicted: [Double]
    var actual: [Double]

    /// Counts every sample once; samples whose labels are not in `labels` only count for the labels
    /// they do carry, as in scikit-learn.
    init(_ yTrue: [L], _ yPred: [L], labels: [L], sampleWeight: [Double]?) {
        self.labels = labels
        let k = labels.count
        var tp = [Double](repeating: 0, count: k), predicted = tp, actual = tp
        let (trueIndex, predIndex) = LabelIndex.encode(yTrue, yPred, labels: labels)
        trueIndex.withUnsafeBufferPointer { t in
            predIndex.withUnsafeBufferPointer { p in
                for i in 0..<t.count {
                    let w = sampleWeight?[i] ?? 1
                    let (a, b) = (t[i], p[i])
                    if a >= 0 { actual[a] += w }
                    if b >= 0 { predicted[b] += w }
                    if a >= 0 && a == b { tp[a] += w }
                }
            }
        }
        (truePositives, self.predicted, self.actual) = (tp, predicted, actual)
    }

    /// Sums over all labels (micro averaging).
    var micro: (tp: Double, predicted: Double, actual: Double) {
        (truePositives.reduce(0, +), predicted.reduce(0, +), actual.reduce(0, +))
    }
}

/// Maps labels to their position in a label list (-1 when absent), with a direct table for small
/// non-negative integers (the common case) and a dictionary otherwise.
enum LabelIndex {
    static func encode<L: ClassLabel>(_ a: [L], _ b: [L], labels: [L]) -> ([Int], [Int]) {
        if let ints = labels.asIntegers, let aInts = a.asIntegers, let bInts = b.asIntegers,
            let maximum = ints.max(), let minimum = ints.min(), minimum >= 0, maximum < 1 << 20
        {
            var table = [Int](repeating: -1, count: maximum + 1)
            for (position, label) in ints.enumerated() { table[label] = position }
            return (lookUp(aInts, table), lookUp(bInts, table))
        }
        let position = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        return (a.map { position[$0] ?? -1 }, b.map { position[$0] ?? -1 })
    }

    private static func lookUp(_ values: [Int], _ table: [Int]) -> [Int] {
        table.withUnsafeBufferPointer { table in
            values.map { $0 >= 0 && $0 < table.count ? table[$0] : -1 }
        }
    }
}
