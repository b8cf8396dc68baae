import Foundation
import LearnCore

/// The mean of each channel over the whole image, Keras' `GlobalAveragePooling2D`: `[h, w, c]` → `[c]`.
public struct GlobalAveragePooling2D: Layer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var input = ImageShape()

    /// `GlobalAveragePooling2D()`.
    public init(name: String = "") { self.name = name }

    /// `"GlobalAveragePooling2D"`.
    public static let kerasClass = "GlobalAveragePooling2D"
    /// `[h, w, c]` → `[c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        input = try GlobalPooling.imageShape(inputShape, "GlobalAveragePooling2D")
        return [input.channels]
    }
    /// None.
    public var weights: [LayerWeight] { [] }

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

    /// `data_format`, `keepdims`.
    public var kerasConfig: [String: Any] { ["data_format": "channels_last", "keepdims": false] }
}

/// The maximum of each channel over the whole image, Keras' `GlobalMaxPooling2D`: `[h, w, c]` → `[c]`.
public struct GlobalMaxPooling2D: Layer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var input = ImageShape()

    /// `GlobalMaxPooling2D()`.
    public init(name: String = "") { self.name = name }

    /// `"GlobalMaxPooling2D"`.
    public static let kerasClass = "GlobalMaxPooling2D"
    /// `[h, w, c]` → `[c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        input = try GlobalPooling.imageShape(inputShape, "GlobalMaxPooling2D")
        return [input.channels]
    }
    /// None.
    public var weights: [LayerWeight] { [] }
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

    /// `data_format`, `keepdims`.
    public var kerasConfig: [String: Any] { ["data_format": "channels_last", "keepdims": false] }
}

enum GlobalPooling {
    static func imageShape(_ shape: [Int], _ operation: String) throws -> ImageShape {
        guard shape.count == 3, shape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "\(operation).build", expected: "images of shape [height, width, channels]",
                got: "samples of shape \(shape)")
        }
        return ImageShape(height: shape[0], width: shape[1], channels: shape[2])
    }
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
