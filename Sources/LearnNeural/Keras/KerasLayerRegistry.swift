import Foundation

/// One layer's entry in a Keras `model_config`: its class, its name and its own settings (the `config`
/// object), which ``KerasLayer/fromKeras(_:)`` turns back into a layer.
public struct KerasLayerConfig {
    /// Keras' class name (`Dense`).
    public let className: String
    /// The layer's name (`dense_1`).
    public let name: String
    /// The entry's `config` object as JSON values (`units`, `activation`, …).
    public let settings: [String: Any]

    /// An entry of class `className` named `name`.
    public init(className: String, name: String, settings: [String: Any]) {
        (self.className, self.name, self.settings) = (className, name, settings)
    }

    /// The error for settings SwiftLearn cannot reproduce; the loader reports it as a corrupt file.
    public func unsupported() -> Error { KerasConfig.unsupported(className, name) }
}

/// A layer that Keras' `model_config` can describe and SwiftLearn rebuild: it names its Keras class and
/// reads its own entry (Keras' `get_config` / `from_config` pair; ``Layer/kerasConfig`` is the first half).
/// One registry finds the type by its class name, so the loader has no list of classes of its own.
public protocol KerasLayer: Layer {
    /// Keras' class name (`Dense`, `Dropout`).
    static var kerasClass: String { get }
    /// The layer an entry of class ``kerasClass`` describes.
    /// - Throws: when the settings are missing, malformed or not supported (the loader reports a corrupt file).
    static func fromKeras(_ config: KerasLayerConfig) throws -> Self
}

extension KerasLayer {
    /// ``kerasClass``.
    public var kerasClassName: String { Self.kerasClass }
}

/// The one table from Keras class names to layer types, built from each type's own ``KerasLayer`` conformance.
enum KerasLayerRegistry {
    /// The layer types a Keras file may name (nested `Sequential` and `Functional` models are read by the
    /// model loaders, which need the surrounding file).
    static let types: [any KerasLayer.Type] = [
        Dense.self, Dropout.self, Flatten.self, Reshape.self, ActivationLayer.self, BatchNormalization.self,
        Embedding.self, Conv2D.self, Conv1D.self, MaxPooling2D.self, AveragePooling2D.self, MaxPooling1D.self,
        GlobalAveragePooling2D.self, GlobalMaxPooling2D.self, GlobalMaxPooling1D.self, ZeroPadding2D.self,
        Rescaling.self, Normalization.self, RandomCrop.self, RandomFlip.self, RandomTranslation.self,
        RandomRotation.self, Add.self, Subtract.self, Multiply.self, Average.self, Maximum.self, Minimum.self,
        Concatenate.self, Dot.self
    ]

    /// Class name → type; the first type wins should two ever claim one name.
    static let byClassName: [String: any KerasLayer.Type] = Dictionary(
        types.map { ($0.kerasClass, $0) }, uniquingKeysWith: { first, _ in first })

    /// The layer `config` describes.
    /// - Throws: `KerasConfig.Problem` for an unknown class or settings its type refuses.
    static func layer(_ config: KerasLayerConfig) throws -> any Layer {
        guard let type = byClassName[config.className] else {
            throw KerasConfig.Problem(
                reason: "layer \(config.name) of class \(config.className) is not supported by SwiftLearn yet")
        }
        do {
            return try type.fromKeras(config)
        } catch let problem as KerasConfig.Problem {
            throw problem
        } catch {
            throw KerasConfig.Problem(reason: "layer \(config.name) of class \(config.className): \(error)")
        }
    }
}
