import Foundation
import LearnCore
import LearnHDF5
import LearnTestSupport
import Testing

@testable import LearnNeural

/// `Model.fit` on the one training engine equals Keras 3: one epoch of `fit(shuffle=False)` from Keras'
/// initial weights gives Keras' weights, optimizer slots, epoch logs and predictions (golden files of
/// `Benchmarks/Interop/make_keras_functional_models.py`).
@Suite struct ModelTrainingTests {
    /// Float32 arithmetic in a different order than TensorFlow's: 1e-4 absolute covers one epoch here.
    static let tolerance = 1e-4

    static func targets(_ model: Model, _ y: JSONValue) throws -> [Matrix<Double>] {
        let parts = model.outputNames.count == 1 ? [y] : try model.outputNames.map { try y.member($0) }
        return try parts.map { part in
            let values = try GraphModelTests.flat(part)
            let rows = try part.array().count
            return try Matrix(rows: rows, columns: values.count / rows, scalars: values)
        }
    }

    /// Golden model `name` with Keras' initial weights, compiled as Keras compiled it, and its reference.
    static func kerasStart(_ name: String) throws -> (Model, JSONValue) {
        var model = try KerasFunctionalModels.model(name)
        let reference = try GraphModelTests.reference(name)
        try GraphModelTests.setKerasWeights(&model, try reference.member("initial_weights"))
        try KerasFunctionalModels.compile(&model, name)
        return (model, reference)
    }

    @Test(arguments: ["residual_mlp", "two_branch", "shared_layer", "merge_zoo", "multi_output", "residual_cnn"])
    func oneEpochEqualsKeras(_ name: String) throws {
        var (model, reference) = try Self.kerasStart(name)
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try Self.targets(model, try reference.member("y"))
        let history = try model.fit(
            x, y, epochs: 1, batchSize: try reference.member("batch_size").int(), shuffle: false, verbose: 0)
        // Every log Keras wrote (loss, per-output losses, metrics), and no other.
        guard case .object(let logs) = try reference.member("history") else {
            throw LearnError.emptyInput(operation: name)
        }
        #expect(Set(history.history.keys) == Set(logs.keys), "\(name) log keys")
        for (key, values) in logs {
            expectClose(history[key], try GraphModelTests.flat(values), tolerance: Self.tolerance, "\(name) \(key)")
        }
        // Weights after the epoch, trainable and moving statistics.
        var expected = try KerasFunctionalModels.model(name)
        try GraphModelTests.setKerasWeights(&expected, try reference.member("weights_after_epoch"))
        expectClose(
            model.parameters.map(Double.init), expected.parameters.map(Double.init), tolerance: Self.tolerance,
            "\(name) weights")
        expectClose(
            model.states.map(Double.init), expected.states.map(Double.init), tolerance: Self.tolerance,
            "\(name) moving statistics")
        #expect(model.optimizer?.iterations == (try reference.member("steps").int()))
        let predictions = try model.predict(x)
        let trained = try reference.member("trained_predictions")
        for (got, want) in zip(predictions, model.outputNames.count == 1 ? [trained] : try trained.array()) {
            expectClose(got.scalars, try GraphModelTests.flat(want), tolerance: Self.tolerance, "\(name) predictions")
        }
    }

