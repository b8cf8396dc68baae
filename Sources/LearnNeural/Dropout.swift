import Foundation
import LearnCore

/// Inverted dropout, Keras' `Dropout`: in training each value is zeroed with probability `rate` and the
/// rest scaled by `1 / (1 − rate)`; at inference it passes values through unchanged.
public struct Dropout: Layer, Equatable {
    /// The fraction of values dropped in training, in [0, 1).
    public var rate: Double
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var width = 0

    /// `Dropout(0.5)`.
    public init(_ rate: Double, name: String = "") { (self.rate, self.name) = (rate, name) }

    /// `"Dropout"`.
    public static let kerasClass = "Dropout"

    /// Any shape; output equals input.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard rate >= 0 && rate < 1 else {
            throw LearnError.invalidParameter(name: "rate", expected: "a number in [0, 1)", got: "\(rate)")
        }
        width = inputShape.reduce(1, *)
        return inputShape
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// The scaled keep-mask of the last training batch.
    public func scratchCount(batch: Int) -> Int { batch * width }

    /// Copies, masking and rescaling in training.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let count = batch * width
        guard training && rate > 0 else {
            output.update(from: input, count: count)
            scratch.update(repeating: 1, count: count)
            return
        }
        // One 32-bit draw per value (keep when u ≥ rate · 2³²): half the generator work of a double.
        let scale = Float(1 / (1 - rate))
        let threshold = UInt32(Swift.min(rate * 4_294_967_296, 4_294_967_295))
        for i in 0..<count { scratch[i] = rng.nextUInt32() >= threshold ? scale : 0 }
        for i in 0..<count { output[i] = input[i] * scratch[i] }
    }

    /// ∂input = ∂output ⊙ mask.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        for i in 0..<(batch * width) { inputGradient[i] = outputGradient[i] * scratch[i] }
    }

    /// `rate`, `seed`, `noise_shape`.
    public var kerasConfig: [String: Any] { ["rate": rate, "seed": NSNull(), "noise_shape": NSNull()] }
}

extension Dropout: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Dropout {
        Dropout(config.settings["rate"] as? Double ?? 0, name: config.name)
    }
}
