import Foundation
import LearnCore

/// `x · scale + offset`, Keras' `Rescaling` (e.g. `Rescaling(1 / 255)` for pixels), in training and inference.
public struct Rescaling: Layer, Equatable {
    /// The factor.
    public var scale: Double
    /// Added after scaling.
    public var offset: Double
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var count = 0

    /// `Rescaling(1 / 255)`.
    public init(_ scale: Double, offset: Double = 0, name: String = "") {
        (self.scale, self.offset, self.name) = (scale, offset, name)
    }

    /// `"Rescaling"`.
    public static let kerasClass = "Rescaling"
    /// Any shape; unchanged.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard scale.isFinite, offset.isFinite else {
            throw LearnError.invalidParameter(
                name: "scale/offset", expected: "finite numbers", got: "\(scale), \(offset)")
        }
        count = inputShape.reduce(1, *)
        return inputShape
    }
    /// None.
    public var weights: [LayerWeight] { [] }

    /// `x · scale + offset`.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let (a, b) = (Float(scale), Float(offset))
        for i in 0..<(batch * count) { output[i] = input[i] * a + b }
    }

    /// `∂input = ∂output · scale`.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let a = Float(scale)
        for i in 0..<(batch * count) { inputGradient[i] = outputGradient[i] * a }
    }

    /// `scale`, `offset`.
    public var kerasConfig: [String: Any] { ["scale": scale, "offset": offset] }
}

extension Rescaling: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Rescaling {
        guard let scale = config.settings["scale"] as? Double else { throw config.unsupported() }
        return Rescaling(scale, offset: config.settings["offset"] as? Double ?? 0, name: config.name)
    }
}
