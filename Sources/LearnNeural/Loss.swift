import Foundation
import LearnCore

/// A training loss with Keras' names and definitions: the mean over samples of a per-sample loss, the
/// probability losses clipping predictions to `[ε, 1 − ε]` with Keras' `ε = 1e-7`.
public enum Loss: Sendable, Equatable {
    /// `−(y log p + (1 − y) log(1 − p))` averaged over outputs; `fromLogits` applies the sigmoid itself.
    case binaryCrossentropy(fromLogits: Bool = false)
    /// `−Σ y log p` over one-hot targets; `fromLogits` applies the softmax itself.
    case categoricalCrossentropy(fromLogits: Bool = false)
    /// `−log p[label]` with integer labels (stored as Float); `fromLogits` applies the softmax itself.
    case sparseCategoricalCrossentropy(fromLogits: Bool = false)
    /// `mean((p − y)²)` over outputs.
    case meanSquaredError
    /// `mean(|p − y|)` over outputs.
    case meanAbsoluteError

    /// `binaryCrossentropy` from probabilities (`.binaryCrossentropy` in DESIGN's first program).
    public static var binaryCrossentropy: Loss { .binaryCrossentropy() }
    /// `categoricalCrossentropy` from probabilities.
    public static var categoricalCrossentropy: Loss { .categoricalCrossentropy() }
    /// `sparseCategoricalCrossentropy` from probabilities.
    public static var sparseCategoricalCrossentropy: Loss { .sparseCategoricalCrossentropy() }

    /// Keras' clipping constant.
    public static let epsilon: Float = 1e-7

    /// Keras' name (`"binary_crossentropy"`, …).
    public var kerasName: String {
        switch self {
        case .binaryCrossentropy: return "binary_crossentropy"
        case .categoricalCrossentropy: return "categorical_crossentropy"
        case .sparseCategoricalCrossentropy: return "sparse_categorical_crossentropy"
        case .meanSquaredError: return "mean_squared_error"
        case .meanAbsoluteError: return "mean_absolute_error"
        }
    }

    /// Targets per sample: 1 for sparse labels, else the prediction width.
    public func targetWidth(predictionWidth: Int) -> Int {
        if case .sparseCategoricalCrossentropy = self { return 1 }
        return predictionWidth
    }

    /// The mean loss of `rows` samples and, when `gradient` is given, ∂loss/∂prediction written into it.
    /// With `sampleWeights` (one per row) each sample's loss is weighted and the sum divided by `rows`,
    /// Keras' `sum_over_batch_size` reduction.
    /// - Throws: `LearnError/unknownLabel(_:)` for a sparse label outside `0..<width`.
    public func evaluate(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int, width: Int,
        gradient: UnsafeMutablePointer<Float>?, sampleWeights: UnsafePointer<Float>? = nil
    ) throws -> Float {
        guard rows > 0 && width > 0 else { return 0 }
        guard let sampleWeights else {
            return try unweighted(
                predictions: predictions, targets: targets, rows: rows, width: width, gradient: gradient)
        }
        // Per-row losses (and gradients) scaled by their weights: evaluate row by row.
        var total: Float = 0
        for r in 0..<rows {
            let w = sampleWeights[r]
            let targetWidth = targetWidth(predictionWidth: width)
            let rowLoss = try unweighted(
                predictions: predictions + r &* width, targets: targets + r &* targetWidth, rows: 1, width: width,
                gradient: gradient.map { $0 + r &* width })
            total += w * rowLoss
            if let gradient { for j in 0..<width { gradient[r &* width &+ j] *= w / Float(rows) } }
        }
        return total / Float(rows)
    }

