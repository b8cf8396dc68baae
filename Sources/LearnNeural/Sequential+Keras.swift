import Foundation
import LearnCore
import LearnHDF5

/// Keras' legacy `.h5` model format (`shared/spec/keras-legacy-h5.md`): what `model.save('x.h5')` writes
/// and `keras.models.load_model` reads — for the layers and optimizers SwiftLearn and Keras share. The
/// pieces live in `Keras/`: the model config, the weights, the optimizer's weights, the training config.
extension Sequential {
    /// The Keras version whose layout these files follow.
    static let kerasLayoutVersion = "3.15.1"

    /// Keras' variable scope of a Sequential's weights (`sequential/dense/kernel`).
    static let kerasScope = "sequential/"

    /// Saves the network as a Keras legacy `.h5` file, atomically (a failed save keeps the previous file).
    /// With `includeOptimizer` (Keras' default) the optimizer's state is saved too, so training resumes
    /// where it stopped after ``load(from:)``.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; `LearnError/io(path:reason:)`.
    public func save(to path: String, includeOptimizer: Bool = true) throws {
        guard let inputShape else { throw LearnError.notFitted(type: "Sequential") }
        let modelConfig = try KerasConfig.jsonText([
            "class_name": "Sequential",
            "config": KerasModelConfig.sequential(
                name: "sequential", layers: layers, inputShape: inputShape, frozen: frozenLayers)
        ])
        let trainingConfig = try loss.map { loss in
            try KerasConfig.jsonText(
                KerasTrainingConfig.body(optimizer: optimizer ?? Adam(), loss: loss.kerasName, metrics: metrics))
        }
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try KerasConfig.writeModelAttributes(
                to: root, modelConfig: modelConfig, trainingConfig: trainingConfig, swiftlearnClass: "Sequential")
            try writeModelWeights(to: try root.createGroup("model_weights"))
            if includeOptimizer, let optimizer, loss != nil, optimizer.iterations > 0 {
                try writeKerasOptimizerWeights(
                    optimizer, to: try root.createGroup("optimizer_weights"), scope: Self.kerasScope)
            }
        }
    }

    /// `model_weights/<layer>/sequential/<layer>/<weight>` datasets, with Keras' name lists.
    func writeModelWeights(to group: HDF5Group) throws { try writeKerasWeights(to: group, scope: Self.kerasScope) }

    /// Loads a Keras legacy `.h5` file written by ``save(to:includeOptimizer:)`` or by Keras itself,
    /// compiled with its training configuration (and optimizer state) when the file has them.
    /// - Throws: `LearnError/io(path:reason:)` for a missing file; `LearnError/corruptFile(path:reason:)`
    ///   for anything else unexpected (another model type, unsupported layers, missing or misshapen weights).
    public static func load(from path: String) throws -> Sequential {
        let file = try HDF5File.open(path)
        let root = try file.root
        func corrupt(_ reason: String) -> LearnError { LearnError.corruptFile(path: path, reason: reason) }
        guard case let .string(configText) = try root.attribute("model_config"),
            let config = KerasConfig.jsonObject(configText), config["class_name"] as? String == "Sequential",
            let body = config["config"] as? [String: Any]
        else {
            throw corrupt("model_config is not a Keras Sequential model")
        }
        var network = Sequential(randomState: 0) { Dense(1) }
        do {
            let (layers, shape, frozen) = try KerasModelConfig.sequentialLayers(body, depth: 0)
            network.layers = layers
            network.frozenLayers = frozen
            try KerasModelConfig.buildProblem("the model") { try network.layOut(inputShape: shape) }
        } catch let problem as KerasConfig.Problem {
            throw corrupt(problem.reason)
        }
        // Every weight's shape and storage is checked before the weights are allocated (layOut allocates none).
        try network.readKerasWeights(from: try root.group("model_weights"), corrupt)
        if case let .string(trainingText)? = try? root.attribute("training_config") {
            let training: KerasTrainingConfig.Training?
            do { training = try KerasTrainingConfig.read(trainingText) } catch let problem as KerasConfig.Problem {
                throw corrupt(problem.reason)
            }
            if let training, let loss = training.loss ?? training.lossPerOutput.values.first,
                training.lossPerOutput.count <= 1
            {
                var optimizer = training.optimizer
                optimizer.prepare(parameterCount: network.trainableParameterCount)
                if root.contains("optimizer_weights") {
                    try network.readKerasOptimizerWeights(
                        into: &optimizer, from: try root.group("optimizer_weights"), corrupt)
                }
                network.optimizer = optimizer
                (network.loss, network.metrics) = (loss, training.metrics)
            }
        }
        return network
    }
}
