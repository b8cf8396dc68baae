import Foundation

/// Helpers for the pieces of Keras' `model_config` JSON that layers share.
enum KerasConfig {
    /// A problem with a layer's Keras configuration; the loader turns it into a corrupt-file error.
    struct Problem: Error {
        /// What is wrong.
        let reason: String
    }

    /// Keras' initializer entry (`GlorotUniform`, `Zeros`, `Ones`).
    static func initializer(_ className: String, _ config: [String: Any] = [:]) -> [String: Any] {
        ["module": "keras.initializers", "class_name": className, "config": config, "registered_name": NSNull()]
    }

    /// The error for a layer whose configuration SwiftLearn cannot reproduce.
    static func unsupported(_ className: String, _ name: String) -> Problem {
        Problem(reason: "\(className) layer \(name) has an unsupported configuration")
    }
}
