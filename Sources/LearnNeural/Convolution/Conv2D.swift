import Foundation
import LearnCore

/// A 2-D convolution over NHWC images, Keras' `Conv2D`: kernel `[kh, kw, inChannels, filters]` (Keras
/// order), glorot-uniform initialised, zero bias; strides, `valid`/`same` padding and dilation.
///
/// Lowered to the core's sgemm: the batch's receptive fields are unrolled into one `[batch · positions,
/// kh · kw · channels]` matrix (im2col) and multiplied by the kernel, which yields NHWC output directly;
/// the backward pass is two more products and the scatter back (col2im).
public struct Conv2D: Layer, Equatable {
    /// Output channels.
    public var filters: Int
    /// Window size.
    public var kernelSize: Size2D
    /// Step between windows.
    public var strides: Size2D
    /// Border handling.
    public var padding: Padding
    /// Spacing between the window's taps.
    public var dilationRate: Size2D
    /// The activation applied after the bias.
    public var activation: Activation
    /// Whether the layer adds a bias.
    public var useBias: Bool
    /// Penalty on the kernel.
    public var kernelRegularizer: Regularizer?
    /// Penalty on the bias.
    public var biasRegularizer: Regularizer?
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    /// The built geometry: input `[h, w, c]`, output `[h, w]`, padding before the first row and column.
    private var input = ImageShape(), output = ImageShape(), padBefore = ImageShape()

    /// `Conv2D(32, kernelSize: 3, activation: .relu)`.
    public init(
        _ filters: Int, kernelSize: Size2D, strides: Size2D = 1, padding: Padding = .valid, dilationRate: Size2D = 1,
        activation: Activation = .linear, useBias: Bool = true, kernelRegularizer: Regularizer? = nil,
        biasRegularizer: Regularizer? = nil, name: String = ""
    ) {
        (self.filters, self.kernelSize, self.strides, self.padding, self.dilationRate) = (
            filters, kernelSize, strides, padding, dilationRate
        )
        (self.activation, self.useBias, self.kernelRegularizer, self.biasRegularizer, self.name) = (
            activation, useBias, kernelRegularizer, biasRegularizer, name
        )
    }

    /// `"Conv2D"`.
    public static let kerasClass = "Conv2D"

