import Foundation
import LearnCore

/// Crops a random `height × width` window from each training image, Keras' `RandomCrop` (pad first with
/// ``ZeroPadding2D`` for the usual CIFAR augmentation). At inference it takes the central window, so the
/// output shape never changes; Keras 3.15.1 documents a resize there but passes the uncropped image on.
public struct RandomCrop: Layer, Equatable {
    /// Output rows.
    public var height: Int
    /// Output columns.
    public var width: Int
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var image = ImageShape()

    /// `RandomCrop(height: 32, width: 32)`.
    public init(height: Int, width: Int, name: String = "") {
        (self.height, self.width, self.name) = (height, width, name)
    }

    /// `"RandomCrop"`.
    public static let kerasClass = "RandomCrop"

    /// `[h, w, c]` → `[height, width, c]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        image = try ImageShape(sample: inputShape, operation: "RandomCrop")
        guard height >= 1, width >= 1, height <= image.height, width <= image.width else {
            throw LearnError.shapeMismatch(
                operation: "RandomCrop.build", expected: "a crop of at most the \(image.height) × \(image.width) input",
                got: "\(height) × \(width)")
        }
        return [height, width, image.channels]
    }
    /// None.
    public var weights: [LayerWeight] { [] }
    /// Each image's window corner.
    public func scratchCount(batch: Int) -> Int { 2 * batch }

    /// Random windows in training, the central one at inference.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let (h, w, c) = (image.height, image.width, image.channels)
        for n in 0..<batch {
            let top = training ? Int(rng.randomSample() * Double(h - height + 1)) : (h - height) / 2
            let left = training ? Int(rng.randomSample() * Double(w - width + 1)) : (w - width) / 2
            (scratch[2 * n], scratch[2 * n + 1]) = (Float(top), Float(left))
            for y in 0..<height {
                (output + ((n * height + y) * width) * c).update(
                    from: input + ((n * h + top + y) * w + left) * c, count: width * c)
            }
        }
    }

    /// The gradient goes back into its window; the rest of the image gets zero.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let (h, w, c) = (image.height, image.width, image.channels)
        inputGradient.update(repeating: 0, count: batch * h * w * c)
        for n in 0..<batch {
            let (top, left) = (Int(scratch[2 * n]), Int(scratch[2 * n + 1]))
            for y in 0..<height {
                (inputGradient + ((n * h + top + y) * w + left) * c).update(
                    from: outputGradient + ((n * height + y) * width) * c, count: width * c)
            }
        }
    }

    /// `height`, `width`.
    public var kerasConfig: [String: Any] {
        ["height": height, "width": width, "seed": NSNull(), "data_format": "channels_last"]
    }
}

extension RandomCrop: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> RandomCrop {
        guard let height = config.settings["height"] as? Int, let width = config.settings["width"] as? Int else {
            throw config.unsupported()
        }
        return RandomCrop(height: height, width: width, name: config.name)
    }
}
