import Foundation
import LearnCore
import LearnData
import LearnNeural
import LearnSelection
import Testing

/// Convolutional networks end to end: the digits CNN of the seed articles, tensors in and out, files, errors.
@Suite struct ConvolutionalNetworkTests {
    /// The digits as `[n, 8, 8, 1]` images scaled to [0, 1], split stratified 80/20 with randomState 42.
    static func digits() throws -> (train: Tensor<Double>, test: Tensor<Double>, yTrain: [Int], yTest: [Int]) {
        let digits = try loadDigits()
        let images = try #require(digits.images)
        let (train, test) = try trainTestSplitIndices(
            nSamples: images.shape[0], testSize: 0.2, randomState: 42, stratify: digits.target)
        func pick(_ rows: [Int]) throws -> Tensor<Double> {
            try Tensor(
                shape: [rows.count, 8, 8, 1],
                scalars: rows.flatMap { images.scalars[($0 * 64)..<(($0 + 1) * 64)].map { $0 / 16 } })
        }
        return (try pick(train), try pick(test), train.map { digits.target[$0] }, test.map { digits.target[$0] })
    }

    static func digitsCNN(_ seed: Int) -> Sequential {
        var net = Sequential(randomState: seed) {
            Conv2D(32, kernelSize: 3, activation: .relu)
            MaxPooling2D(2)
            Flatten()
            Dense(64, activation: .relu)
            Dense(10, activation: .softmax)
        }
        net.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        return net
    }

    @Test func theDigitsCNNReachesKerasAccuracyAndReloads() throws {
        let (train, test, yTrain, yTest) = try Self.digits()
        var net = Self.digitsCNN(0)
        try net.fit(train, yTrain, epochs: 20, batchSize: 32, verbose: 0)
        let accuracy = try net.evaluate(test, yTest)["accuracy"] ?? 0
        // Keras 3.15.1 reaches 0.9685 on this split (mean of three seeds, Benchmarks/Reference/accuracy_keras.py).
        #expect(accuracy >= 0.96, "test accuracy \(accuracy)")
        let summary = try net.summary()
        #expect(summary.contains("│ conv2d (Conv2D)                 │ (None, 6, 6, 32)       │           320 │"))
        #expect(summary.contains("│ max_pooling2d (MaxPooling2D)    │ (None, 3, 3, 32)       │             0 │"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-cnn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("digits.h5").path
        try net.save(to: path)
        let restored = try Sequential.load(from: path)
        #expect(
            restored.inputShape == [8, 8, 1]
                && restored.layers.map(\.kerasClassName) == ["Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"])
        #expect(try restored.predict(test) == net.predict(test))
        // The Keras side of the same file: `make interop-keras` loads it and compares predictions.
        let folder = ProcessInfo.processInfo.environment["SWIFTLEARN_INTEROP_DIR"] ?? "/tmp/swiftlearn-interop"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try net.save(to: folder + "/digits_cnn.h5")
        let sample = try Tensor(shape: [5, 8, 8, 1], scalars: Array(test.scalars[0..<(5 * 64)]))
        let reference: [String: Any] = [
            "input": try (0..<5).map { n in
                try (0..<8).map { y in try (0..<8).map { x in [try sample.element(at: [n, y, x, 0])] } }
            },
            "predictions": try net.predict(sample).scalars
        ]
        try JSONSerialization.data(withJSONObject: reference).write(
            to: URL(fileURLWithPath: folder + "/digits_cnn_predictions.json"))
    }

    @Test func imageShapesAreCheckedBetweenFitAndPredict() throws {
        var net = Sequential(randomState: 1) {
            Conv2D(2, kernelSize: 2)
            Flatten()
            Dense(1, activation: .sigmoid)
        }
        net.compile(optimizer: Adam(), loss: .binaryCrossentropy)
        let images = try Tensor<Double>(shape: [4, 5, 5, 3], scalars: (0..<300).map { Double($0 % 7) / 7 })
        try net.fit(images, [0, 1, 1, 0], epochs: 2, verbose: 0)
        #expect(net.inputShape == [5, 5, 3])
        let oneChannel = try Tensor<Double>(shape: [2, 5, 5, 1], scalars: [Double](repeating: 0.5, count: 50))
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "Sequential.predict", expected: "samples of shape [5, 5, 3] (as the network was built for)",
                got: "[5, 5, 1]")
        ) { try net.predict(oneChannel) }
        #expect(throws: LearnError.self) { try net.fit(oneChannel, [0, 1], verbose: 0) }
        #expect(throws: LearnError.self) {
            try net.predict(try Tensor<Double>(shape: [6], scalars: [Double](repeating: 0, count: 6)))
        }
        var flat = Sequential(randomState: 1) { Conv2D(2, kernelSize: 2) }
        flat.compile(optimizer: Adam(), loss: .meanSquaredError)
        #expect(throws: LearnError.self) {
            try flat.fit(try Matrix<Double>.zeros(2, 25), try Matrix<Double>.zeros(2, 1), verbose: 0)
        } // not images
        #expect(try net.predict(images).shape == [4, 1])
    }
}
