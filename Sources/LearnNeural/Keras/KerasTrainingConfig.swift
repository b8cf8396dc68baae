import Foundation
import LearnCore

/// An optimizer that Keras' `training_config` can describe and SwiftLearn rebuild: it names its Keras class
/// and reads its own settings (``Optimizer/kerasConfig`` is the other direction). One registry
/// finds the type by class name.
public protocol KerasOptimizer: Optimizer {
    /// Keras' class name (`Adam`, `SGD`).
    static var kerasClass: String { get }
    /// The optimizer an `optimizer_config`'s `config` object describes, Keras' defaults where absent.
    static func fromKeras(_ settings: [String: Any]) -> Self
}

extension KerasOptimizer {
    /// ``kerasClass``.
    public var kerasClassName: String { Self.kerasClass }

    /// The learning rate, weight decay and a reader of the other numeric settings, with their fallbacks.
    static func kerasCommon(
        _ settings: [String: Any]
    ) -> (rate: Double?, decay: Double?, value: (String, Double) -> Double) {
        (settings["learning_rate"] as? Double, settings["weight_decay"] as? Double, { settings[$0] as? Double ?? $1 })
    }
}

/// The one table from Keras optimizer class names to types.
enum KerasOptimizerRegistry {
    static let types: [any KerasOptimizer.Type] = [SGD.self, RMSprop.self, Adagrad.self, Adam.self]

    /// Class name → type.
    static let byClassName: [String: any KerasOptimizer.Type] = Dictionary(
        types.map { ($0.kerasClass, $0) }, uniquingKeysWith: { first, _ in first })
}

/// Keras' `training_config` JSON: loss, metrics and the optimizer with its settings.
enum KerasTrainingConfig {
    /// What a `training_config` describes.
    struct Training {
        /// The optimizer with the file's settings (state not yet restored).
        let optimizer: any Optimizer
        /// One loss for the model, or one per output name (Keras writes a dict for several outputs).
        let loss: Loss?
        let lossPerOutput: [String: Loss]
        /// Per-output loss weights by output name (empty: all 1).
        let lossWeights: [String: Double]
        let metrics: [Metric]
    }

    /// The loss, metrics and optimizer `text` describes; `nil` when it names a loss SwiftLearn lacks
    /// (the model then loads uncompiled). A missing optimizer is Keras' default, Adam.
    /// - Throws: `KerasConfig.Problem` for an optimizer SwiftLearn does not have.
    static func read(_ text: String) throws -> Training? {
        guard let config = KerasConfig.jsonObject(text) else { return nil }
        var (loss, lossPerOutput): (Loss?, [String: Loss]) = (nil, [:])
        if let name = config["loss"] as? String {
            guard let single = Loss(kerasName: name) else { return nil }
            loss = single
        } else if let names = config["loss"] as? [String: Any], !names.isEmpty {
            for (output, name) in names {
                guard let found = (name as? String).flatMap(Loss.init(kerasName:)) else { return nil }
                lossPerOutput[output] = found
            }
        } else {
            return nil
        }
        let weights = (config["loss_weights"] as? [String: Any] ?? [:]).compactMapValues { $0 as? Double }
        let metrics = ((config["metrics"] as? [Any]) ?? []).compactMap {
            ($0 as? String).flatMap(Metric.init(rawValue:))
        }
        let entry = config["optimizer_config"] as? [String: Any]
        let settings = entry?["config"] as? [String: Any] ?? [:]
        let className = entry?["class_name"] as? String ?? Adam.kerasClass
        guard let type = KerasOptimizerRegistry.byClassName[className] else {
            throw KerasConfig.Problem(reason: "optimizer \(className) is not supported by SwiftLearn yet")
        }
        return Training(
            optimizer: type.fromKeras(settings), loss: loss, lossPerOutput: lossPerOutput, lossWeights: weights,
            metrics: metrics)
    }

    /// The `training_config` of a network compiled with `optimizer`, `losses` (Keras writes one name for a
    /// single output) and `metrics`.
    static func body(optimizer: any Optimizer, loss: Any, lossWeights: Any = NSNull(), metrics: [Metric])
        -> [String: Any]
    {
        // The settings every Keras optimizer writes, then each class's own.
        var settings: [String: Any] = [
            "name": optimizer.kerasName, "learning_rate": optimizer.learningRate,
            "weight_decay": optimizer.weightDecay ?? NSNull(),
            "clipnorm": NSNull(), "global_clipnorm": NSNull(), "clipvalue": NSNull(), "use_ema": false,
            "ema_momentum": 0.99,
            "ema_overwrite_frequency": NSNull(), "loss_scale_factor": NSNull(), "gradient_accumulation_steps": NSNull()
        ]
        settings.merge(optimizer.kerasConfig) { _, own in own }
        return [
            "loss": loss, "loss_weights": lossWeights, "metrics": metrics.map(\.rawValue),
            "weighted_metrics": NSNull(),
            "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false,
            "optimizer_config": ["class_name": optimizer.kerasClassName, "config": settings]
        ]
    }
}

extension Loss {
    /// The loss Keras calls `name`, if SwiftLearn has it.
    init?(kerasName name: String) {
        switch name {
        case "binary_crossentropy": self = .binaryCrossentropy
        case "categorical_crossentropy": self = .categoricalCrossentropy
        case "sparse_categorical_crossentropy": self = .sparseCategoricalCrossentropy
        case "mean_squared_error", "mse": self = .meanSquaredError
        case "mean_absolute_error", "mae": self = .meanAbsoluteError
        default: return nil
        }
    }
}
