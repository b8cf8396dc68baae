import Foundation
import LearnCore

/// The shared body of the training-only geometric augmentations: each training image gets its own
/// affine map (drawn from the network's `randomState`), kept for the backward pass; inference copies.
protocol RandomAffineLayer: Layer {
    var sampler: ImageSampler { get }
    var image: ImageShape { get }
    /// A fresh random map for one image.
    func drawTransform(_ rng: inout RandomState) -> ImageSampler.Transform
}

extension RandomAffineLayer {
    /// The Keras keys both layers share: fill, interpolation, seed and data format.
    var samplerConfig: [String: Any] {
        [
            "fill_mode": sampler.fillMode.rawValue, "interpolation": sampler.interpolation.rawValue,
            "fill_value": Double(sampler.fillValue), "seed": NSNull(), "data_format": "channels_last"
        ]
    }

    /// Six coefficients per image.
    public func scratchCount(batch: Int) -> Int { 6 * batch }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// Resampled copies in training, each image under its own random map; plain copies in inference.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        let size = image.height * image.width * image.channels
        guard training else { return output.update(from: input, count: batch * size) }
        for n in 0..<batch {
            let t = drawTransform(&rng)
            let c = scratch + 6 * n
            (c[0], c[1], c[2], c[3], c[4], c[5]) = (t.a0, t.a1, t.a2, t.b0, t.b1, t.b2)
            sampler.apply(
                input + n * size, output + n * size, height: image.height, width: image.width, channels: image.channels,
                t)
        }
    }

    /// The resampling's adjoint under each image's map.
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        let size = image.height * image.width * image.channels
        for n in 0..<batch {
            let c = scratch + 6 * n
            let t = ImageSampler.Transform(a0: c[0], a1: c[1], a2: c[2], b0: c[3], b1: c[4], b2: c[5])
            sampler.adjoint(
                outputGradient + n * size, inputGradient + n * size, height: image.height, width: image.width,
                channels: image.channels, t)
        }
    }
}

/// A factor range as Keras takes it: `0.2` means `-0.2...0.2`.
public struct FactorRange: Sendable, Equatable, ExpressibleByFloatLiteral {
    /// Smallest factor.
    public var lower: Double
    /// Largest factor.
    public var upper: Double

    /// `lower...upper`.
    public init(_ lower: Double, _ upper: Double) { (self.lower, self.upper) = (lower, upper) }
    /// `±value`.
    public init(floatLiteral value: Double) { self.init(-abs(value), abs(value)) }

    func draw(_ rng: inout RandomState) -> Double { lower + (upper - lower) * rng.randomSample() }
    var keras: [Double] { [lower, upper] }
    init?(keras value: Any?) {
        if let pair = value as? [Double], pair.count == 2 {
            self.init(pair[0], pair[1])
        } else if let f = value as? Double {
            self.init(floatLiteral: f)
        } else {
            return nil
        }
    }
}

/// Shifts each training image by a random fraction of its height and width, Keras' `RandomTranslation`
/// (reflect fill and bilinear resampling by default); inference passes images through.
public struct RandomTranslation: RandomAffineLayer, Equatable {
    /// Vertical shift as a fraction of the height.
    public var heightFactor: FactorRange
    /// Horizontal shift as a fraction of the width.
    public var widthFactor: FactorRange
    var sampler: ImageSampler
    var image = ImageShape()
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()

    /// `RandomTranslation(heightFactor: 0.1, widthFactor: 0.1)`.
    public init(
        heightFactor: FactorRange, widthFactor: FactorRange, fillMode: FillMode = .reflect,
        interpolation: Interpolation = .bilinear,
        fillValue: Double = 0, name: String = ""
    ) {
        (self.heightFactor, self.widthFactor, self.name) = (heightFactor, widthFactor, name)
        sampler = ImageSampler(fillMode: fillMode, interpolation: interpolation, fillValue: Float(fillValue))
    }

