import Foundation
import LearnCore

/// Standardises the last axis with fixed statistics, Keras' `Normalization`: `(x − mean) / max(√variance, ε)`,
/// the statistics given or learned by `adapt(_:)` from data (as Keras' `layer.adapt(data)`); they are
/// non-trainable state (`mean`, `variance`, `count`), saved with the network. Without either it starts
/// from mean 0 and variance 1, as Keras does.
public struct Normalization: Layer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    /// Per-feature means (`nil` until given or adapted).
    public private(set) var mean: [Double]?
    /// Per-feature variances.
    public private(set) var variance: [Double]?
    /// Samples the statistics came from.
    public private(set) var count = 0
    private var features = 0, rowsPerSample = 1

    /// Keras' epsilon under the square root's floor.
    static let epsilon: Float = 1e-7

    /// With known statistics, or none (then `adapt(_:)` before training).
    public init(mean: [Double]? = nil, variance: [Double]? = nil, name: String = "") {
        (self.mean, self.variance, self.name) = (mean, variance, name)
    }

    /// Learns the mean and (biased) variance of each feature — the last axis — from rows of data.
    /// - Throws: `LearnError` for empty or non-finite data.
    public mutating func adapt(_ x: Matrix<Double>) throws {
        guard x.rows > 0, x.columns > 0 else { throw LearnError.emptyInput(operation: "Normalization.adapt") }
        guard x.isFinite else { throw LearnError.nonFiniteInput(operation: "Normalization.adapt") }
        let m = try x.mean(axis: 0)
        let v = try x.variance(axis: 0)
        (mean, variance, count) = (m, v, x.rows)
    }

    /// Learns the statistics of the last axis of tensor samples (images: per channel).
    public mutating func adapt(_ x: Tensor<Double>) throws {
        guard let last = x.shape.last, x.rank >= 2 else {
            throw LearnError.shapeMismatch(
                operation: "Normalization.adapt", expected: "samples [n, …]", got: "\(x.shape)")
        }
        // A zero-sized axis leaves no rows to learn from (and `count / last` would divide by zero).
        guard x.shape.allSatisfy({ $0 > 0 }) else {
            throw LearnError.emptyInput(operation: "Normalization.adapt of shape \(x.shape)")
        }
        try adapt(try Matrix(rows: x.count / last, columns: last, scalars: x.scalars))
    }

    /// `"Normalization"`.
    public static let kerasClass = "Normalization"

    /// Any shape whose last axis matches the statistics.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard let last = inputShape.last, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Normalization.build", expected: "a non-empty input shape", got: "\(inputShape)")
        }
        // Unadapted, Keras starts from mean 0 and variance 1 (a file's weights replace them on load).
        if mean == nil && variance == nil {
            (mean, variance) = ([Double](repeating: 0, count: last), [Double](repeating: 1, count: last))
        }
        guard let mean, let variance, mean.count == last, variance.count == last, variance.allSatisfy({ $0 >= 0 })
        else {
            throw LearnError.invalidParameter(
                name: "Normalization", expected: "mean and variance for \(last) features",
                got: "\(mean?.count ?? 0) and \(variance?.count ?? 0) values")
        }
        (features, rowsPerSample) = (last, inputShape.reduce(1, *) / last)
        return inputShape
    }

    /// `mean`, `variance` `[features]` and `count` `[]`, all state.
    public var weights: [LayerWeight] {
        [
            LayerWeight("mean", shape: [features], trainable: false),
            LayerWeight("variance", shape: [features], trainable: false),
            LayerWeight("count", shape: [], trainable: false)
        ]
    }

    /// The given or adapted statistics.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        for j in 0..<features { (state[j], state[features + j]) = (Float(mean?[j] ?? 0), Float(variance?[j] ?? 1)) }
        state[2 * features] = Float(count)
    }

    /// `(x − mean) / max(√variance, ε)`; each feature's `1 / max(√variance, ε)` is kept for the backward pass.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        for j in 0..<features { scratch[j] = 1 / Swift.max(state[features + j].squareRoot(), Self.epsilon) }
        for r in 0..<(batch * rowsPerSample) {
            let (x, y) = (input + r * features, output + r * features)
            for j in 0..<features { y[j] = (x[j] - state[j]) * scratch[j] }
        }
    }

    /// The per-feature scale.
    public func scratchCount(batch: Int) -> Int { features }

    /// Scales the gradient by each feature's `1 / max(√variance, ε)`.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        for r in 0..<(batch * rowsPerSample) {
            for j in 0..<features { inputGradient[r * features + j] = outputGradient[r * features + j] * scratch[j] }
        }
    }

    /// `axis`, `invert`.
    public var kerasConfig: [String: Any] { ["axis": [-1], "invert": false, "mean": NSNull(), "variance": NSNull()] }
}

extension Normalization: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Normalization {
        Normalization(name: config.name)
    }
}
