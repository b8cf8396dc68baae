import Foundation
import LearnCore
import LearnData
import LearnNeural
import LearnSelection
import LearnTestSupport
import Testing

/// The seed article's network on make_classification(12,500 × 20, randomState 0), 10,000 train / 2,500
/// test, 10 epochs with EarlyStopping and ModelCheckpoint: test accuracy within a point of Keras'
/// (`Benchmarks/Reference/keras_seed_network.py` → `Resources/keras_seed_network.json`, mean of 3 seeds).
@Suite struct SeedNetworkTests {
    @Test func matchesKerasAccuracyWithCallbacksAndReloads() throws {
        let url = try #require(
            Bundle.module.url(forResource: "keras_seed_network", withExtension: "json", subdirectory: "Resources"))
        let keras = try JSONValue.load(url).member("mean_test_accuracy").double()
        let (X, y) = try makeClassification(nSamples: 12_500, nFeatures: 20, randomState: 0)
        let split = try trainTestSplit(X, y, testSize: .count(2_500), randomState: 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var net = Sequential(randomState: 0) {
            Dense(1024, activation: .relu)
            Dropout(0.5)
            Dense(512, activation: .relu)
            Dropout(0.5)
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(learningRate: 0.001), loss: .binaryCrossentropy, metrics: [.accuracy])
        let stopper = EarlyStopping(monitor: .valLoss, patience: 3)
        let checkpoint = ModelCheckpoint(
            filepath: directory.path + "/my_model.h5", monitor: .valLoss, saveBestOnly: true)
        let history = try net.fit(
            split.xTrain, split.yTrain, epochs: 10, batchSize: 32, validationSplit: 0.2,
            callbacks: [stopper, checkpoint], verbose: 0)
        let accuracy = try net.evaluate(split.xTest, split.yTest)["accuracy"] ?? 0
        #expect(abs(accuracy - keras) <= 0.01, "test accuracy \(accuracy) vs Keras \(keras)")
        // The checkpoint holds the epoch with the lowest validation loss; it reloads with its predictions.
        let losses = history["val_loss"]
        #expect(!checkpoint.savedPaths.isEmpty && history.epoch.count >= 4)
        let best = try Sequential.load(from: directory.path + "/my_model.h5")
        let validation = try best.evaluate(try split.xTrain.rows(in: 8_000..<10_000), Array(split.yTrain[8_000...]))
        #expect(abs((validation["loss"] ?? .nan) - (losses.min() ?? .nan)) < 1e-5)
        try net.save(to: directory.path + "/final.h5")
        #expect(
            try Sequential.load(from: directory.path + "/final.h5").predict(split.xTest) == net.predict(split.xTest))
    }
}
