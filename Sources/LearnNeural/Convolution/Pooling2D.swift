import Foundation
import LearnCore

/// How a pooling window combines its values.
enum PoolingKind: Sendable, Equatable {
    case max, average
}

/// The shared engine of ``MaxPooling2D`` and ``AveragePooling2D``: windows over each channel of NHWC images.
struct Pooling2D: Sendable, Equatable {
    var poolSize: Size2D
    var strides: Size2D
    var padding: Padding
    var kind: PoolingKind
    var input = ImageShape(), output = ImageShape(), padBefore = ImageShape()

    mutating func build(_ inputShape: [Int], _ operation: String) throws -> [Int] {
        let image = try ImageShape(sample: inputShape, operation: operation)
        guard poolSize.height >= 1, poolSize.width >= 1, strides.height >= 1, strides.width >= 1 else {
            throw LearnError.invalidParameter(
                name: "poolSize/strides", expected: "at least 1", got: "\(poolSize), \(strides)")
        }
        input = image
        let rows = try padding.layout(input: input.height, window: poolSize.height, stride: strides.height)
        let columns = try padding.layout(input: input.width, window: poolSize.width, stride: strides.width)
        guard rows.output >= 1, columns.output >= 1 else {
            throw LearnError.shapeMismatch(
                operation: "\(operation).build",
                expected: "a pool no larger than the \(input.height) × \(input.width) input",
                got: "pool \(poolSize)")
        }
        output = ImageShape(height: rows.output, width: columns.output, channels: input.channels)
        padBefore = ImageShape(height: rows.before, width: columns.before)
        return [output.height, output.width, input.channels]
    }

    /// The rows and columns of the input window for output `(oy, ox)`, clipped to the image.
    private func window(_ oy: Int, _ ox: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        let top = oy * strides.height - padBefore.height, left = ox * strides.width - padBefore.width
        return (
            Swift.max(top, 0)..<Swift.min(top + poolSize.height, input.height),
            Swift.max(left, 0)..<Swift.min(left + poolSize.width, input.width)
        )
    }

    /// Max: the largest value, remembering its position in `scratch`; average: the mean of the window's
    /// values inside the image (TensorFlow leaves padding out of the count). Channels are the inner loop,
    /// so every step runs over contiguous memory.
    func forward(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, scratch: UnsafeMutablePointer<Float>,
        training: Bool
    ) {
        let (h, w, c) = (input.height, input.width, input.channels)
        var out = y, taken = scratch
        for n in 0..<batch {
            let image = x + n * h * w * c
            for oy in 0..<output.height {
                for ox in 0..<output.width {
                    let (rows, columns) = window(oy, ox)
                    if kind == .max {
                        out.update(repeating: -.infinity, count: c)
                        for iy in rows {
                            for ix in columns {
                                let offset = (iy * w + ix) * c
                                let source = image + offset
                                guard training else {
                                    // Inference needs no positions.
                                    for k in 0..<c { out[k] = Swift.max(out[k], source[k]) }
                                    continue
                                }
                                let position = Float(bitPattern: UInt32(truncatingIfNeeded: offset))
                                for k in 0..<c {
                                    let better = source[k] > out[k] // selects, not branches, so the loop vectorises
                                    out[k] = better ? source[k] : out[k]
                                    taken[k] = better ? position : taken[k]
                                }
                            }
                        }
                    } else {
                        out.update(repeating: 0, count: c)
                        for iy in rows {
                            for ix in columns {
                                let source = image + (iy * w + ix) * c
                                for k in 0..<c { out[k] += source[k] }
                            }
                        }
                        let share = 1 / Float(rows.count * columns.count)
                        for k in 0..<c { out[k] *= share }
                    }
                    out += c
                    taken += c
                }
            }
        }
    }

