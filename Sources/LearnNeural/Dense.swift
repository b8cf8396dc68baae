import Foundation
import LearnCore

/// A fully connected layer `activation(x · kernel + bias)`, Keras' `Dense`: kernel `inputs × units`
/// (Keras order), glorot-uniform initialised; bias zero; optional L1/L2 penalties on either.
public struct Dense: Layer, Equatable {
    /// Output width.
    public var units: Int
    /// The activation applied to `x · kernel + bias`.
    public var activation: Activation
    /// Whether the layer adds a bias.
    public var useBias: Bool
    /// Penalty on the kernel (Keras' `kernel_regularizer`).
    public var kernelRegularizer: Regularizer?
    /// Penalty on the bias (Keras' `bias_regularizer`).
    public var biasRegularizer: Regularizer?
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    /// Input width, known after `build`.
    public private(set) var inputWidth = 0

    /// `Dense(1024, activation: .relu)`.
    public init(
        _ units: Int, activation: Activation = .linear, useBias: Bool = true, kernelRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, name: String = ""
    ) {
        (self.units, self.activation, self.useBias, self.name) = (units, activation, useBias, name)
        (self.kernelRegularizer, self.biasRegularizer) = (kernelRegularizer, biasRegularizer)
    }

    /// `"Dense"`.
    public static let kerasClass = "Dense"

    /// Flat input width → `[units]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard units >= 1 else {
            throw LearnError.invalidParameter(name: "units", expected: "at least 1", got: "\(units)")
        }
        guard inputShape.count == 1, let width = inputShape.first, width >= 1 else {
            throw LearnError.shapeMismatch(
                operation: "Dense.build", expected: "a flat input (use Flatten first)", got: "\(inputShape)")
        }
        inputWidth = width
        return [units]
    }

    /// `kernel` `[inputs, units]`, then `bias` `[units]`.
    public var weights: [LayerWeight] {
        [LayerWeight("kernel", shape: [inputWidth, units])] + (useBias ? [LayerWeight("bias", shape: [units])] : [])
    }

    /// The pre-activations, kept for the backward pass when the activation's derivative needs them (gelu).
    public func scratchCount(batch: Int) -> Int { activation.backwardNeedsInput ? batch * units : 0 }

    /// The kernel-and-bias map this layer is.
    private var affine: AffineMap {
        AffineMap(inputs: inputWidth, units: units, useBias: useBias, activation: activation)
    }

    /// Glorot-uniform kernel: `U(−l, l)`, `l = √(6 / (inputs + units))`; zero bias.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        affine.initialize(parameters, fanIn: inputWidth, fanOut: units, using: &rng)
    }

    /// `output = activation(input · kernel + bias)` through the core's sgemm.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        affine.forward(input, output, rows: batch, parameters: parameters, preActivations: scratch, training: training)
    }

    /// ∂kernel += inputᵀ · δ, ∂bias += Σ δ, ∂input = δ · kernelᵀ, where δ is ∂L/∂pre-activation.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        affine.backward(
            input, output, outputGradient: outputGradient, inputGradient: inputGradient, rows: batch,
            parameters: parameters, parameterGradients: parameterGradients, preActivations: scratch)
    }

    /// The kernel and bias penalties.
    public func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float {
        affine.regularization(
            kernel: kernelRegularizer, bias: biasRegularizer, parameters: parameters, gradients: gradients)
    }

    /// `units`, `activation`, `use_bias`, initialisers and regularisers in Keras' spelling.
    public var kerasConfig: [String: Any] {
        var config: [String: Any] = [
            "units": units, "activation": activation.kerasName, "use_bias": useBias,
            "kernel_initializer": KerasConfig.initializer(
                "GlorotUniform", ["seed": NSNull(), "input_axes": NSNull(), "output_axes": NSNull()]),
            "bias_initializer": KerasConfig.initializer("Zeros"),
            "kernel_regularizer": kernelRegularizer?.kerasConfig ?? NSNull(),
            "bias_regularizer": biasRegularizer?.kerasConfig ?? NSNull()
        ]
        for key in ["kernel_constraint", "bias_constraint", "quantization_config"] { config[key] = NSNull() }
        return config
    }

    /// The layer a Keras `Dense` config describes.
    init(kerasConfig config: [String: Any], name: String) throws {
        guard let units = config["units"] as? Int,
            let activation = Activation(kerasName: config["activation"] as? String ?? "linear")
        else {
            throw KerasConfig.unsupported("Dense", name)
        }
        self.init(
            units, activation: activation, useBias: config["use_bias"] as? Bool ?? true,
            kernelRegularizer: Regularizer(kerasConfig: config["kernel_regularizer"]),
            biasRegularizer: Regularizer(kerasConfig: config["bias_regularizer"]), name: name)
    }
}

extension Dense: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Dense {
        try Dense(kerasConfig: config.settings, name: config.name)
    }
}