    private func unweighted(
        predictions: UnsafePointer<Float>, targets: UnsafePointer<Float>, rows: Int, width: Int,
        gradient: UnsafeMutablePointer<Float>?
    ) throws -> Float {
        let n = Float(rows)
        var total: Double = 0
        switch self {
        case let .binaryCrossentropy(fromLogits):
            let scale = 1 / (n * Float(width))
            for i in 0..<(rows &* width) {
                let y = targets[i]
                if fromLogits {
                    let z = predictions[i]
                    // max(z, 0) − z y + log(1 + e^−|z|), Keras' stable form.
                    total += Double(Swift.max(z, 0) - z * y + Foundation.log1p(Foundation.exp(-Swift.abs(z))))
                    let p = Float.sigmoid(z)
                    gradient?[i] = (p - y) * scale
                } else {
                    let raw = predictions[i]
                    let p = Swift.min(Swift.max(raw, Self.epsilon), 1 - Self.epsilon)
                    total += Double(-(y * Foundation.log(p) + (1 - y) * Foundation.log(1 - p)))
                    let clipped = raw < Self.epsilon || raw > 1 - Self.epsilon
                    gradient?[i] = clipped ? 0 : (p - y) / (p * (1 - p)) * scale
                }
            }
            return Float(total) * scale
        case let .categoricalCrossentropy(fromLogits), let .sparseCategoricalCrossentropy(fromLogits):
            let sparse = { if case .sparseCategoricalCrossentropy = self { return true } else { return false } }()
            for r in 0..<rows {
                let (p, g) = (predictions + r &* width, gradient.map { $0 + r &* width })
                var label = -1
                if sparse {
                    let value = targets[r]
                    guard value >= 0, value < Float(width), value.rounded() == value else {
                        throw LearnError.unknownLabel("label \(value) is outside the \(width) outputs")
                    }
                    label = Int(value)
                }
                let y: (Int) -> Float = { j in sparse ? (j == label ? 1 : 0) : targets[r &* width &+ j] }
                total += Double(
                    try Self.crossEntropyRow(
                        p, width: width, target: y, fromLogits: fromLogits, gradient: g, scale: 1 / n))
            }
            return Float(total) / n
        case .meanSquaredError, .meanAbsoluteError:
            let scale = 1 / (n * Float(width))
            let squared = self == .meanSquaredError
            for i in 0..<(rows &* width) {
                let difference = predictions[i] - targets[i]
                total += Double(squared ? difference * difference : Swift.abs(difference))
                gradient?[i] = (squared ? 2 * difference : (difference > 0 ? 1 : difference < 0 ? -1 : 0)) * scale
            }
            return Float(total) * scale
        }
    }

    /// One sample's categorical cross-entropy and its gradient (scaled by `scale`).
    private static func crossEntropyRow(
        _ p: UnsafePointer<Float>, width: Int, target y: (Int) -> Float, fromLogits: Bool,
        gradient: UnsafeMutablePointer<Float>?, scale: Float
    ) throws -> Float {
        if fromLogits {
            let logSum = Float.logSumExp(p, count: width)
            var loss: Float = 0, targetSum: Float = 0
            for j in 0..<width {
                loss -= y(j) * (p[j] - logSum)
                targetSum += y(j)
            }
            if let gradient {
                for j in 0..<width { gradient[j] = (Foundation.exp(p[j] - logSum) * targetSum - y(j)) * scale }
            }
            return loss
        }
        // Keras normalises the probabilities to sum to 1, then clips them.
        var sum: Float = 0
        for j in 0..<width { sum += p[j] }
        var loss: Float = 0
        for j in 0..<width {
            let normalised = p[j] / sum
            let clipped = Swift.min(Swift.max(normalised, epsilon), 1 - epsilon)
            loss -= y(j) * Foundation.log(clipped)
        }
        if let gradient {
            // d/dp_k of −Σ y_j log(p_j / s) = −y_k / p_k + Σ y_j / s (ignoring the clip, as at interior points).
            var targetSum: Float = 0
            for j in 0..<width { targetSum += y(j) }
            for k in 0..<width {
                let normalised = p[k] / sum
                let inside = normalised > epsilon && normalised < 1 - epsilon
                gradient[k] = ((inside ? -y(k) / p[k] : 0) + targetSum / sum) * scale
            }
        }
        return loss
    }
}
