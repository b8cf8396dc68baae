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
    /// - Parameter includeOptimizer: Keras' flag; a model carries no optimizer state yet, so only the
    ///   architecture and weights are written either way.
    /// - Throws: `LearnError/io(path:reason:)`.
    public func save(to path: String, includeOptimizer: Bool = true) throws {
        let modelConfig = try KerasConfig.jsonText([
            "class_name": "Functional",
            "config": KerasModelConfig.functional(
                name: name, inputNames: inputNames, layers: layers, plan: plan, nodeKwargs: [:])
        ])
        try HDF5File.writeAtomically(to: path) { file in
            let root = try file.root
            try root.setAttribute("backend", .string("tensorflow"))
            try root.setAttribute("keras_version", .string(Sequential.kerasLayoutVersion))
            try root.setAttribute("model_config", .string(modelConfig), ascii: true)
            try root.setAttribute("swiftlearn_class", .string("Model"))
            try root.setAttribute("swiftlearn_version", .string(SwiftLearnVersion.string))
            try writeKerasWeights(to: try root.createGroup("model_weights"), scope: "", inputNames: inputNames)
        }
    }

    /// Loads a functional model from a Keras legacy `.h5` file written by ``save(to:includeOptimizer:)`` or
    /// by Keras (`inbound_nodes` in Keras 3's form or Keras 2's lists), nested Sequential and functional
    /// models included. The architecture and weights are read; a `training_config` is not (yet) applied.
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
        return model
    }
}
