import LearnCore

/// Flattens each sample to one axis, Keras' `Flatten` (row-major, channels last).
public struct Flatten: ReshapingLayer, Equatable {
    /// Keras' layer name; assigned by the network when empty.
    public var name: String
    /// Which instance this is (copies share it): a layer called at several graph nodes shares its weights.
    public let identity = LayerIdentity()
    var valuesPerSample = 0

    /// `Flatten()`.
    public init(name: String = "") { self.name = name }

    /// `"Flatten"`.
    public static let kerasClass = "Flatten"

    /// `[d1, d2, …]` → `[d1 · d2 · …]`.
    public mutating func build(inputShape: [Int]) throws -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw LearnError.shapeMismatch(
                operation: "Flatten.build", expected: "a non-empty input shape", got: "\(inputShape)")
        }
        valuesPerSample = inputShape.reduce(1, *)
        return [valuesPerSample]
    }

    /// `data_format`.
    public var kerasConfig: [String: Any] { ["data_format": "channels_last"] }
}

extension Flatten: KerasLayer {
    /// The layer a Keras `model_config` entry describes.
    public static func fromKeras(_ config: KerasLayerConfig) throws -> Flatten { Flatten(name: config.name) }
}
