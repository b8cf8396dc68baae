import LearnCore

/// Applies an activation on its own, Keras' `Activation` layer (`ActivationLayer(.relu)`; Swift cannot
/// name both the layer and the ``Activation`` enum `Activation`).
public struct ActivationLayer: Layer, Equatable {
    /// The activation applied.
    public var activation: Activation
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var shape: [Int] = []

    /// `ActivationLayer(.tanh)`.
    public init(_ activation: Activation, name: String = "") { (self.activation, self.name) = (activation, name) }

    /// `"Activation"`.
    public static let kerasClass = "Activation"

    /// Any shape; softmax runs along the last axis.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Activation.build", expected: "a non-empty input shape", got: "\(inputShape)")
        }
        shape = inputShape
        return inputShape
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    private var lastAxis: Int { shape.last ?? 1 }
    private var rowsPerSample: Int { shape.reduce(1, *) / Swift.max(1, lastAxis) }

    /// `output = activation(input)`.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        output.update(from: input, count: batch * rowsPerSample * lastAxis)
        activation.forward(output, rows: batch * rowsPerSample, width: lastAxis)
    }

    /// ∂input = activation′ ⊙ ∂output.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        activation.backward(outputGradient, input: input, output: output, rows: batch * rowsPerSample, width: lastAxis)
        inputGradient.update(from: outputGradient, count: batch * rowsPerSample * lastAxis)
    }

    /// `activation`.
    public var kerasConfig: [String: Any] { ["activation": activation.kerasName] }
}

extension ActivationLayer: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> ActivationLayer {
        guard let activation = Activation(kerasName: config.settings["activation"] as? String ?? "") else {
            throw config.unsupported()
        }
        return ActivationLayer(activation, name: config.name)
    }
}
