import Foundation
import LearnCore

/// A 1-D convolution over sequences `[steps, channels]`, Keras' `Conv1D`: kernel `[kernelSize, channels,
/// filters]`. It runs as a ``Conv2D`` over a one-row image, so it shares its im2col lowering and sgemm.
public struct Conv1D: WrappingLayer, Equatable {
    var engine: Conv2D

    /// Output channels.
    public var filters: Int { engine.filters }
    /// Window length.
    public var kernelSize: Int { engine.kernelSize.width }
    /// The activation applied after the bias.
    public var activation: Activation { engine.activation }

    /// `Conv1D(64, kernelSize: 5, activation: .relu)`.
    public init(
        _ filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid, dilationRate: Int = 1,
        activation: Activation = .linear,
        useBias: Bool = true, kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
        name: String = ""
    ) {
        engine = Conv2D(
            filters, kernelSize: Size2D(1, kernelSize), strides: Size2D(1, strides), padding: padding,
            dilationRate: Size2D(1, dilationRate),
            activation: activation, useBias: useBias, kernelRegularizer: kernelRegularizer,
            biasRegularizer: biasRegularizer, name: name)
    }

    /// `"Conv1D"`.
    public static let kerasClass = "Conv1D"

    /// `[steps, channels]` → `[outSteps, filters]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        Array(try engine.build(inputShape: try oneRowImage(inputShape, "Conv1D")).dropFirst())
    }

    /// `kernel` `[kernelSize, channels, filters]`, then `bias`.
    public var weights: [LayerWeight] {
        engine.weights.map { weight in
            weight.name == "kernel" ? LayerWeight("kernel", shape: Array(weight.shape.dropFirst())) : weight
        }
    }

    /// Keras' keys, with 1-D sizes.
    public var kerasConfig: [String: Any] {
        var config = engine.kerasConfig
        config["kernel_size"] = [engine.kernelSize.width]
        config["strides"] = [engine.strides.width]
        config["dilation_rate"] = [engine.dilationRate.width]
        return config
    }

    /// From Keras' `Conv1D` config.
    init(kerasConfig config: [String: Any], name: String) throws {
        func first(_ key: String) -> Int? { (config[key] as? [Int])?.first ?? config[key] as? Int }
        guard let filters = config["filters"] as? Int, let kernel = first("kernel_size"),
            let activation = Activation(kerasName: config["activation"] as? String ?? "linear"),
            let padding = Padding(rawValue: config["padding"] as? String ?? "valid")
        else {
            throw KerasConfig.unsupported("Conv1D", name)
        }
        self.init(
            filters, kernelSize: kernel, strides: first("strides") ?? 1, padding: padding,
            dilationRate: first("dilation_rate") ?? 1,
            activation: activation, useBias: config["use_bias"] as? Bool ?? true,
            kernelRegularizer: Regularizer(kerasConfig: config["kernel_regularizer"]),
            biasRegularizer: Regularizer(kerasConfig: config["bias_regularizer"]), name: name)
    }
}

/// The maximum over windows of each channel of a sequence, Keras' `MaxPooling1D`.
public struct MaxPooling1D: PoolingLayer, Equatable {
    var engine: Pooling2D
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()

    /// `MaxPooling1D(2)`.
    public init(_ poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid, name: String = "") {
        engine = Pooling2D(
            poolSize: Size2D(1, poolSize), strides: strides.map { Size2D(1, $0) }, padding: padding, kind: .max)
        self.name = name
    }

    /// `"MaxPooling1D"`.
    public static let kerasClass = "MaxPooling1D"
    /// `[steps, channels]` → `[pooled steps, channels]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        Array(try engine.build(try oneRowImage(inputShape, "MaxPooling1D"), "MaxPooling1D").dropFirst())
    }
    /// `pool_size`, `strides`, `padding` as 1-D sizes.
    public var kerasConfig: [String: Any] {
        [
            "pool_size": [engine.poolSize.width], "strides": [engine.strides.width], "padding": engine.padding.rawValue,
            "data_format": "channels_last"
        ]
    }
}