    /// Both Adam slots after the epoch equal the ones Keras saved (`optimizer_weights/adam/<layer>_<weight>_…`).
    @Test func adamSlotsEqualKeras() throws {
        var (model, reference) = try Self.kerasStart("residual_mlp")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try Self.targets(model, try reference.member("y"))
        try model.fit(x, y, epochs: 1, batchSize: 16, shuffle: false, verbose: 0)
        let url = try #require(
            Bundle.module.url(forResource: "residual_mlp", withExtension: "h5", subdirectory: GraphModelTests.folder))
        let adam = try HDF5File.open(url.path).root.group("optimizer_weights").group("adam")
        for slot in ["momentum", "velocity"] {
            let ours = try #require(model.optimizer?.slot(slot))
            var keras: [Double] = []
            for layer in model.layers {
                for weight in layer.weights where weight.trainable {
                    keras += try adam.read(Float.self, from: "\(layer.name)_\(weight.name)_\(slot)").values.map(
                        Double.init)
                }
            }
            expectClose(ours.map(Double.init), keras, tolerance: Self.tolerance, "Adam \(slot)")
        }
    }

    /// `evaluate` reports Keras' loss keys; `trainOnBatch` on the whole data as one batch moves the weights
    /// exactly as one `fit` step of that batch; `testOnBatch` equals `evaluate` on the same rows.
    @Test func evaluateAndOnBatchCallsAgreeWithFit() throws {
        var (model, reference) = try Self.kerasStart("multi_output")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try Self.targets(model, try reference.member("y"))
        let evaluated = try model.evaluate(x, y, batchSize: 7)
        #expect(Set(evaluated.keys) == ["loss", "cls_loss", "reg_loss"])
        expectClose(
            [evaluated["loss"]!], [evaluated["cls_loss"]! + 0.5 * evaluated["reg_loss"]!], tolerance: 1e-6,
            "weighted total")
        let tested = try model.testOnBatch(x, y)
        for key in evaluated.keys { expectClose([tested[key]!], [evaluated[key]!], tolerance: 1e-6, key) }
        var fitted = model
        try fitted.fit(x, y, epochs: 1, batchSize: 48, shuffle: false, verbose: 0)
        let logs = try model.trainOnBatch(x, y)
        #expect(model.parameters == fitted.parameters)
        expectClose(
            [logs["loss"]!], [tested["loss"]!], tolerance: 1e-6, "trainOnBatch loss is the loss before the step")
        let batch = try model.predictOnBatch(x)
        #expect(batch.map(\.scalars) == (try model.predict(x)).map(\.scalars))
    }

    /// Sequential's batch calls run on the same engine: `trainOnBatch` is one `fit` step of that batch.
    @Test func sequentialOnBatchCallsAgreeWithFit() throws {
        var net = Sequential(randomState: 3) {
            Dense(4, activation: .tanh)
            Dense(3, activation: .softmax)
        }
        net.compile(optimizer: Adam(learningRate: 0.05), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let x = try Matrix<Double>([[0, 1], [1, 0], [1, 1], [0.5, -1], [-1, 0.2]])
        let y = [0, 1, 2, 1, 0]
        try net.build(inputShape: [2])
        var fitted = net
        let history = try fitted.fit(x, y, epochs: 1, batchSize: 5, shuffle: false, verbose: 0)
        let before = try net.testOnBatch(x, y)
        let logs = try net.trainOnBatch(x, y)
        #expect(net.parameters == fitted.parameters)
        #expect(logs["loss"] == history["loss"].first && logs["accuracy"] == history["accuracy"].first)
        expectClose([logs["loss"]!], [before["loss"]!], tolerance: 1e-6, "loss before the step")
        #expect(try net.predictOnBatch(x).scalars == (try net.predict(x)).scalars)
        #expect(throws: LearnError.self) { try net.trainOnBatch(x, [0, 1, 2, 3, 0]) } // label 3 of 3 outputs
    }

    /// Callbacks see a functional model too: EarlyStopping restores the best weights through the `Network`
    /// protocol, and a custom callback reads the model's layers.
    @Test func callbacksRunOnFunctionalModels() throws {
        final class LayerCounter: Callback {
            var counts: [Int] = []
            override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
                -> CallbackAction
            {
                counts.append(model.layers.count)
                return .proceed
            }
        }
        var (model, reference) = try Self.kerasStart("residual_mlp")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try Self.targets(model, try reference.member("y"))
        let counter = LayerCounter()
        let stopping = EarlyStopping(monitor: .loss, patience: 1, restoreBestWeights: true)
        let history = try model.fit(
            x, y, epochs: 30, batchSize: 16, shuffle: false, callbacks: [counter, stopping], verbose: 0)
        #expect(counter.counts == Array(repeating: 4, count: history.epoch.count))
        #expect(history.epoch.count >= 2)
    }

    /// Bad calls are errors naming what is wrong, not traps.
    @Test func badTrainingInputIsAnError() throws {
        var (model, reference) = try Self.kerasStart("multi_output")
        let x = try GraphModelTests.kerasInputs(model, try reference.member("x"))
        let y = try Self.targets(model, try reference.member("y"))
        #expect(throws: LearnError.self) { try model.fit(x, [y[0]], verbose: 0) } // one target for two outputs
        #expect(throws: LearnError.self) { try model.fit(x, [y[1], y[0]], verbose: 0) } // swapped widths
        #expect(throws: LearnError.self) { try model.fit(x, y, batchSize: 0, verbose: 0) }
        #expect(throws: LearnError.self) { try model.fit(x, y, sampleWeight: [1, 2], verbose: 0) }
        let bad = try Matrix(rows: 48, columns: 1, scalars: Array(repeating: 2.0, count: 48))
        #expect(throws: LearnError.self) { try model.fit(x, [bad, y[1]], verbose: 0) } // label 2 for a sigmoid
        #expect(throws: LearnError.self) {
            try model.compile(optimizer: Adam(), loss: ["cls": .binaryCrossentropy]) // no loss for reg
        }
        #expect(throws: LearnError.self) {
            try model.compile(optimizer: Adam(), loss: .meanSquaredError, lossWeights: ["nope": 1])
        }
        var uncompiled = try KerasFunctionalModels.model("multi_output")
        #expect(throws: LearnError.self) { try uncompiled.fit(x, y, verbose: 0) }
    }
}