    /// `"RandomTranslation"`.
    public static let kerasClass = "RandomTranslation"
    /// Images `[h, w, c]`; unchanged.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        image = try ImageShape(sample: inputShape, operation: "RandomTranslation")
        for range in [heightFactor, widthFactor]
        where !(range.lower <= range.upper && range.lower >= -1 && range.upper <= 1) {
            throw LearnError.invalidParameter(
                name: "heightFactor/widthFactor", expected: "ranges within -1...1",
                got: "\(range.lower)...\(range.upper)")
        }
        return inputShape
    }

    func drawTransform(_ rng: inout RandomState) -> ImageSampler.Transform {
        let dy = Float(heightFactor.draw(&rng) * Double(image.height)),
            dx = Float(widthFactor.draw(&rng) * Double(image.width))
        return ImageSampler.Transform(a0: 1, a1: 0, a2: -dx, b0: 0, b1: 1, b2: -dy)
    }

    /// Keras' keys.
    public var kerasConfig: [String: Any] {
        samplerConfig.merging(["height_factor": heightFactor.keras, "width_factor": widthFactor.keras]) { $1 }
    }
}

/// Rotates each training image by a random fraction of a full turn about its centre, Keras'
/// `RandomRotation` (counter-clockwise for positive factors; reflect fill, bilinear); inference passes through.
public struct RandomRotation: RandomAffineLayer, Equatable {
    /// The angle as a fraction of 2π.
    public var factor: FactorRange
    var sampler: ImageSampler
    var image = ImageShape()
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()

    /// `RandomRotation(0.1)` (up to ±36°).
    public init(
        _ factor: FactorRange, fillMode: FillMode = .reflect, interpolation: Interpolation = .bilinear,
        fillValue: Double = 0, name: String = ""
    ) {
        (self.factor, self.name) = (factor, name)
        sampler = ImageSampler(fillMode: fillMode, interpolation: interpolation, fillValue: Float(fillValue))
    }

    /// `"RandomRotation"`.
    public static let kerasClass = "RandomRotation"
    /// Images `[h, w, c]`; unchanged.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        image = try ImageShape(sample: inputShape, operation: "RandomRotation")
        // A fraction of a full turn: ±1 already reaches every angle, and larger factors overflow `factor · 2π`.
        guard factor.lower <= factor.upper, factor.lower >= -1, factor.upper <= 1 else {
            throw LearnError.invalidParameter(
                name: "factor", expected: "a range lower...upper within -1...1",
                got: "\(factor.lower)...\(factor.upper)")
        }
        return inputShape
    }

    /// Keras' map from output to input pixels for angle `θ` about the centre.
    func drawTransform(_ rng: inout RandomState) -> ImageSampler.Transform {
        let angle = factor.draw(&rng) * 2 * Double.pi
        let (cosine, sine) = (Foundation.cos(angle), Foundation.sin(angle))
        let (w, h) = (Double(image.width - 1), Double(image.height - 1))
        let xOffset = (w - (cosine * w - sine * h)) / 2, yOffset = (h - (sine * w + cosine * h)) / 2
        return ImageSampler.Transform(
            a0: Float(cosine), a1: Float(-sine), a2: Float(xOffset), b0: Float(sine), b1: Float(cosine),
            b2: Float(yOffset))
    }

    /// Keras' keys.
    public var kerasConfig: [String: Any] { samplerConfig.merging(["factor": factor.keras]) { $1 } }
}

extension RandomAffineLayer {
    /// The fill mode, interpolation and fill value of a Keras entry (Keras' defaults when absent).
    static func kerasFill(_ config: KerasLayerConfig) throws -> (FillMode, Interpolation, Double) {
        let settings = config.settings
        guard let fill = FillMode(rawValue: settings["fill_mode"] as? String ?? "reflect"),
            let interpolation = Interpolation(rawValue: settings["interpolation"] as? String ?? "bilinear")
        else { throw config.unsupported() }
        return (fill, interpolation, settings["fill_value"] as? Double ?? 0)
    }
}

extension RandomTranslation: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> RandomTranslation {
        let (fill, interpolation, value) = try kerasFill(config)
        guard let height = FactorRange(keras: config.settings["height_factor"]),
            let width = FactorRange(keras: config.settings["width_factor"])
        else { throw config.unsupported() }
        return RandomTranslation(
            heightFactor: height, widthFactor: width, fillMode: fill, interpolation: interpolation, fillValue: value,
            name: config.name)
    }
}

extension RandomRotation: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> RandomRotation {
        let (fill, interpolation, value) = try kerasFill(config)
        guard let factor = FactorRange(keras: config.settings["factor"]) else { throw config.unsupported() }
        return RandomRotation(factor, fillMode: fill, interpolation: interpolation, fillValue: value, name: config.name)
    }
}
