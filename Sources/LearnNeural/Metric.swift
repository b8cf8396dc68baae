import Foundation
import LearnCore
import LearnMetrics

/// A metric reported during training and by `Sequential.evaluate(…)`, with Keras' log
/// keys. Precision, recall and AUC treat every output as a binary decision (one-hot targets for
/// sparse labels), as Keras' `Precision`, `Recall` and `AUC` do, and are computed with `LearnMetrics`.
public enum Metric: String, Sendable, CaseIterable {
    /// Binary (threshold 0.5), sparse-categorical or categorical accuracy, chosen from the loss.
    case accuracy
    /// `tp / (tp + fp)` at threshold 0.5 (0 without predicted positives, as Keras).
    case precision
    /// `tp / (tp + fn)` at threshold 0.5.
    case recall
    /// Area under the ROC curve — exact (scikit-learn's `roc_auc_score`), where Keras interpolates over
    /// 200 thresholds; 0 when the targets hold one class only, as Keras.
    case auc

    /// The values of `metrics` for `rows` predictions (`rows × width`) against their targets.
    static func evaluate(
        _ metrics: [Metric], predictions: ArraySlice<Float>, targets: ArraySlice<Float>, loss: Loss, width: Int
    ) -> [String: Double] {
        guard !metrics.isEmpty, width > 0 else { return [:] }
        let rows = predictions.count / width
        var result: [String: Double] = [:]
        if metrics.contains(.accuracy) {
            result["accuracy"] =
                correctCount(predictions, targets, loss: loss, width: width) / Double(Swift.max(1, rows))
        }
        guard metrics.contains(where: { $0 != .accuracy }) else { return result }
        let (truth, scores) = binaryDecisions(predictions, targets, loss: loss, width: width)
        let threshold = loss.producesLogits ? 0.0 : 0.5
        let predicted = scores.map { $0 > threshold ? 1 : 0 }
        if metrics.contains(.precision) {
            result["precision"] = (try? precisionScore(truth, predicted, zeroDivision: .zero)) ?? 0
        }
        if metrics.contains(.recall) {
            result["recall"] = (try? recallScore(truth, predicted, zeroDivision: .zero)) ?? 0
        }
        if metrics.contains(.auc) { result["auc"] = (try? rocAucScore(truth, scores)) ?? 0 }
        return result
    }

    /// Every output as a binary target (0/1) and its score: sparse labels become one-hot rows.
    private static func binaryDecisions(
        _ predictions: ArraySlice<Float>, _ targets: ArraySlice<Float>, loss: Loss,
        width: Int
    ) -> (truth: [Int], scores: [Double]) {
        let scores = predictions.map(Double.init)
        guard case .sparseCategoricalCrossentropy = loss else { return (targets.map { $0 >= 0.5 ? 1 : 0 }, scores) }
        var truth = [Int](repeating: 0, count: predictions.count)
        for (r, label) in targets.enumerated() where Int(label) < width { truth[r * width + Int(label)] = 1 }
        return (truth, scores)
    }

    /// Keras' accuracy for the loss: binary (threshold 0.5), sparse (argmax = label) or categorical (argmax = argmax).
    static func correctCount(_ predictions: ArraySlice<Float>, _ targets: ArraySlice<Float>, loss: Loss, width: Int)
        -> Double
    {
        let rows = width > 0 ? predictions.count / width : 0
        let base = predictions.startIndex, t0 = targets.startIndex
        var correct = 0
        for r in 0..<rows {
            let row = predictions[(base + r * width)..<(base + (r + 1) * width)]
            switch loss {
            case .binaryCrossentropy(let logits):
                for j in 0..<width
                where ((row[row.startIndex + j] > (logits ? 0 : 0.5)) ? 1 : 0) == targets[t0 + r * width + j] {
                    correct += 1
                }
            case .sparseCategoricalCrossentropy:
                if let best = row.indices.max(by: { row[$0] < row[$1] }),
                    Float(best - row.startIndex) == targets[t0 + r]
                {
                    correct += 1
                }
            default:
                let truth = targets[(t0 + r * width)..<(t0 + (r + 1) * width)]
                if let best = row.indices.max(by: { row[$0] < row[$1] }),
                    let label = truth.indices.max(by: { truth[$0] < truth[$1] }),
                    best - row.startIndex == label - truth.startIndex
                {
                    correct += 1
                }
            }
        }
        let perRow = { if case .binaryCrossentropy = loss { return Double(width) } else { return 1.0 } }()
        return Double(correct) / perRow
    }
}

extension Loss {
    /// Whether the network's outputs are logits rather than probabilities.
    var producesLogits: Bool {
        switch self {
        case let .binaryCrossentropy(logits), let .categoricalCrossentropy(logits),
            let .sparseCategoricalCrossentropy(logits):
            return logits
        default: return false
        }
    }
}