    /// `[height, width, channels]` → `[outHeight, outWidth, filters]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Conv2D.build", expected: "images of shape [height, width, channels] (4-D batches, NHWC)",
                got: "samples of shape \(inputShape)")
        }
        for (name, size) in [
            ("filters", Size2D(filters, filters)), ("kernelSize", kernelSize), ("strides", strides),
            ("dilationRate", dilationRate)
        ]
        where size.height < 1 || size.width < 1 {
            throw LearnError.invalidParameter(name: name, expected: "at least 1", got: "\(size)")
        }
        input = ImageShape(height: inputShape[0], width: inputShape[1], channels: inputShape[2])
        let rows = try padding.layout(
            input: input.height, window: kernelSize.height, stride: strides.height, dilation: dilationRate.height)
        let columns = try padding.layout(
            input: input.width, window: kernelSize.width, stride: strides.width, dilation: dilationRate.width)
        guard rows.output >= 1, columns.output >= 1 else {
            throw LearnError.shapeMismatch(
                operation: "Conv2D.build",
                expected: "a kernel no larger than the (padded) \(input.height) × \(input.width) input",
                got: "kernel \(kernelSize) with dilation \(dilationRate)")
        }
        output = ImageShape(height: rows.output, width: columns.output)
        padBefore = ImageShape(height: rows.before, width: columns.before)
        return [output.height, output.width, filters]
    }

    private var patch: Int { kernelSize.height * kernelSize.width * input.channels }
    private var positions: Int { output.height * output.width }

    /// `kernel` `[kh, kw, channels, filters]`, then `bias` `[filters]`.
    public var weights: [LayerWeight] {
        [LayerWeight("kernel", shape: [kernelSize.height, kernelSize.width, input.channels, filters])]
            + (useBias ? [LayerWeight("bias", shape: [filters])] : [])
    }

    /// The unrolled fields (kept for the kernel gradient), their gradient, and the pre-activations when the
    /// activation's derivative needs them (gelu).
    public func scratchCount(batch: Int) -> Int {
        2 * batch * positions * patch + (activation.backwardNeedsInput ? batch * positions * filters : 0)
    }

    /// The kernel-and-bias map applied to the unrolled fields.
    private var affine: AffineMap {
        AffineMap(inputs: patch, units: filters, useBias: useBias, activation: activation)
    }

    /// Glorot-uniform kernel with Keras' fans (`kh · kw · channels`, `kh · kw · filters`); zero bias.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        let receptive = kernelSize.height * kernelSize.width
        affine.initialize(parameters, fanIn: receptive * input.channels, fanOut: receptive * filters, using: &rng)
    }

    /// Unrolls every receptive field of the batch into the rows of `columns` (zeros where the window hangs
    /// over the padding). A kernel row that lies inside the image with no horizontal dilation is one
    /// contiguous copy of `kw · channels` values.
    private func im2col(_ images: UnsafePointer<Float>, batch: Int, into columns: UnsafeMutablePointer<Float>) {
        let (h, w, c) = (input.height, input.width, input.channels)
        let (kh, kw) = (kernelSize.height, kernelSize.width)
        let rowLength = kw * c
        var row = columns
        for n in 0..<batch {
            let image = images + n * h * w * c
            for oy in 0..<output.height {
                for ox in 0..<output.width {
                    let left = ox * strides.width - padBefore.width
                    let wholeRow = dilationRate.width == 1 && left >= 0 && left + kw <= w
                    for ky in 0..<kh {
                        let iy = oy * strides.height - padBefore.height + ky * dilationRate.height
                        guard iy >= 0 && iy < h else {
                            row.update(repeating: 0, count: rowLength)
                            row += rowLength
                            continue
                        }
                        let line = image + iy * w * c
                        if wholeRow {
                            Self.copy(line + left * c, to: row, count: rowLength)
                            row += rowLength
                            continue
                        }
                        for kx in 0..<kw {
                            let ix = left + kx * dilationRate.width
                            if ix >= 0 && ix < w {
                                Self.copy(line + ix * c, to: row, count: c)
                            } else {
                                row.update(repeating: 0, count: c)
                            }
                            row += c
                        }
                    }
                }
            }
        }
    }

    /// A short copy as a plain loop (a `memmove` call costs more than a few values).
    @inline(__always)
    private static func copy(_ source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        for k in 0..<count { target[k] = source[k] }
    }

    /// Adds every row of `columns` back onto the image positions it was read from (the adjoint of im2col).
    private func col2im(_ columns: UnsafePointer<Float>, batch: Int, into images: UnsafeMutablePointer<Float>) {
        let (h, w, c) = (input.height, input.width, input.channels)
        images.update(repeating: 0, count: batch * h * w * c)
        var row = columns
        for n in 0..<batch {
            let image = images + n * h * w * c
            for oy in 0..<output.height {
                for ox in 0..<output.width {
                    for ky in 0..<kernelSize.height {
                        let iy = oy * strides.height - padBefore.height + ky * dilationRate.height
                        for kx in 0..<kernelSize.width {
                            let ix = ox * strides.width - padBefore.width + kx * dilationRate.width
                            if iy >= 0 && iy < h && ix >= 0 && ix < w {
                                let target = image + (iy * w + ix) * c
                                for k in 0..<c { target[k] += row[k] }
                            }
                            row += c
                        }
                    }
                }
            }
        }
    }

    /// `output = activation(im2col(input) · kernel + bias)`.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let rows = batch * positions
        im2col(input, batch: batch, into: scratch)
        affine.forward(
            scratch, output, rows: rows, parameters: parameters, preActivations: scratch + 2 * rows * patch,
            training: training)
    }

    /// ∂kernel += colsᵀ · δ, ∂bias += Σ δ, ∂input = col2im(δ · kernelᵀ).
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        let rows = batch * positions
        let columnGradient = scratch + rows * patch
        affine.backward(
            scratch, output, outputGradient: outputGradient, inputGradient: inputGradient.map { _ in columnGradient },
            rows: rows, parameters: parameters, parameterGradients: parameterGradients,
            preActivations: scratch + 2 * rows * patch)
        if let inputGradient { col2im(columnGradient, batch: batch, into: inputGradient) }
    }

    /// The kernel and bias penalties.
    public func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float {
        affine.regularization(
            kernel: kernelRegularizer, bias: biasRegularizer, parameters: parameters, gradients: gradients)
    }

    /// Keras' keys.
    public var kerasConfig: [String: Any] {
        var config: [String: Any] = [
            "filters": filters, "kernel_size": kernelSize.keras, "strides": strides.keras, "padding": padding.rawValue,
            "data_format": "channels_last", "dilation_rate": dilationRate.keras, "groups": 1,
            "activation": activation.kerasName,
            "use_bias": useBias,
            "kernel_initializer": KerasConfig.initializer("GlorotUniform", ["seed": NSNull()]),
            "bias_initializer": KerasConfig.initializer("Zeros"),
            "kernel_regularizer": kernelRegularizer?.kerasConfig ?? NSNull(),
            "bias_regularizer": biasRegularizer?.kerasConfig ?? NSNull()
        ]
        for key in ["activity_regularizer", "kernel_constraint", "bias_constraint"] { config[key] = NSNull() }
        return config
    }

    /// The layer a Keras `Conv2D` config describes (channels last, one group).
    init(kerasConfig config: [String: Any], name: String) throws {
        guard let filters = config["filters"] as? Int, let kernel = Size2D(keras: config["kernel_size"]),
            let activation = Activation(kerasName: config["activation"] as? String ?? "linear"),
            let padding = Padding(rawValue: config["padding"] as? String ?? "valid"),
            (config["data_format"] as? String ?? "channels_last") == "channels_last",
            (config["groups"] as? Int ?? 1) == 1
        else {
            throw KerasConfig.unsupported("Conv2D", name)
        }
        self.init(
            filters, kernelSize: kernel, strides: Size2D(keras: config["strides"]) ?? 1, padding: padding,
            dilationRate: Size2D(keras: config["dilation_rate"]) ?? 1, activation: activation,
            useBias: config["use_bias"] as? Bool ?? true,
            kernelRegularizer: Regularizer(kerasConfig: config["kernel_regularizer"]),
            biasRegularizer: Regularizer(kerasConfig: config["bias_regularizer"]), name: name)
    }
}

extension Conv2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Conv2D {
        try Conv2D(kerasConfig: config.settings, name: config.name)
    }
}
