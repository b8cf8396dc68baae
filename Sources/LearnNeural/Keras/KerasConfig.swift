import Foundation
import LearnCore
import LearnHDF5

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

extension KerasConfig {
    /// Keras 3's `float32` dtype policy, written into every layer entry.
    static var dtypePolicy: [String: Any] {
        [
            "module": "keras", "class_name": "DTypePolicy", "config": ["name": "float32"], "registered_name": NSNull()
        ]
    }

    /// `object` as compact JSON with sorted keys (the attribute text of `model_config`, `training_config`).
    /// Written here rather than by `JSONSerialization`, which writes the `Double` 0 as `0`: Keras checks
    /// settings such as SGD's `momentum` to be Python floats and refuses an integer.
    static func jsonText(_ object: [String: Any]) throws -> String {
        var text = ""
        try writeJSON(object, to: &text)
        return text
    }

    private static func writeJSON(_ value: Any, to text: inout String) throws {
        switch value {
        case is NSNull: text += "null"
        case let flag as Bool: text += flag ? "true" : "false"
        case let number as Int: text += String(number)
        case let number as Double: text += number.isFinite ? "\(number)" : "null"
        case let number as Float: text += number.isFinite ? "\(Double(number))" : "null"
        case let string as String: writeJSONString(string, to: &text)
        case let list as [Any]:
            text += "["
            for (index, item) in list.enumerated() {
                if index > 0 { text += "," }
                try writeJSON(item, to: &text)
            }
            text += "]"
        case let object as [String: Any]:
            text += "{"
            for (index, entry) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { text += "," }
                writeJSONString(entry.key, to: &text)
                text += ":"
                try writeJSON(entry.value, to: &text)
            }
            text += "}"
        default:
            throw Problem(reason: "\(type(of: value)) cannot be written as JSON")
        }
    }

    private static func writeJSONString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20: text += String(format: "\\u%04x", scalar.value)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// The root attributes of a Keras legacy `.h5` model file, and SwiftLearn's own class and version.
    static func writeModelAttributes(
        to root: HDF5Group, modelConfig: String, trainingConfig: String?, swiftlearnClass: String
    ) throws {
        try root.setAttribute("backend", .string("tensorflow"))
        try root.setAttribute("keras_version", .string(Sequential.kerasLayoutVersion))
        try root.setAttribute("model_config", .string(modelConfig), ascii: true)
        if let trainingConfig { try root.setAttribute("training_config", .string(trainingConfig), ascii: true) }
        try root.setAttribute("swiftlearn_class", .string(swiftlearnClass))
        try root.setAttribute("swiftlearn_version", .string(SwiftLearnVersion.string))
    }

    /// The JSON object in `text`, or `nil` when it is not one.
    static func jsonObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// A Keras batch shape `[null, d₁, …]` without its batch axis; every dimension must be a positive integer
    /// (a dimension JSON cannot give as `Int`, such as `1e30`, is refused rather than dropped).
    static func inputShape(_ value: Any?) throws -> [Int]? {
        guard let entries = value as? [Any] else { return nil }
        let dimensions = entries.dropFirst().map { $0 as? Int }
        guard dimensions.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw Problem(reason: "batch shape \(entries) must list positive integers")
        }
        return dimensions.compactMap { $0 }
    }

    /// A layer's `model_config` entry: its own settings with the name, trainable flag and dtype every layer has.
    static func layerSettings(_ layer: any Layer, trainable: Bool = true) -> [String: Any] {
        var settings = layer.kerasConfig
        settings.merge(["name": layer.name, "trainable": trainable]) { _, common in common }
        if !(layer is NestedModel) { settings["dtype"] = dtypePolicy }
        return settings
    }
}

extension Activation {
    /// The activation Keras calls `name`, if SwiftLearn has it.
    init?(kerasName name: String) {
        switch name {
        case "linear": self = .linear
        case "relu": self = .relu
        case "sigmoid": self = .sigmoid
        case "tanh": self = .tanh
        case "softmax": self = .softmax
        case "leaky_relu": self = .leakyRelu
        case "elu": self = .elu
        case "gelu": self = .gelu
        default: return nil
        }
    }
}