/// The maximum of each channel over the whole sequence, Keras' `GlobalMaxPooling1D`: `[steps, c]` → `[c]`.
public struct GlobalMaxPooling1D: WrappingLayer, Equatable {
    var engine: GlobalMaxPooling2D

    /// `GlobalMaxPooling1D()`.
    public init(name: String = "") { engine = GlobalMaxPooling2D(name: name) }

    /// `"GlobalMaxPooling1D"`.
    public static let kerasClass = "GlobalMaxPooling1D"
    /// `[steps, c]` → `[c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        try engine.build(inputShape: try oneRowImage(inputShape, "GlobalMaxPooling1D"))
    }
}

/// A sequence's sample shape `[steps, channels]` as the one-row image `[1, steps, channels]` the 2-D engines of
/// the 1-D layers take.
private func oneRowImage(_ inputShape: [Int], _ operation: String) throws -> [Int] {
    guard inputShape.count == 2 else {
        throw LearnError.shapeMismatch(
            operation: "\(operation).build", expected: "sequences of shape [steps, channels] (3-D batches)",
            got: "samples of shape \(inputShape)")
    }
    return [1] + inputShape
}

/// A layer that runs as another layer (its engine) on a reshaped input: ``Conv1D`` as a ``Conv2D``,
/// ``GlobalMaxPooling1D`` as a ``GlobalMaxPooling2D`` over a one-row image. The name, identity, weights,
/// scratch, initialisation, passes, penalties and Keras keys are the engine's unless the layer says otherwise.
protocol WrappingLayer: Layer {
    associatedtype Engine: Layer
    var engine: Engine { get set }
}

extension WrappingLayer {
    /// Keras' layer name (the wrapped 2-D layer's); assigned by the network when empty.
    public var name: String {
        get { engine.name }
        set { engine.name = newValue }
    }
    /// Which instance this is (the wrapped 2-D layer's identity).
    public var identity: LayerIdentity { engine.identity }
    /// The wrapped 2-D layer's weights.
    public var weights: [LayerWeight] { engine.weights }
    /// The wrapped 2-D layer's scratch.
    public func scratchCount(batch: Int) -> Int { engine.scratchCount(batch: batch) }
    /// The wrapped 2-D layer's initial values.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        engine.initialize(parameters: parameters, state: state, using: &rng)
    }
    /// The wrapped 2-D layer's forward pass over the one-row image.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        engine.forward(
            input, output, batch: batch, parameters: parameters, state: state, scratch: scratch, training: training,
            rng: &rng)
    }
    /// The wrapped 2-D layer's backward pass.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        engine.backward(
            input, output, outputGradient: outputGradient, inputGradient: inputGradient, batch: batch,
            parameters: parameters, parameterGradients: parameterGradients, scratch: scratch)
    }
    /// The wrapped 2-D layer's penalties.
    public func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float {
        engine.regularization(parameters: parameters, gradients: gradients)
    }
    /// The wrapped 2-D layer's Keras keys.
    public var kerasConfig: [String: Any] { engine.kerasConfig }
    /// The wrapped 2-D layer's input check.
    public func checkInput(_ x: Matrix<Double>) throws { try engine.checkInput(x) }
}

extension Conv1D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Conv1D {
        try Conv1D(kerasConfig: config.settings, name: config.name)
    }
}

extension MaxPooling1D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> MaxPooling1D {
        let settings = config.settings
        let pool = (settings["pool_size"] as? [Int])?.first ?? settings["pool_size"] as? Int ?? 2
        let strides = (settings["strides"] as? [Int])?.first ?? settings["strides"] as? Int
        guard let padding = Padding(rawValue: settings["padding"] as? String ?? "valid") else {
            throw config.unsupported()
        }
        return MaxPooling1D(pool, strides: strides, padding: padding, name: config.name)
    }
}

extension GlobalMaxPooling1D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> GlobalMaxPooling1D {
        GlobalMaxPooling1D(name: config.name)
    }
}
