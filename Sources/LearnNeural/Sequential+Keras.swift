import Foundation
import LearnCore
import LearnHDF5

/// Keras' legacy `.h5` model format (`shared/spec/keras-legacy-h5.md`): what `model.save('x.h5')` writes
/// and `keras.models.load_model` reads — for the layers SwiftLearn and Keras share.
extension Sequential {
    /// The Keras version whose layout these files follow.
    static let kerasLayoutVersion = "3.15.1"

    /// Saves the network as a Keras legacy `.h5` file, atomically (a failed save keeps the previous file).
    /// - Throws: ``LearnError/notFitted(type:)`` before the network is built; ``LearnError/io(path:reason:)``.
    public func save(to path: String) throws {
        guard let inputShape else { throw LearnError.notFitted(type: "Sequential") }
        let modelConfig = try jsonText(["class_name": "Sequential", "config": modelConfigBody(inputShape)])
        let trainingConfig = try loss.map { loss in try jsonText(trainingConfigBody(loss)) }
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.setAttribute("backend", .string("tensorflow"))
            try root.setAttribute("keras_version", .string(Self.kerasLayoutVersion))
            try root.setAttribute("model_config", .string(modelConfig), ascii: true)
            if let trainingConfig { try root.setAttribute("training_config", .string(trainingConfig), ascii: true) }
            try root.setAttribute("swiftlearn_class", .string("Sequential"))
            try root.setAttribute("swiftlearn_version", .string(SwiftLearnVersion.string))
            let weights = try root.createGroup("model_weights")
            try weights.setAttribute("backend", .string("tensorflow"), ascii: true)
            try weights.setAttribute("keras_version", .string(Self.kerasLayoutVersion), ascii: true)
            try weights.setAttribute("layer_names", .strings(layers.map(\.name)), ascii: true)
            for (index, layer) in layers.enumerated() {
                let group = try weights.createGroup(layer.name)
                guard let dense = layer as? Dense else {
                    try group.setAttribute("weight_names", .doubles([]))
                    continue
                }
                let names = dense.useBias ? ["kernel", "bias"] : ["kernel"]
                try group.setAttribute("weight_names", .strings(names.map { "sequential/\(layer.name)/\($0)" }), ascii: true)
                let inner = try group.createGroup("sequential").createGroup(layer.name)
                let start = offsets[index]
                try inner.write(Array(parameters[start..<(start + dense.inputWidth * dense.units)]), shape: [dense.inputWidth, dense.units], to: "kernel")
                if dense.useBias {
                    let biasStart = start + dense.inputWidth * dense.units
                    try inner.write(Array(parameters[biasStart..<(biasStart + dense.units)]), shape: [dense.units], to: "bias")
                }
            }
            try weights.createGroup("top_level_model_weights").setAttribute("weight_names", .doubles([]))
        }
    }

    /// Loads a Keras legacy `.h5` file written by ``save(to:)`` or by Keras itself (Dense and Dropout
    /// layers), compiled with its training configuration when the file has one.
    /// - Throws: ``LearnError/io(path:reason:)`` for a missing file; ``LearnError/corruptFile(path:reason:)``
    ///   for anything else unexpected (another model type, unsupported layers, missing or misshapen weights).
    public static func load(from path: String) throws -> Sequential {
        let file = try HDF5File.open(path)
        let root = try file.root
        func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: path, reason: reason) }
        guard case let .string(configText) = try root.attribute("model_config"),
              let config = try? JSONSerialization.jsonObject(with: Data(configText.utf8)) as? [String: Any],
              config["class_name"] as? String == "Sequential", let body = config["config"] as? [String: Any],
              let layerConfigs = body["layers"] as? [[String: Any]] else {
            throw corrupt("model_config is not a Keras Sequential model")
        }
        var layers: [any Layer] = []
        var inputWidth: Int?
        for entry in layerConfigs {
            let settings = entry["config"] as? [String: Any] ?? [:]
            let name = settings["name"] as? String ?? ""
            switch entry["class_name"] as? String {
            case "InputLayer":
                inputWidth = (settings["batch_shape"] as? [Any])?.last as? Int
            case "Dense":
                guard let units = settings["units"] as? Int, let activation = Activation(kerasName: settings["activation"] as? String ?? "linear") else {
                    throw corrupt("Dense layer \(name) has an unsupported configuration")
                }
                layers.append(Dense(units, activation: activation, useBias: settings["use_bias"] as? Bool ?? true, name: name))
            case "Dropout":
                layers.append(Dropout(settings["rate"] as? Double ?? 0, name: name))
            case let other:
                throw corrupt("layer \(name) of class \(other ?? "?") is not supported by SwiftLearn yet")
            }
        }
        if inputWidth == nil { inputWidth = (body["build_input_shape"] as? [Any])?.last as? Int }
        guard let width = inputWidth, width > 0, !layers.isEmpty else { throw corrupt("model_config has no input shape or no layers") }
        var network = Sequential(randomState: 0) { Dense(1) }
        network.layers = layers
        try network.build(inputShape: [width])
        try network.readWeights(from: try root.group("model_weights"), corrupt)
        if case let .string(trainingText)? = try? root.attribute("training_config") {
            try network.compile(fromTrainingConfig: trainingText)
        }
        return network
    }

    /// Reads each Dense layer's kernel and bias from `model_weights/<layer>/<weight_names…>`.
    private mutating func readWeights(from weights: HDF5Group, _ corrupt: (String) -> LearnError) throws {
        for (index, layer) in layers.enumerated() {
            guard let dense = layer as? Dense else { continue }
            let group = try weights.group(layer.name)
            guard case let .strings(names) = try group.attribute("weight_names"), names.count == (dense.useBias ? 2 : 1) else {
                throw corrupt("layer \(layer.name) does not list its kernel and bias")
            }
            func dataset(_ weightName: String) throws -> (HDF5Group, String) {
                var parts = weightName.split(separator: "/").map(String.init)
                let leaf = parts.removeLast()
                var current = group
                for part in parts { current = try current.group(part) }
                return (current, leaf)
            }
            let (kernelGroup, kernelName) = try dataset(names[0])
            let kernel = try kernelGroup.read(Float.self, from: kernelName, shape: [dense.inputWidth, dense.units])
            guard kernel.allSatisfy(\.isFinite) else { throw corrupt("layer \(layer.name) has non-finite weights") }
            parameters.replaceSubrange(offsets[index]..<(offsets[index] + kernel.count), with: kernel)
            if dense.useBias {
                let (biasGroup, biasName) = try dataset(names[1])
                let bias = try biasGroup.read(Float.self, from: biasName, shape: [dense.units])
                guard bias.allSatisfy(\.isFinite) else { throw corrupt("layer \(layer.name) has non-finite weights") }
                let start = offsets[index] + kernel.count
                parameters.replaceSubrange(start..<(start + bias.count), with: bias)
            }
        }
    }

    /// Compiles from Keras' `training_config` JSON (loss, metrics, Adam or SGD with their settings).
    private mutating func compile(fromTrainingConfig text: String) throws {
        guard let config = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let lossName = config["loss"] as? String, let loss = Loss(kerasName: lossName) else { return }
        let metrics: [Metric] = ((config["metrics"] as? [Any]) ?? []).contains { ($0 as? String) == "accuracy" } ? [.accuracy] : []
        let optimizer = config["optimizer_config"] as? [String: Any]
        let settings = optimizer?["config"] as? [String: Any] ?? [:]
        let rate = settings["learning_rate"] as? Double
        if optimizer?["class_name"] as? String == "SGD" {
            compile(optimizer: SGD(learningRate: rate ?? 0.01, momentum: settings["momentum"] as? Double ?? 0,
                                   nesterov: settings["nesterov"] as? Bool ?? false), loss: loss, metrics: metrics)
        } else {
            compile(optimizer: Adam(learningRate: rate ?? 0.001, beta1: settings["beta_1"] as? Double ?? 0.9,
                                    beta2: settings["beta_2"] as? Double ?? 0.999, epsilon: settings["epsilon"] as? Double ?? 1e-7,
                                    amsgrad: settings["amsgrad"] as? Bool ?? false), loss: loss, metrics: metrics)
        }
    }

    private func modelConfigBody(_ inputShape: [Int]) -> [String: Any] {
        let dtype: [String: Any] = ["module": "keras", "class_name": "DTypePolicy", "config": ["name": "float32"], "registered_name": NSNull()]
        var entries: [[String: Any]] = [[
            "class_name": "InputLayer",
            "config": ["batch_shape": [NSNull()] + inputShape.map { $0 as Any }, "dtype": "float32", "sparse": false, "ragged": false,
                       "name": "input_layer", "optional": false] as [String: Any],
        ]]
        for layer in layers {
            var settings: [String: Any] = ["name": layer.name, "trainable": true, "dtype": dtype]
            if let dense = layer as? Dense {
                settings["units"] = dense.units
                settings["activation"] = dense.activation.kerasName
                settings["use_bias"] = dense.useBias
                settings["kernel_initializer"] = ["module": "keras.initializers", "class_name": "GlorotUniform",
                                                  "config": ["seed": NSNull(), "input_axes": NSNull(), "output_axes": NSNull()], "registered_name": NSNull()]
                settings["bias_initializer"] = ["module": "keras.initializers", "class_name": "Zeros", "config": [String: Any](),
                                                "registered_name": NSNull()]
                for key in ["kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "quantization_config"] {
                    settings[key] = NSNull()
                }
            } else if let dropout = layer as? Dropout {
                settings["rate"] = dropout.rate
                settings["seed"] = NSNull()
                settings["noise_shape"] = NSNull()
            }
            entries.append(["class_name": layer.kerasClassName, "config": settings])
        }
        return ["name": "sequential", "trainable": true, "dtype": dtype, "layers": entries,
                "build_input_shape": [NSNull()] + inputShape.map { $0 as Any }]
    }

    private func trainingConfigBody(_ loss: Loss) -> [String: Any] {
        // The settings every Keras optimizer writes, then each class's own.
        func settings(_ name: String, _ rate: Double, _ own: [String: Any]) -> [String: Any] {
            var common: [String: Any] = [
                "name": name, "learning_rate": rate, "weight_decay": NSNull(), "clipnorm": NSNull(), "global_clipnorm": NSNull(),
                "clipvalue": NSNull(), "use_ema": false, "ema_momentum": 0.99, "ema_overwrite_frequency": NSNull(),
                "loss_scale_factor": NSNull(), "gradient_accumulation_steps": NSNull()]
            common.merge(own) { _, new in new }
            return common
        }
        var optimizerConfig: [String: Any] = ["class_name": "Adam", "config": settings("adam", 0.001, [:])]
        if let adam = optimizer as? Adam {
            optimizerConfig = ["class_name": "Adam", "config": settings("adam", adam.learningRate, [
                "beta_1": adam.beta1, "beta_2": adam.beta2, "epsilon": adam.epsilon, "amsgrad": adam.amsgrad])]
        } else if let sgd = optimizer as? SGD {
            optimizerConfig = ["class_name": "SGD", "config": settings("SGD", sgd.learningRate, ["momentum": sgd.momentum, "nesterov": sgd.nesterov])]
        }
        return ["loss": loss.kerasName, "loss_weights": NSNull(), "metrics": metrics.map(\.rawValue), "weighted_metrics": NSNull(),
                "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false, "optimizer_config": optimizerConfig]
    }

    private func jsonText(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
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
