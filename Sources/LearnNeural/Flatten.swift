import LearnCore

/// Flattens each sample to one axis, Keras' `Flatten` (row-major, channels last).
public struct Flatten: Layer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var width = 0

    /// `Flatten()`.
    public init(name: String = "") { self.name = name }

    /// `"Flatten"`.
    public static let kerasClass = "Flatten"

    /// `[d1, d2, …]` → `[d1 · d2 · …]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Flatten.build", expected: "a non-empty input shape", got: "\(inputShape)")
        }
        width = inputShape.reduce(1, *)
        return [width]
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// A copy: row-major storage is already flat.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        output.update(from: input, count: batch * width)
    }

    /// The gradient passes through unchanged.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        inputGradient?.update(from: outputGradient, count: batch * width)
    }

    /// `data_format`.
    public var kerasConfig: [String: Any] { ["data_format": "channels_last"] }
}

extension Flatten: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Flatten { Flatten(name: config.name) }
}
