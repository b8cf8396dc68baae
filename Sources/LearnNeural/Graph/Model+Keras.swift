import Foundation
import LearnCore
import LearnHDF5

/// Keras' legacy `.h5` format for functional models (`shared/spec/keras-functional-h5.md`): a
/// `Functional` `model_config` whose layers list their calls (`inbound_nodes`), and `model_weights` named
/// `<layer>/<layer>/<weight>` (`<model>/<model>/<layer>/<weight>` for a nested Sequential).
extension Model {
    /// Saves the model as a Keras legacy `.h5` file, atomically (a failed save keeps the previous file),
    /// which `keras.models.load_model` reads; nested models are saved inside it as Keras nests them.
    ///
    /// ```swift
    /// let inputs = Input(shape: [3])
    /// let model = try Model(inputs: inputs, outputs: Dense(1)(Dense(4, activation: .relu)(inputs)), randomState: 0)
    /// try model.save(to: "functional.h5")
    /// let restored = try Model.load(from: "functional.h5")
    /// print(restored.layers.map(\.name), restored.parameters == model.parameters)
    /// ```
    /// <!-- doctest: output -->
    /// ```text
    /// ["dense", "dense_1"] true
    /// ```
    /// A compiled model also writes its `training_config` (losses by output, loss weights, metrics,
    /// optimizer) and, with `includeOptimizer` (Keras' default) after training, the optimizer's state, so
    /// that training resumes where it stopped after ``load(from:)``.
    /// - Throws: `LearnError/io(path:reason:)`.
    public func save(to path: String, includeOptimizer: Bool = true) throws {
        let modelConfig = try KerasConfig.jsonText([
            "class_name": "Functional",
            "config": KerasModelConfig.functional(
                name: name, inputNames: inputNames, layers: layers, plan: plan, frozen: frozenLayers)
        ])
        let trainingConfig = try optimizer.flatMap { optimizer -> String? in
            guard losses.count == outputNames.count, !losses.isEmpty else { return nil }
            let single = outputNames.count == 1
            let loss: Any =
                single
                ? losses[0].kerasName : Dictionary(zip(outputNames, losses.map(\.kerasName))) { first, _ in first }
            let weights: Any =
                single && lossWeights.allSatisfy({ $0 == 1 })
                ? NSNull() : Dictionary(zip(outputNames, lossWeights.map(Double.init))) { first, _ in first }
            return try KerasConfig.jsonText(
                KerasTrainingConfig.body(optimizer: optimizer, loss: loss, lossWeights: weights, metrics: metrics))
        }
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try KerasConfig.writeModelAttributes(
                to: root, modelConfig: modelConfig, trainingConfig: trainingConfig, swiftlearnClass: "Model")
            try writeKerasWeights(to: try root.createGroup("model_weights"), scope: "", inputNames: inputNames)
            if includeOptimizer, trainingConfig != nil, let optimizer, optimizer.iterations > 0 {
                try writeKerasOptimizerWeights(optimizer, to: try root.createGroup("optimizer_weights"), scope: "")
            }
        }
    }

    /// Saves the weights alone in Keras' legacy weights layout (`layer_names` at the root, one group per
    /// layer), which Keras' `model.load_weights("x.h5")` reads; atomic like ``save(to:includeOptimizer:)``.
    /// - Throws: `LearnError/io(path:reason:)`.
    public func saveWeights(to path: String) throws {
        try HDF5File.writeAtomically(to: path) { file in
            try writeKerasWeights(to: try file.root, scope: "", inputNames: inputNames)
        }
    }

    /// Loads a functional model from a Keras legacy `.h5` file written by ``save(to:includeOptimizer:)`` or
    /// by Keras (`inbound_nodes` in Keras 3's form or Keras 2's lists), nested Sequential and functional
    /// models included; compiled with the file's `training_config` (and optimizer state) when it has one
    /// whose losses SwiftLearn knows.
    /// - Throws: `LearnError/io(path:reason:)` for a missing file; `LearnError/corruptFile(path:reason:)`
    ///   for anything else unexpected (not a functional model, an unsupported layer, a cycle, a call of an
    ///   unknown layer, missing or misshapen weights).
    public static func load(from path: String) throws -> Model {
        let root = try HDF5File.open(path).root
        func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: path, reason: reason) }
        guard case let .string(configText) = try root.attribute("model_config"),
            let config = KerasConfig.jsonObject(configText),
            ["Functional", "Model"].contains(config["class_name"] as? String ?? ""),
            let body = config["config"] as? [String: Any]
        else {
            throw corrupt("model_config is not a Keras functional model")
        }
        var model: Model
        do {
            model = try KerasModelConfig.functional(body, depth: 0)
        } catch let problem as KerasConfig.Problem {
            throw corrupt(problem.reason)
        }
        try model.readKerasWeights(from: try root.group("model_weights"), corrupt)
        if case let .string(trainingText)? = try? root.attribute("training_config") {
            try model.compile(fromTrainingConfig: trainingText, optimizerWeights: root, corrupt)
        }
        return model
    }

    /// Compiles from Keras' `training_config` and restores the optimizer's state from `optimizer_weights`.
    private mutating func compile(
        fromTrainingConfig text: String, optimizerWeights root: HDF5Group, _ corrupt: (String) -> LearnError
    ) throws {
        let training: KerasTrainingConfig.Training?
        do { training = try KerasTrainingConfig.read(text) } catch let problem as KerasConfig.Problem {
            throw corrupt(problem.reason)
        }
        guard let training else { return }
        // Lists name the outputs in order; they must have one entry per output.
        for count in [training.lossList.count, training.lossWeightList.count] where count > 0 {
            guard count == outputNames.count else {
                throw corrupt("training_config lists \(count) losses or weights for \(outputNames.count) outputs")
            }
        }
        let weights =
            training.lossWeightList.isEmpty
            ? training.lossWeights
            : Dictionary(zip(outputNames, training.lossWeightList)) { first, _ in first }
        do {
            if let loss = training.loss {
                try compile(optimizer: training.optimizer, loss: loss, lossWeights: weights, metrics: training.metrics)
            } else {
                let losses =
                    training.lossList.isEmpty
                    ? training.lossPerOutput : Dictionary(zip(outputNames, training.lossList)) { first, _ in first }
                try compile(
                    optimizer: training.optimizer, loss: losses, lossWeights: weights, metrics: training.metrics)
            }
        } catch let error as LearnError {
            throw corrupt("training_config does not fit the model's outputs \(outputNames): \(error)")
        }
        guard root.contains("optimizer_weights"), var optimizer else { return }
        try readKerasOptimizerWeights(into: &optimizer, from: try root.group("optimizer_weights"), corrupt)
        self.optimizer = optimizer
    }
}
