import Foundation
import LearnCore

/// Batch normalisation over the last axis, Keras' `BatchNormalization`: in training each feature is
/// normalised with the batch's mean and (biased) variance and the moving statistics are updated
/// (`moving = moving · momentum + batch · (1 − momentum)`); at inference the moving statistics are used.
/// Output `gamma · (x − mean) / √(variance + epsilon) + beta`.
public struct BatchNormalization: Layer, Equatable {
    /// Weight of the old moving statistics in each update (Keras' 0.99).
    public var momentum: Double
    /// Added to the variance (Keras' 1e-3).
    public var epsilon: Double
    /// Learn the offset `beta`.
    public var center: Bool
    /// Learn the scale `gamma`.
    public var scale: Bool
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var features = 0, rowsPerSample = 1

    /// `BatchNormalization()` with Keras' defaults.
    public init(
        momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true, name: String = ""
    ) {
        (self.momentum, self.epsilon, self.center, self.scale, self.name) = (momentum, epsilon, center, scale, name)
    }

    /// `"BatchNormalization"`.
    public static let kerasClass = "BatchNormalization"

    /// Any shape; the last axis holds the features.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard let last = inputShape.last, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "BatchNormalization.build", expected: "a non-empty input shape", got: "\(inputShape)")
        }
        guard momentum >= 0 && momentum <= 1, epsilon > 0 else {
            throw LearnError.invalidParameter(
                name: "momentum/epsilon", expected: "momentum in [0, 1] and epsilon > 0", got: "\(momentum), \(epsilon)"
            )
        }
        (features, rowsPerSample) = (last, inputShape.reduce(1, *) / last)
        return inputShape
    }

    /// `gamma`, `beta` (trainable), `moving_mean`, `moving_variance` (state).
    public var weights: [LayerWeight] {
        (scale ? [LayerWeight("gamma", shape: [features])] : [])
            + (center ? [LayerWeight("beta", shape: [features])] : [])
            + [
                LayerWeight("moving_mean", shape: [features], trainable: false),
                LayerWeight("moving_variance", shape: [features], trainable: false)
            ]
    }

    /// The normalised values, then per feature `1 / √(variance + ε)`, the mean, and one accumulator.
    public func scratchCount(batch: Int) -> Int { batch * rowsPerSample * features + 3 * features }

    /// gamma 1, beta 0, moving mean 0, moving variance 1.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        if scale { parameters.update(repeating: 1, count: features) }
        if center { (parameters + (scale ? features : 0)).update(repeating: 0, count: features) }
        state.update(repeating: 0, count: features)
        (state + features).update(repeating: 1, count: features)
    }

    private func gammaBeta(_ parameters: UnsafePointer<Float>) -> (
        gamma: UnsafePointer<Float>?, beta: UnsafePointer<Float>?
    ) {
        (scale ? parameters : nil, center ? parameters + (scale ? features : 0) : nil)
    }

    /// Normalises with the batch statistics in training (updating the moving ones), else with the moving ones.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let rows = batch * rowsPerSample
        let (gamma, beta) = gammaBeta(parameters)
        let (movingMean, movingVariance) = (state, state + features)
        let (inverse, mean) = (scratch + rows * features, scratch + rows * features + features)
        let eps = Float(epsilon)
        if training {
            let (keep, take) = (Float(momentum), Float(1 - momentum))
            Float.columnMeans(input, rows: rows, columns: features, into: mean)
            inverse.update(repeating: 0, count: features)
            for r in 0..<rows {
                let x = input + r &* features
                for j in 0..<features {
                    let d = x[j] - mean[j]
                    inverse[j] += d * d
                }
            }
            for j in 0..<features {
                let variance = inverse[j] / Float(rows)
                movingMean[j] = movingMean[j] * keep + mean[j] * take
                movingVariance[j] = movingVariance[j] * keep + variance * take
                inverse[j] = 1 / (variance + eps).squareRoot()
            }
        } else {
            for j in 0..<features {
                (mean[j], inverse[j]) = (movingMean[j], 1 / (movingVariance[j] + eps).squareRoot())
            }
        }
        for r in 0..<rows {
            let (x, normalised, y) = (input + r &* features, scratch + r &* features, output + r &* features)
            for j in 0..<features {
                normalised[j] = (x[j] - mean[j]) * inverse[j]
                y[j] = normalised[j] * (gamma?[j] ?? 1) + (beta?[j] ?? 0)
            }
        }
    }

    /// ∂gamma += Σ δ x̂, ∂beta += Σ δ, ∂x = γ/σ · (δ − mean(δ) − x̂ · mean(δ x̂)) through the batch statistics.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let rows = batch * rowsPerSample
        let (gamma, _) = gammaBeta(parameters)
        let inverse = scratch + rows * features
        let (sums, dots) = (inverse + features, inverse + 2 * features) // the mean slot is free after forward
        sums.update(repeating: 0, count: features)
        dots.update(repeating: 0, count: features)
        for r in 0..<rows {
            let (d, x) = (outputGradient + r &* features, scratch + r &* features)
            for j in 0..<features {
                sums[j] += d[j]
                dots[j] += d[j] * x[j]
            }
        }
        if scale { for j in 0..<features { parameterGradients[j] += dots[j] } }
        if center {
            let beta = parameterGradients + (scale ? features : 0)
            for j in 0..<features { beta[j] += sums[j] }
        }
        guard let inputGradient else { return }
        let n = Float(rows)
        for j in 0..<features {
            (sums[j], dots[j]) = (sums[j] / n, dots[j] / n)
            inverse[j] *= gamma?[j] ?? 1
        }
        for r in 0..<rows {
            let (d, x, g) = (outputGradient + r &* features, scratch + r &* features, inputGradient + r &* features)
            for j in 0..<features { g[j] = inverse[j] * (d[j] - sums[j] - x[j] * dots[j]) }
        }
    }

    /// Keras' keys for the layer.
    /// Frozen, it normalises with the moving statistics and leaves them alone (Keras' transfer-learning rule).
    public var infersWhenFrozen: Bool { true }

    public var kerasConfig: [String: Any] {
        [
            "axis": -1, "momentum": momentum, "epsilon": epsilon, "center": center, "scale": scale,
            "beta_initializer": KerasConfig.initializer("Zeros"), "gamma_initializer": KerasConfig.initializer("Ones"),
            "moving_mean_initializer": KerasConfig.initializer("Zeros"),
            "moving_variance_initializer": KerasConfig.initializer("Ones"),
            "beta_regularizer": NSNull(), "gamma_regularizer": NSNull(), "beta_constraint": NSNull(),
            "gamma_constraint": NSNull(),
            "synchronized": false, "renorm": false, "renorm_clipping": NSNull(), "renorm_momentum": 0.99
        ]
    }

    /// The layer a Keras `BatchNormalization` config describes (last-axis normalisation only).
    init(kerasConfig config: [String: Any], name: String) throws {
        let axis = config["axis"] as? Int ?? (config["axis"] as? [Int])?.first ?? -1
        guard axis == -1, config["renorm"] as? Bool != true else {
            throw KerasConfig.unsupported("BatchNormalization", name)
        }
        self.init(
            momentum: config["momentum"] as? Double ?? 0.99, epsilon: config["epsilon"] as? Double ?? 1e-3,
            center: config["center"] as? Bool ?? true, scale: config["scale"] as? Bool ?? true, name: name)
    }
}

extension BatchNormalization: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> BatchNormalization {
        try BatchNormalization(kerasConfig: config.settings, name: config.name)
    }
}
