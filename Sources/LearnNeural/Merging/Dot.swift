import LearnCore

/// The dot product of two vectors per sample, Keras' `Dot(axes: 1)`: `[n]` and `[n]` → `[1]`;
/// `normalize: true` L2-normalises both first (cosine similarity), with Keras' `max(‖x‖², 1e-12)` floor.
/// Inputs of higher rank (Keras' batched matrix products) are refused with an error.
public struct Dot: MultiInputLayer, Equatable {
    /// The axis contracted, Keras' `axes` (1 or −1 for vectors).
    public var axes: Int
    /// Whether both inputs are L2-normalised first.
    public var normalize: Bool
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Values per input vector, known after `build`.
    private var width = 0

    /// `Dot(axes: 1)`; `Dot(axes: 1, normalize: true)` for cosine similarity.
    public init(axes: Int, normalize: Bool = false, name: String = "") {
        (self.axes, self.normalize, self.name) = (axes, normalize, name)
    }

    /// `"Dot"`.
    public static let kerasClass = "Dot"

    /// Two vectors of one length → `[1]`.
    public mutating func build(inputShapes: [[Int]]) throws -> [Int] {
        guard axes == 1 || axes == -1 else {
            throw LearnError.invalidParameter(
                name: "axes", expected: "1 or -1 (vectors per sample)", got: "\(axes)")
        }
        guard inputShapes.count == 2, inputShapes[0].count == 1, inputShapes[0] == inputShapes[1] else {
            throw LearnError.shapeMismatch(
                operation: "Dot \(name)", expected: "two inputs [n] and [n]",
                got: inputShapes.map { "\($0)" }.joined(separator: ", "))
        }
        width = inputShapes[0][0]
        return [1]
    }

    /// None.
    public var weights: [LayerWeight] { [] }

    /// `axes` and `normalize` in Keras' spelling.
    public var kerasConfig: [String: Any] { ["axes": axes, "normalize": normalize] }

    /// `1 / √max(‖x‖², 1e-12)` with normalisation, else 1.
    private func inverseNorm(_ x: UnsafePointer<Float>) -> Float {
        normalize ? 1 / Swift.max(Float.dot(n: width, x: x, y: x), 1e-12).squareRoot() : 1
    }

    /// `x̂ · ŷ` per sample.
    public func forward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>, state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>,
        training: Bool, rng: inout RandomState
    ) {
        for b in 0..<batch {
            let (x, y) = (inputs[0] + b &* width, inputs[1] + b &* width)
            output[b] = Float.dot(n: width, x: x, y: y) * inverseNorm(x) * inverseNorm(y)
        }
    }

    /// `∂/∂x = δ · (ŷ − c x̂) / ‖x‖` with normalisation (the floor makes it `δ ŷ / ‖x‖`), else `δ y`.
    public func backward(
        inputs: UnsafeBufferPointer<UnsafePointer<Float>>, _ output: UnsafePointer<Float>,
        outputGradient: UnsafeMutablePointer<Float>, inputGradients: UnsafeBufferPointer<UnsafeMutablePointer<Float>?>,
        batch: Int, parameters: UnsafePointer<Float>, parameterGradients: UnsafeMutablePointer<Float>,
        scratch: UnsafeMutablePointer<Float>
    ) {
        for b in 0..<batch {
            for k in 0..<2 {
                guard let gradient = inputGradients[k]?.advanced(by: b &* width) else { continue }
                let (x, y) = (inputs[k] + b &* width, inputs[1 - k] + b &* width)
                let (nx, ny) = (inverseNorm(x), inverseNorm(y))
                let floored = normalize && Float.dot(n: width, x: x, y: x) <= 1e-12
                let along = normalize && !floored ? output[b] * nx : 0
                for i in 0..<width {
                    gradient[i] = outputGradient[b] * nx * (y[i] * ny - along * x[i])
                }
            }
        }
    }
}

extension Dot: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Dot {
        let axes = config.settings["axes"]
        // Keras writes one axis for both inputs, or a pair; SwiftLearn contracts the same axis of both.
        let pair = (axes as? [Int]) ?? (axes as? Int).map { [$0, $0] }
        guard let pair, pair.count == 2, pair[0] == pair[1] else { throw config.unsupported() }
        return Dot(axes: pair[0], normalize: config.settings["normalize"] as? Bool ?? false, name: config.name)
    }
}
