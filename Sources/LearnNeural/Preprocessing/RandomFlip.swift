import Foundation
import LearnCore

/// Which axes ``RandomFlip`` may flip (Keras' `mode`).
public enum FlipMode: String, Sendable, CaseIterable {
    /// Left–right.
    case horizontal
    /// Top–bottom.
    case vertical
    /// Either, independently (Keras' default).
    case horizontalAndVertical = "horizontal_and_vertical"
}

/// Flips each training image left–right and/or top–bottom with probability ½ per axis, Keras'
/// `RandomFlip`; at inference it passes images through. The draws come from the network's `randomState`.
public struct RandomFlip: Layer, Equatable {
    /// The axes that may flip.
    public var mode: FlipMode
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    private var image = ImageShape()

    /// `RandomFlip(.horizontal)`.
    public init(_ mode: FlipMode = .horizontalAndVertical, name: String = "") { (self.mode, self.name) = (mode, name) }

    /// `"RandomFlip"`.
    public static let kerasClass = "RandomFlip"
    /// Images `[h, w, c]`; unchanged.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        image = try ImageShape(sample: inputShape, operation: "RandomFlip")
        return inputShape
    }
    /// None.
    public var weights: [LayerWeight] { [] }
    /// Each image's two flip flags.
    public func scratchCount(batch: Int) -> Int { 2 * batch }

    /// Copies each image, mirrored along the drawn axes.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        for n in 0..<batch {
            let horizontal = training && mode != .vertical && rng.randomSample() < 0.5
            let vertical = training && mode != .horizontal && rng.randomSample() < 0.5
            (scratch[2 * n], scratch[2 * n + 1]) = (horizontal ? 1 : 0, vertical ? 1 : 0)
            mirror(input, output, sample: n, horizontal: horizontal, vertical: vertical)
        }
    }

    /// The same mirror maps the gradient back (a flip is its own inverse).
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let inputGradient else { return }
        for n in 0..<batch {
            mirror(
                UnsafePointer(outputGradient), inputGradient, sample: n, horizontal: scratch[2 * n] != 0,
                vertical: scratch[2 * n + 1] != 0)
        }
    }

    private func mirror(
        _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, sample n: Int, horizontal: Bool,
        vertical: Bool
    ) {
        let (h, w, c) = (image.height, image.width, image.channels)
        let base = n * h * w * c
        for y in 0..<h {
            let sourceRow = source + base + (vertical ? h - 1 - y : y) * w * c
            let targetRow = target + base + y * w * c
            guard horizontal else {
                targetRow.update(from: sourceRow, count: w * c)
                continue
            }
            for x in 0..<w { (targetRow + x * c).update(from: sourceRow + (w - 1 - x) * c, count: c) }
        }
    }

    /// `mode`, `seed`.
    public var kerasConfig: [String: Any] { ["mode": mode.rawValue, "seed": NSNull(), "data_format": "channels_last"] }
}

extension RandomFlip: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> RandomFlip {
        guard let mode = FlipMode(rawValue: config.settings["mode"] as? String ?? "horizontal_and_vertical") else {
            throw config.unsupported()
        }
        return RandomFlip(mode, name: config.name)
    }
}
