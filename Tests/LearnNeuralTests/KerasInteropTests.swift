import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnNeural
import Testing

/// Keras' legacy `.h5` format in both directions: a file Keras wrote (`Resources/keras_model.h5`, made by
/// `Benchmarks/Interop/make_keras_model.py`) loads with Keras' predictions, and our files round-trip.
@Suite struct KerasInteropTests {
    @Test func aFileKerasWroteLoadsWithKerasPredictions() throws {
        let model = try #require(
            Bundle.module.url(forResource: "keras_model", withExtension: "h5", subdirectory: "Resources"))
        let expected = try #require(
            Bundle.module.url(forResource: "keras_model_predictions", withExtension: "json", subdirectory: "Resources"))
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: expected)) as? [String: Any])
        let input = try Matrix<Double>(try #require(reference["input"] as? [[Double]]))
        let predictions = try #require(reference["predictions"] as? [[Double]])
        let network = try Sequential.load(from: model.path)
        #expect(network.layers.map(\.name) == ["dense", "dropout", "dense_1", "dense_2"])
        #expect(network.loss == .sparseCategoricalCrossentropy)
        let ours = try network.predict(input)
        #expect(zip(ours.scalars, predictions.flatMap { $0 }).allSatisfy { abs($0 - $1) <= 1e-5 })
    }

    @Test func ourFilesFollowTheKerasLayoutAndRoundTrip() throws {
        let (X, y) = try makeClassification(nSamples: 200, nFeatures: 6, randomState: 3)
        var net = Sequential(randomState: 1) {
            Dense(16, activation: .relu)
            Dropout(0.3)
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy, metrics: [.accuracy])
        try net.fit(X, y, epochs: 3, verbose: 0)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keras-\(UUID().uuidString).h5").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try net.save(to: path)
        let root = try HDF5File.open(path).root
        #expect(try root.attribute("keras_version") == .string("3.15.1"))
        let weights = try root.group("model_weights")
        #expect(try weights.attribute("layer_names") == .strings(["dense", "dropout", "dense_1"]))
        #expect(
            try weights.group("dense").attribute("weight_names")
                == .strings(["sequential/dense/kernel", "sequential/dense/bias"]))
        #expect(try weights.group("dropout").attribute("weight_names") == .doubles([]))
        #expect(
            try weights.group("dense").group("sequential").group("dense").datasetInfo("kernel")
                == HDF5DatasetInfo(shape: [6, 16], typeName: "float32"))
        let restored = try Sequential.load(from: path)
        #expect(try restored.predict(X) == net.predict(X))
        #expect(restored.loss == .binaryCrossentropy && restored.metrics == [.accuracy])
        #expect(throws: LearnError.notFitted(type: "Sequential")) { try Sequential { Dense(1) }.save(to: path) }
        #expect(throws: LearnError.self) { try Sequential.load(from: path + ".missing") }
    }

    @Test func everyLayerAndOptimizerStateGoToKeras() throws {
        let folder = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let (X, y) = try makeClassification(nSamples: 120, nFeatures: 5, nInformative: 3, nClasses: 3, randomState: 2)
        var net = Sequential(randomState: 3) {
            Dense(8, activation: .relu, kernelRegularizer: .l2(0.01))
            BatchNormalization()
            ActivationLayer(.tanh)
            Dropout(0.2)
            Flatten()
            Dense(3, activation: .softmax)
        }
        net.compile(
            optimizer: RMSprop(learningRate: 0.01, momentum: 0.5, centered: true), loss: .sparseCategoricalCrossentropy,
            metrics: [.accuracy])
        try net.fit(X, y, epochs: 2, batchSize: 16, verbose: 0)
        let path = folder + "/layers_model.h5"
        try net.save(to: path)
        let input = try X.rows(in: 0..<10)
        let predictions = try net.predict(input)
        let reference: [String: Any] = [
            "input": try (0..<10).map { try input.row($0) }, "predictions": predictions.scalars, "iterations": 16
        ]
        try JSONSerialization.data(withJSONObject: reference).write(
            to: URL(fileURLWithPath: folder + "/layers_model_predictions.json"))
        let restored = try Sequential.load(from: path)
        #expect(try restored.predict(input) == predictions)
        #expect(
            restored.layers.map(\.kerasClassName) == [
                "Dense", "BatchNormalization", "Activation", "Dropout", "Flatten", "Dense"
            ])
        #expect(restored.states == net.states && restored.learningRate == Double(Float(0.01)))
    }
}
