import Foundation
import LearnCore
import LearnHDF5

/// Keras' legacy `.h5` model format (`shared/spec/keras-legacy-h5.md`): what `model.save('x.h5')` writes
/// and `keras.models.load_model` reads — for the layers and optimizers SwiftLearn and Keras share.
extension Sequential {
    /// The Keras version whose layout these files follow.
    static let kerasLayoutVersion = "3.15.1"

    /// Saves the network as a Keras legacy `.h5` file, atomically (a failed save keeps the previous file).
    /// With `includeOptimizer` (Keras' default) the optimizer's state is saved too, so training resumes
    /// where it stopped after ``load(from:)``.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; `LearnError/io(path:reason:)`.
    public func save(to path: String, includeOptimizer: Bool = true) throws {
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
            try writeModelWeights(to: try root.createGroup("model_weights"))
            if includeOptimizer, let optimizer, loss != nil, optimizer.iterations > 0 {
                try writeOptimizerWeights(optimizer, to: try root.createGroup("optimizer_weights"))
            }
        }
    }

    /// `model_weights/<layer>/sequential/<layer>/<weight>` datasets, with Keras' name lists.
    func writeModelWeights(to group: HDF5Group) throws {
        try group.setAttribute("backend", .string("tensorflow"), ascii: true)
        try group.setAttribute("keras_version", .string(Self.kerasLayoutVersion), ascii: true)
        try group.setAttribute("layer_names", .strings(layers.map(\.name)), ascii: true)
        let locations = weightLocations()
        for (index, layer) in layers.enumerated() {
            let layerGroup = try group.createGroup(layer.name)
            let own = locations.filter { $0.layer == index }
            guard !own.isEmpty else {
                try layerGroup.setAttribute("weight_names", .doubles([])) // Keras writes an empty float64 array
                continue
            }
            try layerGroup.setAttribute(
                "weight_names", .strings(own.map { "sequential/\(layer.name)/\($0.weight.name)" }), ascii: true)
            let inner = try layerGroup.createGroup("sequential").createGroup(layer.name)
            for location in own {
                try inner.write(values(at: location), shape: location.weight.shape, to: location.weight.name)
            }
        }
        try group.createGroup("top_level_model_weights").setAttribute("weight_names", .doubles([]))
    }

    /// Keras' trainable variables with the prefix Keras gives their optimizer slots (`sequential_dense_kernel`).
    private func trainableVariables() -> [(slotPrefix: String, location: WeightLocation, slots: Range<Int>)] {
        optimizerVariables().map {
            ("sequential_\(layers[$0.location.layer].name)_\($0.location.weight.name)", $0.0, $0.1)
        }
    }

    /// `optimizer_weights/<optimizer>/…`: `iteration`, `learning_rate`, then every slot of every variable.
    private func writeOptimizerWeights(_ optimizer: any Optimizer, to group: HDF5Group) throws {
        let prefix = optimizer.kerasName
        let inner = try group.createGroup(prefix)
        var names = ["\(prefix)/iteration", "\(prefix)/learning_rate"]
        try inner.write([Int64(optimizer.iterations)], shape: [], to: "iteration")
        try inner.write([Float(optimizer.learningRate)], shape: [], to: "learning_rate")
        let variables = trainableVariables()
        for slotGroup in optimizer.slotGroups {
            for (slotPrefix, location, slots) in variables {
                for slot in slotGroup {
                    guard let values = optimizer.slot(slot), values.count == trainableParameterCount else { continue }
                    let name = "\(slotPrefix)_\(slot)"
                    try inner.write(Array(values[slots]), shape: location.weight.shape, to: name)
                    names.append("\(prefix)/\(name)")
                }
            }
        }
        try group.setAttribute("weight_names", .strings(names), ascii: true)
    }

    /// Loads a Keras legacy `.h5` file written by ``save(to:includeOptimizer:)`` or by Keras itself,
    /// compiled with its training configuration (and optimizer state) when the file has them.
    /// - Throws: `LearnError/io(path:reason:)` for a missing file; `LearnError/corruptFile(path:reason:)`
    ///   for anything else unexpected (another model type, unsupported layers, missing or misshapen weights).
    public static func load(from path: String) throws -> Sequential {
        let file = try HDF5File.open(path)
        let root = try file.root
        func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: path, reason: reason) }
        guard case let .string(configText) = try root.attribute("model_config"),
            let config = try? JSONSerialization.jsonObject(with: Data(configText.utf8)) as? [String: Any],
            config["class_name"] as? String == "Sequential", let body = config["config"] as? [String: Any],
            let layerConfigs = body["layers"] as? [[String: Any]]
        else {
            throw corrupt("model_config is not a Keras Sequential model")
        }
        var layers: [any Layer] = []
        var inputShape: [Int]?
        var frozen: Set<String> = []
        do {
            for entry in layerConfigs {
                let settings = entry["config"] as? [String: Any] ?? [:]
                if entry["class_name"] as? String == "InputLayer" {
                    inputShape = try kerasInputShape(settings["batch_shape"] ?? settings["batch_input_shape"], corrupt)
                } else {
                    layers.append(try layer(kerasClass: entry["class_name"] as? String, settings))
                    if settings["trainable"] as? Bool == false { frozen.insert(layers[layers.count - 1].name) }
                }
            }
        } catch let problem as KerasConfig.Problem {
            throw corrupt(problem.reason)
        }
        if inputShape == nil { inputShape = try kerasInputShape(body["build_input_shape"], corrupt) }
        guard let shape = inputShape, !shape.isEmpty, shape.allSatisfy({ $0 > 0 }), !layers.isEmpty else {
            throw corrupt("model_config has no input shape or no layers")
        }
        var network = Sequential(randomState: 0) { Dense(1) }
        network.layers = layers
        network.frozenLayers = frozen
        do {
            try network.layOut(inputShape: shape)
        } catch let limit as LearnError {
            // A resource limit stays one (the caller may raise the limit); other build errors mean a bad file.
            if case .resourceLimit = limit { throw limit }
            throw corrupt("the layers do not fit together: \(limit)")
        } catch { throw corrupt("the layers do not fit together: \(error)") }
        // Every weight's shape and storage is checked before the weights are allocated: a small file must not
        // make the loader allocate (and then fail to fill) the gigabytes its config declares.
        let weights = try root.group("model_weights")
        try network.visitWeights(in: weights, corrupt) { group, name, location in
            try group.validateDataset(Float.self, name, shape: location.weight.shape)
        }
        network.allocateWeights(initialize: false)
        try network.readWeights(from: weights, corrupt)
        if case let .string(trainingText)? = try? root.attribute("training_config") {
            try network.compile(fromTrainingConfig: trainingText, corrupt)
            if root.contains("optimizer_weights") {
                try network.readOptimizerWeights(from: try root.group("optimizer_weights"), corrupt)
            }
        }
        return network
    }

    /// A Keras batch shape `[null, d₁, …]` without its batch axis; every dimension must be a positive integer
    /// (a dimension JSON cannot give as `Int`, such as `1e30`, is refused rather than dropped).
    private static func kerasInputShape(_ value: Any?, _ corrupt: (String) -> LearnError) throws -> [Int]? {
        guard let entries = value as? [Any] else { return nil }
        let dimensions = entries.dropFirst().map { $0 as? Int }
        guard dimensions.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw corrupt("batch shape \(entries) must list positive integers")
        }
        return dimensions.compactMap { $0 }
    }

    /// The layer a `model_config` entry describes.
    private static func layer(kerasClass: String?, _ settings: [String: Any]) throws -> any Layer {
        let name = settings["name"] as? String ?? ""
        switch kerasClass {
        case "Dense": return try Dense(kerasConfig: settings, name: name)
        case "Dropout": return Dropout(settings["rate"] as? Double ?? 0, name: name)
        case "Flatten": return Flatten(name: name)
        case "BatchNormalization": return try BatchNormalization(kerasConfig: settings, name: name)
        case "Conv2D": return try Conv2D(kerasConfig: settings, name: name)
        case "MaxPooling2D":
            var layer = MaxPooling2D(name: name)
            layer.engine = try Pooling2D(kerasConfig: settings, kind: .max, className: "MaxPooling2D", name: name)
            return layer
        case "AveragePooling2D":
            var layer = AveragePooling2D(name: name)
            layer.engine = try Pooling2D(
                kerasConfig: settings, kind: .average, className: "AveragePooling2D", name: name)
            return layer
        case "GlobalAveragePooling2D": return GlobalAveragePooling2D(name: name)
        case "Conv1D": return try Conv1D(kerasConfig: settings, name: name)
        case "MaxPooling1D":
            let pool = (settings["pool_size"] as? [Int])?.first ?? settings["pool_size"] as? Int ?? 2
            let strides = (settings["strides"] as? [Int])?.first ?? settings["strides"] as? Int
            guard let padding = Padding(rawValue: settings["padding"] as? String ?? "valid") else {
                throw KerasConfig.unsupported("MaxPooling1D", name)
            }
            return MaxPooling1D(pool, strides: strides, padding: padding, name: name)
        case "GlobalMaxPooling1D": return GlobalMaxPooling1D(name: name)
        case "Rescaling":
            guard let scale = settings["scale"] as? Double else { throw KerasConfig.unsupported("Rescaling", name) }
            return Rescaling(scale, offset: settings["offset"] as? Double ?? 0, name: name)
        case "Normalization": return Normalization(name: name)
        case "RandomCrop":
            guard let height = settings["height"] as? Int, let width = settings["width"] as? Int else {
                throw KerasConfig.unsupported("RandomCrop", name)
            }
            return RandomCrop(height: height, width: width, name: name)
        case "RandomTranslation", "RandomRotation":
            let fill = FillMode(rawValue: settings["fill_mode"] as? String ?? "reflect")
            let interpolation = Interpolation(rawValue: settings["interpolation"] as? String ?? "bilinear")
            let value = settings["fill_value"] as? Double ?? 0
            if kerasClass == "RandomRotation", let factor = FactorRange(keras: settings["factor"]), let fill,
                let interpolation
            {
                return RandomRotation(
                    factor, fillMode: fill, interpolation: interpolation, fillValue: value, name: name)
            }
            if let height = FactorRange(keras: settings["height_factor"]),
                let width = FactorRange(keras: settings["width_factor"]), let fill, let interpolation
            {
                return RandomTranslation(
                    heightFactor: height, widthFactor: width, fillMode: fill, interpolation: interpolation,
                    fillValue: value, name: name)
            }
            throw KerasConfig.unsupported(kerasClass ?? "?", name)
        case "RandomFlip":
            guard let mode = FlipMode(rawValue: settings["mode"] as? String ?? "horizontal_and_vertical") else {
                throw KerasConfig.unsupported("RandomFlip", name)
            }
            return RandomFlip(mode, name: name)
        case "Embedding":
            guard let inputDim = settings["input_dim"] as? Int, let outputDim = settings["output_dim"] as? Int,
                settings["mask_zero"] as? Bool != true
            else {
                throw KerasConfig.unsupported("Embedding", name)
            }
            return Embedding(inputDim: inputDim, outputDim: outputDim, name: name)
        case "GlobalMaxPooling2D": return GlobalMaxPooling2D(name: name)
        case "ZeroPadding2D": return try ZeroPadding2D(kerasConfig: settings, name: name)
        case "Reshape":
            guard let shape = settings["target_shape"] as? [Int] else { throw KerasConfig.unsupported("Reshape", name) }
            return Reshape(shape, name: name)
        case "Activation":
            guard let activation = Activation(kerasName: settings["activation"] as? String ?? "") else {
                throw KerasConfig.unsupported("Activation", name)
            }
            return ActivationLayer(activation, name: name)
        case let other:
            throw KerasConfig.Problem(
                reason: "layer \(name) of class \(other ?? "?") is not supported by SwiftLearn yet")
        }
    }

    /// Reads every layer's weights from `model_weights/<layer>/<weight_names…>`.
    mutating func readWeights(from weights: HDF5Group, _ corrupt: (String) -> LearnError) throws {
        var read: [(WeightLocation, [Float])] = [] // set after the walk, which reads `self`
        try visitWeights(in: weights, corrupt) { group, name, location in
            let values = try group.read(Float.self, from: name, shape: location.weight.shape)
            guard values.allSatisfy(\.isFinite) else {
                throw corrupt("layer \(layers[location.layer].name) has non-finite weights")
            }
            read.append((location, values))
        }
        for (location, values) in read { setValues(values, at: location) }
    }

    /// Calls `body` with the group, dataset name and location of every weight that Keras' `model_weights`
    /// lists (`<layer>/weight_names`, each a path below the layer's group).
    func visitWeights(
        in weights: HDF5Group, _ corrupt: (String) -> LearnError,
        _ body: (HDF5Group, String, WeightLocation) throws -> Void
    ) throws {
        let locations = weightLocations()
        for (index, layer) in layers.enumerated() {
            let own = locations.filter { $0.layer == index }
            guard !own.isEmpty else { continue }
            let group = try weights.group(layer.name)
            guard case let .strings(names) = try group.attribute("weight_names"), names.count == own.count else {
                throw corrupt("layer \(layer.name) does not list its \(own.count) weights")
            }
            for (weightName, location) in zip(names, own) {
                guard let (parent, leaf) = try Self.parentAndLeaf(weightName, below: group) else {
                    throw corrupt("layer \(layer.name) lists an empty weight name \"\(weightName)\"")
                }
                try body(parent, leaf, location)
            }
        }
    }

    /// Restores `iteration`, `learning_rate` and the slots from `optimizer_weights`, in the order its
    /// `weight_names` lists them — as Keras reads them back. The names themselves are not assumed: Keras
    /// prefixes them with the optimizer's name (`adam`, `adam_1` for a session's second Adam, or the name the
    /// user gave) and the slots with the model's (`my_net_dense_kernel_momentum`), so only the order, the
    /// slot suffix and the shape are checked.
    private mutating func readOptimizerWeights(from group: HDF5Group, _ corrupt: (String) -> LearnError) throws {
        guard var optimizer else { return }
        let variables = trainableVariables()
        var expected: [(slot: String, location: WeightLocation, slots: Range<Int>)] = []
        for slotGroup in optimizer.slotGroups {
            for (_, location, slots) in variables {
                for slot in slotGroup { expected.append((slot, location, slots)) }
            }
        }
        guard case let .strings(names) = try group.attribute("weight_names"), names.count == 2 + expected.count else {
            throw corrupt(
                "optimizer_weights does not list the \(2 + expected.count) variables of \(optimizer.kerasName) "
                    + "(iteration, learning_rate, \(expected.count) slots)")
        }
        // The step count and rate first: a bad file fails before the slots are read.
        guard names[0].hasSuffix("iteration"), names[1].hasSuffix("learning_rate") else {
            throw corrupt("optimizer_weights does not start with iteration and learning_rate")
        }
        let iteration = try read(Int64.self, names[0], in: group, shape: [], corrupt)
        let rate = try read(Float.self, names[1], in: group, shape: [], corrupt)
        // Steps beyond 2^53 are inexact in the Double bias corrections; Int.max would overflow on the next step.
        guard let steps = iteration.first, (0...(Int64(1) << 53)).contains(steps) else {
            throw corrupt("optimizer iteration \(iteration.first.map(String.init) ?? "missing") is outside 0...2^53")
        }
        guard let learningRate = rate.first, learningRate.isFinite, learningRate > 0 else {
            throw corrupt("optimizer learning rate out of range")
        }
        let count = trainableParameterCount
        optimizer.prepare(parameterCount: count)
        var slots: [String: [Float]] = [:]
        for (name, entry) in zip(names.dropFirst(2), expected) {
            guard name.hasSuffix("_" + entry.slot) else {
                throw corrupt("optimizer variable \(name) is not the \(entry.slot) slot expected in that place")
            }
            let part = try read(Float.self, name, in: group, shape: entry.location.weight.shape, corrupt)
            guard part.allSatisfy(\.isFinite) else { throw corrupt("optimizer variable \(name) has non-finite values") }
            slots[entry.slot, default: [Float](repeating: 0, count: count)].replaceSubrange(entry.slots, with: part)
        }
        for slot in optimizer.slotGroups.joined() {
            try optimizer.setSlot(slot, to: slots[slot] ?? [Float](repeating: 0, count: count))
        }
        optimizer.iterations = Int(steps)
        optimizer.learningRate = Double(learningRate)
        self.optimizer = optimizer
    }

    /// The dataset at `path` (`adam_1/my_net_dense_kernel_momentum`) below `group`, checked to have `shape`.
    private func read<T: HDF5Scalar>(
        _ type: T.Type, _ path: String, in group: HDF5Group, shape: [Int], _ corrupt: (String) -> LearnError
    ) throws -> [T] {
        guard let (parent, leaf) = try Self.parentAndLeaf(path, below: group) else {
            throw corrupt("optimizer_weights lists an empty name \"\(path)\"")
        }
        return try parent.read(type, from: leaf, shape: shape)
    }

    /// The group holding the dataset a Keras weight name (`sequential/dense/kernel`) names below `group`,
    /// and the dataset's own name; nil for a name with no components (`""`, `"/"`).
    private static func parentAndLeaf(_ path: String, below group: HDF5Group) throws -> (HDF5Group, String)? {
        var parts = path.split(separator: "/").map(String.init)
        guard let leaf = parts.popLast() else { return nil }
        var current = group
        for part in parts { current = try current.group(part) }
        return (current, leaf)
    }

    /// Compiles from Keras' `training_config` JSON (loss, metrics, optimizer with its settings).
    private mutating func compile(fromTrainingConfig text: String, _ corrupt: (String) -> LearnError) throws {
        guard let config = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let lossName = config["loss"] as? String, let loss = Loss(kerasName: lossName)
        else { return }
        let metrics = ((config["metrics"] as? [Any]) ?? []).compactMap {
            ($0 as? String).flatMap(Metric.init(rawValue:))
        }
        let entry = config["optimizer_config"] as? [String: Any]
        let settings = entry?["config"] as? [String: Any] ?? [:]
        func value(_ key: String, _ fallback: Double) -> Double { settings[key] as? Double ?? fallback }
        let rate = settings["learning_rate"] as? Double
        let decay = settings["weight_decay"] as? Double
        let optimizer: any Optimizer
        switch entry?["class_name"] as? String {
        case "SGD":
            optimizer = SGD(
                learningRate: rate ?? 0.01, momentum: value("momentum", 0),
                nesterov: settings["nesterov"] as? Bool ?? false,
                weightDecay: decay)
        case "RMSprop":
            optimizer = RMSprop(
                learningRate: rate ?? 0.001, rho: value("rho", 0.9), momentum: value("momentum", 0),
                epsilon: value("epsilon", 1e-7), centered: settings["centered"] as? Bool ?? false, weightDecay: decay)
        case "Adagrad":
            optimizer = Adagrad(
                learningRate: rate ?? 0.001, initialAccumulatorValue: value("initial_accumulator_value", 0.1),
                epsilon: value("epsilon", 1e-7), weightDecay: decay)
        case "Adam", nil:
            optimizer = Adam(
                learningRate: rate ?? 0.001, beta1: value("beta_1", 0.9), beta2: value("beta_2", 0.999),
                epsilon: value("epsilon", 1e-7), amsgrad: settings["amsgrad"] as? Bool ?? false, weightDecay: decay)
        case let other?:
            throw corrupt("optimizer \(other) is not supported by SwiftLearn yet")
        }
        compile(optimizer: optimizer, loss: loss, metrics: metrics)
    }

    private func modelConfigBody(_ inputShape: [Int]) -> [String: Any] {
        let dtype: [String: Any] = [
            "module": "keras", "class_name": "DTypePolicy", "config": ["name": "float32"], "registered_name": NSNull()
        ]
        let batchShape = [NSNull()] + inputShape.map { $0 as Any }
        var entries: [[String: Any]] = [
            [
                "class_name": "InputLayer",
                "config": [
                    "batch_shape": batchShape, "dtype": "float32", "sparse": false, "ragged": false,
                    "name": "input_layer", "optional": false
                ] as [String: Any]
            ]
        ]
        for layer in layers {
            var settings = layer.kerasConfig
            settings.merge(["name": layer.name, "trainable": isTrainable(layer: layer.name), "dtype": dtype]) {
                _, common in common
            }
            entries.append(["class_name": layer.kerasClassName, "config": settings])
        }
        return [
            "name": "sequential", "trainable": true, "dtype": dtype, "layers": entries, "build_input_shape": batchShape
        ]
    }

    private func trainingConfigBody(_ loss: Loss) -> [String: Any] {
        let optimizer: any Optimizer = self.optimizer ?? Adam()
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
            "loss": loss.kerasName, "loss_weights": NSNull(), "metrics": metrics.map(\.rawValue),
            "weighted_metrics": NSNull(),
            "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false,
            "optimizer_config": ["class_name": optimizer.kerasClassName, "config": settings]
        ]
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