    /// Max: the gradient goes to the chosen position; average: spread evenly over the window.
    func backward(
        _ dy: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, batch: Int, scratch: UnsafePointer<Float>
    ) {
        let (h, w, c) = (input.height, input.width, input.channels)
        dx.update(repeating: 0, count: batch * h * w * c)
        var gradient = dy, taken = scratch
        for n in 0..<batch {
            let image = dx + n * h * w * c
            for oy in 0..<output.height {
                for ox in 0..<output.width {
                    if kind == .max {
                        for channel in 0..<c { image[Int(taken[channel].bitPattern) + channel] += gradient[channel] }
                    } else {
                        let (rows, columns) = window(oy, ox)
                        let share = 1 / Float(rows.count * columns.count)
                        for iy in rows {
                            for ix in columns {
                                let target = image + (iy * w + ix) * c
                                for channel in 0..<c { target[channel] += gradient[channel] * share }
                            }
                        }
                    }
                    gradient += c
                    taken += c
                }
            }
        }
    }

    var outputCount: Int { output.height * output.width * output.channels }

    var kerasConfig: [String: Any] {
        [
            "pool_size": poolSize.keras, "strides": strides.keras, "padding": padding.rawValue,
            "data_format": "channels_last"
        ]
    }

    init(poolSize: Size2D, strides: Size2D?, padding: Padding, kind: PoolingKind) {
        (self.poolSize, self.strides, self.padding, self.kind) = (poolSize, strides ?? poolSize, padding, kind)
    }

    init(kerasConfig config: [String: Any], kind: PoolingKind, className: String, name: String) throws {
        guard let pool = Size2D(keras: config["pool_size"]),
            let padding = Padding(rawValue: config["padding"] as? String ?? "valid"),
            (config["data_format"] as? String ?? "channels_last") == "channels_last"
        else {
            throw KerasConfig.unsupported(className, name)
        }
        self.init(poolSize: pool, strides: Size2D(keras: config["strides"]), padding: padding, kind: kind)
    }
}

/// A layer that is a ``Pooling2D`` window engine under a Keras name (`MaxPooling2D`, `AveragePooling2D`,
/// `MaxPooling1D`): no weights, and the engine's build, Keras keys, scratch, forward and backward passes.
protocol PoolingLayer: Layer {
    var engine: Pooling2D { get set }
}

extension PoolingLayer {
    /// `[h, w, c]` → pooled `[h', w', c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] { try engine.build(inputShape, kerasClassName) }
    /// `pool_size`, `strides`, `padding`.
    public var kerasConfig: [String: Any] { engine.kerasConfig }
    /// None.
    public var weights: [LayerWeight] { [] }
    /// Where each maximum came from (max pooling); none for average pooling.
    public func scratchCount(batch: Int) -> Int { engine.kind == .max ? batch * engine.outputCount : 0 }
    /// The window maxima or means.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        engine.forward(input, output, batch: batch, scratch: scratch, training: training)
    }
    /// Routes each gradient to its maximum, or spreads it over its window.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        if let inputGradient { engine.backward(outputGradient, inputGradient, batch: batch, scratch: scratch) }
    }
}

/// The maximum over windows of each channel, Keras' `MaxPooling2D` (strides default to the pool size).
public struct MaxPooling2D: PoolingLayer, Equatable {
    var engine: Pooling2D
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()

    /// `MaxPooling2D(2)`.
    public init(_ poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, name: String = "") {
        engine = Pooling2D(poolSize: poolSize, strides: strides, padding: padding, kind: .max)
        self.name = name
    }

    /// `"MaxPooling2D"`.
    public static let kerasClass = "MaxPooling2D"
}

/// The mean over windows of each channel, Keras' `AveragePooling2D`.
public struct AveragePooling2D: PoolingLayer, Equatable {
    var engine: Pooling2D
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()

    /// `AveragePooling2D(2)`.
    public init(_ poolSize: Size2D = 2, strides: Size2D? = nil, padding: Padding = .valid, name: String = "") {
        engine = Pooling2D(poolSize: poolSize, strides: strides, padding: padding, kind: .average)
        self.name = name
    }

    /// `"AveragePooling2D"`.
    public static let kerasClass = "AveragePooling2D"
}

extension MaxPooling2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> MaxPooling2D {
        var layer = MaxPooling2D(name: config.name)
        layer.engine = try Pooling2D(kerasConfig: config.settings, kind: .max, className: kerasClass, name: config.name)
        return layer
    }
}

extension AveragePooling2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> AveragePooling2D {
        var layer = AveragePooling2D(name: config.name)
        layer.engine = try Pooling2D(
            kerasConfig: config.settings, kind: .average, className: kerasClass, name: config.name)
        return layer
    }
}
