import Foundation
import LearnCore

/// Gives each sample a new shape with the same number of values, Keras' `Reshape` (row-major; one
/// dimension may be `-1`, inferred).
public struct Reshape: ReshapingLayer, Equatable {
    /// The target shape per sample.
    public var targetShape: [Int]
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    var valuesPerSample = 0

    /// `Reshape([8, 8, 1])`.
    public init(_ targetShape: [Int], name: String = "") { (self.targetShape, self.name) = (targetShape, name) }

    /// `"Reshape"`.
    public static let kerasClass = "Reshape"

    /// The target shape, with `-1` resolved.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        let count = try Shape.elementCount(inputShape, operation: "Reshape")
        valuesPerSample = count
        let known = targetShape.filter { $0 != -1 }
        let unknown = targetShape.count - known.count
        guard known.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Reshape.build", expected: "positive sizes (or one -1)", got: "\(targetShape)")
        }
        let product = try Shape.elementCount(known, operation: "Reshape target \(targetShape)")
        guard unknown <= 1, product >= 1, count % product == 0, unknown == 1 || product == count else {
            throw LearnError.shapeMismatch(
                operation: "Reshape.build", expected: "a shape holding \(count) values", got: "\(targetShape)")
        }
        return targetShape.map { $0 == -1 ? count / product : $0 }
    }
    /// `target_shape`.
    public var kerasConfig: [String: Any] { ["target_shape": targetShape] }
}

/// A layer that gives each sample a new shape with the same values (``Flatten``, ``Reshape``): row-major
/// storage does not move, so the forward pass is a copy and the gradient passes through.
protocol ReshapingLayer: Layer {
    /// Values per sample, fixed by `build`.
    var valuesPerSample: Int { get }
}

extension ReshapingLayer {
    /// None.
    public var weights: [LayerWeight] { [] }

    /// A copy (row-major storage does not move).
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        output.update(from: input, count: batch * valuesPerSample)
    }

    /// The gradient passes through unchanged.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        inputGradient?.update(from: outputGradient, count: batch * valuesPerSample)
    }
}

extension Reshape: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Reshape {
        guard let shape = config.settings["target_shape"] as? [Int] else { throw config.unsupported() }
        return Reshape(shape, name: config.name)
    }
}
