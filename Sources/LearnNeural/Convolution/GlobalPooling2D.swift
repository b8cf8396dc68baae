import Foundation
import LearnCore

/// The mean of each channel over the whole image, Keras' `GlobalAveragePooling2D`: `[h, w, c]` → `[c]`.
public struct GlobalAveragePooling2D: GlobalPoolingLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    var input = ImageShape()

    /// `GlobalAveragePooling2D()`.
    public init(name: String = "") { self.name = name }

    /// `"GlobalAveragePooling2D"`.
    public static let kerasClass = "GlobalAveragePooling2D"

    /// Channel means.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let (pixels, c) = (self.input.height * self.input.width, self.input.channels)
        for n in 0..<batch {
            Float.columnMeans(input + n * pixels * c, rows: pixels, columns: c, into: output + n * c)
        }
    }

    /// Each pixel receives its channel's gradient over the pixel count.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let (pixels, c) = (self.input.height * self.input.width, self.input.channels)
        for n in 0..<batch {
            let (image, gradient) = (inputGradient + n * pixels * c, outputGradient + n * c)
            for p in 0..<pixels { for k in 0..<c { image[p * c + k] = gradient[k] / Float(pixels) } }
        }
    }
}

/// The maximum of each channel over the whole image, Keras' `GlobalMaxPooling2D`: `[h, w, c]` → `[c]`.
public struct GlobalMaxPooling2D: GlobalPoolingLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    var input = ImageShape()

    /// `GlobalMaxPooling2D()`.
    public init(name: String = "") { self.name = name }

    /// `"GlobalMaxPooling2D"`.
    public static let kerasClass = "GlobalMaxPooling2D"
    /// The pixel holding each maximum.
    public func scratchCount(batch: Int) -> Int { batch * input.channels }

    /// Channel maxima.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let (pixels, c) = (self.input.height * self.input.width, self.input.channels)
        for n in 0..<batch {
            let (image, out, taken) = (input + n * pixels * c, output + n * c, scratch + n * c)
            for k in 0..<c { (out[k], taken[k]) = (image[k], 0) }
            for p in 1..<Swift.max(pixels, 1) {
                for k in 0..<c where image[p * c + k] > out[k] { (out[k], taken[k]) = (image[p * c + k], Float(p)) }
            }
        }
    }

    /// The gradient goes to each channel's maximum.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let (pixels, c) = (self.input.height * self.input.width, self.input.channels)
        inputGradient.update(repeating: 0, count: batch * pixels * c)
        for n in 0..<batch {
            for k in 0..<c {
                inputGradient[n * pixels * c + Int(scratch[n * c + k]) * c + k] = outputGradient[n * c + k]
            }
        }
    }
}

/// A layer that reduces each channel over the whole image (``GlobalAveragePooling2D``,
/// ``GlobalMaxPooling2D``): `[h, w, c]` → `[c]`, no weights, Keras' `channels_last` without `keepdims`.
protocol GlobalPoolingLayer: Layer {
    /// The image shape fixed by `build`.
    var input: ImageShape { get set }
}

extension GlobalPoolingLayer {
    /// `[h, w, c]` → `[c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        input = try ImageShape(sample: inputShape, operation: kerasClassName)
        return [input.channels]
    }
    /// None.
    public var weights: [LayerWeight] { [] }
    /// `data_format`, `keepdims`.
    public var kerasConfig: [String: Any] { ["data_format": "channels_last", "keepdims": false] }
}

extension GlobalAveragePooling2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> GlobalAveragePooling2D {
        GlobalAveragePooling2D(name: config.name)
    }
}

extension GlobalMaxPooling2D: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> GlobalMaxPooling2D {
        GlobalMaxPooling2D(name: config.name)
    }
}
