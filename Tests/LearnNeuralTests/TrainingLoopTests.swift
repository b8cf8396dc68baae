import Foundation
import LearnCore
import LearnData
import LearnHDF5
import LearnMetrics
import Testing

@testable import LearnNeural

/// Callbacks, progress output, weights, validation data, metrics and resumable optimizer state.
@Suite struct TrainingLoopTests {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "swiftlearn-neural-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func data() throws -> (Matrix<Double>, [Int]) {
        try makeClassification(nSamples: 240, nFeatures: 6, randomState: 4)
    }

    static func network(_ seed: Int = 1) -> Sequential {
        var net = Sequential(randomState: seed) {
            Dense(12, activation: .relu)
            Dense(1, activation: .sigmoid)
        }
        net.compile(
            optimizer: Adam(learningRate: 0.01), loss: .binaryCrossentropy,
            metrics: [.accuracy, .precision, .recall, .auc])
        return net
    }

    @Test func modelCheckpointWritesFormattedPathsAndTheBestModel() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (X, y) = try Self.data()
        var net = Self.network()
        let every = ModelCheckpoint(
            filepath: directory.path + "/model-{epoch:02d}-{val_loss:.3f}.h5", saveBestOnly: false)
        let best = ModelCheckpoint(filepath: directory.path + "/best.h5", monitor: .valAccuracy, saveBestOnly: true)
        let weightsOnly = ModelCheckpoint(filepath: directory.path + "/weights-{epoch}.h5", saveWeightsOnly: true)
        let history = try net.fit(
            X, y, epochs: 4, validationSplit: 0.25, callbacks: [every, best, weightsOnly], verbose: 0)
        #expect(every.savedPaths.count == 4 && weightsOnly.savedPaths.count == 4)
        let expectedName = String(format: "model-03-%.3f.h5", history["val_loss"][2])
        #expect(
            every.savedPaths[2].hasSuffix("/" + expectedName)
                && FileManager.default.fileExists(atPath: every.savedPaths[2]))
        // saveBestOnly writes on strict improvements of val_accuracy only.
        var record = -Double.infinity, improvements = 0
        for value in history["val_accuracy"] where value > record { (record, improvements) = (value, improvements + 1) }
        #expect(best.savedPaths.count == improvements)
        // The last whole-model file loads back with identical predictions; the weights file into a fresh network.
        let restored = try Sequential.load(from: every.savedPaths[3])
        #expect(try restored.predict(X) == net.predict(X))
        var fresh = Self.network(9)
        try fresh.build(inputShape: [6])
        try fresh.loadWeights(from: weightsOnly.savedPaths[3])
        #expect(fresh.parameters == net.parameters)
        let other = Sequential(randomState: 0) { Dense(3) }
        #expect(throws: LearnError.self) {
            var o = other
            try o.build(inputShape: [6])
            try o.loadWeights(from: weightsOnly.savedPaths[3])
        }
        #expect(throws: LearnError.self) {
            try ModelCheckpoint.format("m-{val_los}.h5", epoch: 1, logs: ["val_loss": 0.5])
        }
        #expect(try ModelCheckpoint.format("m-{epoch}-{loss}.h5", epoch: 7, logs: ["loss": 0.25]) == "m-7-0.25.h5")
        #expect(
            try ModelCheckpoint.format("m-{epoch:03d}-{loss:.2e}.h5", epoch: 7, logs: ["loss": 0.25])
                == "m-007-2.50e-01.h5")
        #expect(throws: LearnError.self) {
            try ModelCheckpoint.format("m-{loss:03d}.h5", epoch: 1, logs: ["loss": .nan])
        }
        #expect(throws: LearnError.self) { try ModelCheckpoint.format("m-{epoch:x}.h5", epoch: 1, logs: [:]) }
        #expect(throws: LearnError.self) { try ModelCheckpoint.format("m-{epoch.h5", epoch: 1, logs: [:]) }
    }

    @Test func reduceLROnPlateauFollowsKerasRule() throws {
        var model = Self.network()
        let reducer = try ReduceLROnPlateau(
            monitor: .loss, factor: 0.5, patience: 1, minDelta: 0, cooldown: 2, minLr: 0.002)
        try reducer.onTrainBegin(model: &model)
        var rates: [Double] = []
        for (epoch, loss) in [1.0, 0.9, 0.95, 0.97, 0.99, 1.0, 1.1].enumerated() {
            var logs = ["loss": loss]
            _ = try reducer.onEpochEnd(epoch, logs: &logs, model: &model)
            rates.append(logs["learning_rate"] ?? .nan)
        }
        // Each epoch logs the rate it trained with. Epoch 2 does not improve (patience 1) → 0.005 from
        // epoch 3; 3 cools down; 4 → 0.0025; 5 cools down; 6 → max(0.00125, minLr) = 0.002 (Keras 3.15's rule).
        let expected = [0.01, 0.01, 0.01, 0.005, 0.005, 0.0025, 0.0025]
        #expect(zip(rates, expected).allSatisfy { abs($0 - $1) < 1e-6 * $1 }, "\(rates)")
        #expect(abs((model.learningRate ?? 0) - 0.002) < 1e-9)
        #expect(throws: LearnError.self) { try ReduceLROnPlateau(factor: 1.5) }
    }

    final class Recorder: Callback {
        var events: [String] = []
        var batches = 0
        override func onTrainBegin(model: inout some Network) throws { events.append("begin") }
        override func onEpochBegin(_ epoch: Int, model: inout some Network) throws { events.append("epoch \(epoch)") }
        override func onBatchEnd(_ batch: Int, loss: Double, model: inout some Network) throws { batches += 1 }
        override func onEpochEnd(_ epoch: Int, logs: inout [String: Double], model: inout some Network) throws
            -> CallbackAction
        {
            logs["custom"] = Double(epoch) * 10
            return epoch == 1 ? .stop : .proceed
        }
        override func onTrainEnd(model: inout some Network) throws { events.append("end") }
    }

    @Test func userCallbacksSeeEveryEventAndCanStopAndLog() throws {
        let (X, y) = try Self.data()
        var net = Self.network()
        let recorder = Recorder()
        let history = try net.fit(X, y, epochs: 5, batchSize: 50, callbacks: [recorder], verbose: 0)
        #expect(recorder.events == ["begin", "epoch 0", "epoch 1", "end"])
        #expect(recorder.batches == 2 * 5) // 240 rows in batches of 50
        #expect(history["custom"] == [0, 10] && history.epoch == [0, 1])
    }

    @Test func lambdaCallbacksRunTheirClosuresInOrder() throws {
        let (X, y) = try Self.data()
        var net = Self.network()
        var events: [String] = []
        var batchLosses: [Double] = []
        let lambda = LambdaCallback(
            onTrainBegin: { events.append("begin") }, onEpochBegin: { events.append("epoch \($0)") },
            onBatchEnd: { _, loss in batchLosses.append(loss) },
            onEpochEnd: { epoch, logs in events.append("logs \(epoch) \(logs["loss"] != nil)") },
            onTrainEnd: { events.append("end") })
        let history = try net.fit(X, y, epochs: 2, batchSize: 50, callbacks: [lambda], verbose: 0)
        #expect(events == ["begin", "epoch 0", "logs 0 true", "epoch 1", "logs 1 true", "end"])
        #expect(batchLosses.count == 2 * 5 && batchLosses.allSatisfy(\.isFinite))
        struct Stop: Error {}
        let failing = LambdaCallback(onEpochEnd: { epoch, _ in if epoch == 0 { throw Stop() } })
        #expect(throws: Stop.self) { try net.fit(X, y, epochs: 3, callbacks: [failing], verbose: 0) }
        #expect(history.epoch == [0, 1])
    }

    @Test func progressLinesReadLikeKeras() throws {
        #expect(ProgressBar.bar(step: 250, steps: 250) == "250/250 [==============================]")
        #expect(ProgressBar.bar(step: 10, steps: 250) == " 10/250 [>.............................]")
        #expect(ProgressBar.bar(step: 125, steps: 250) == "125/250 [==============>...............]")
        let line = ProgressBar.summary(
            step: 250, steps: 250, elapsed: 1.0,
            logs: ["val_loss": 0.5, "accuracy": 0.902, "loss": 0.32154, "val_accuracy": 0.8])
        #expect(
            line
                == "250/250 [==============================] - 1s 4ms/step - loss: 0.3215 - accuracy: 0.9020 - val_loss: 0.5000 - val_accuracy: 0.8000"
        )
        // Not a terminal: one line per epoch; verbose 0: nothing.
        let collected = Collected()
        var quiet = ProgressBar(epochs: 2, steps: 3, verbose: 0, write: { collected.text += $0 }, interactive: false)
        quiet.beginEpoch(0)
        quiet.endEpoch(0, logs: ["loss": 1])
        #expect(collected.text.isEmpty)
        var plain = ProgressBar(epochs: 2, steps: 3, verbose: 1, write: { collected.text += $0 }, interactive: false)
        for epoch in 0..<2 {
            plain.beginEpoch(epoch)
            for step in 1...3 { plain.update(step: step, loss: 0.5) }
            plain.endEpoch(epoch, logs: ["loss": 0.5])
        }
        let lines = collected.text.split(separator: "\n")
        #expect(
            lines.count == 2 && lines[1].hasPrefix("Epoch 2/2 - 3/3 [==============================] - ")
                && lines[1].hasSuffix(" - loss: 0.5000"))
        var live = ProgressBar(epochs: 1, steps: 3, verbose: 1, write: { collected.text += $0 }, interactive: true)
        collected.text = ""
        live.beginEpoch(0)
        live.update(step: 3, loss: 0.25)
        live.endEpoch(0, logs: ["loss": 0.25])
        #expect(collected.text.hasPrefix("Epoch 1/1\n\r3/3 [==============================] - ETA: 0s - loss: 0.2500"))
    }

    final class Collected: @unchecked Sendable { var text = "" }

    @Test func validationDataWeightsAndMetricsMatchTheirDefinitions() throws {
        let (X, y) = try Self.data()
        let (xTrain, xValid) = (try X.rows(in: 0..<180), try X.rows(in: 180..<240))
        let (yTrain, yValid) = (Array(y[0..<180]), Array(y[180...]))
        // validationData equals validationSplit on the same rows.
        var a = Self.network(), b = Self.network()
        let ha = try a.fit(X, y, epochs: 2, validationSplit: 0.25, verbose: 0)
        let hb = try b.fit(xTrain, yTrain, epochs: 2, validationData: (xValid, yValid), verbose: 0)
        #expect(ha["val_loss"] == hb["val_loss"] && a.parameters == b.parameters)
        // Precision, recall and AUC are LearnMetrics' on the network's own predictions.
        let scores = try a.evaluate(xValid, yValid)
        let probabilities = try a.predict(xValid).scalars
        let predicted = probabilities.map { $0 > 0.5 ? 1 : 0 }
        #expect(abs((scores["precision"] ?? .nan) - (try precisionScore(yValid, predicted))) < 1e-12)
        #expect(abs((scores["recall"] ?? .nan) - (try recallScore(yValid, predicted))) < 1e-12)
        #expect(abs((scores["auc"] ?? .nan) - (try rocAucScore(yValid, probabilities))) < 1e-6)
        #expect(abs((scores["accuracy"] ?? .nan) - (try accuracyScore(yValid, predicted))) < 1e-12)
        // classWeight is a per-label sampleWeight; unit weights change nothing.
        var c = Self.network(), d = Self.network(), e = Self.network(), f = Self.network()
        try c.fit(xTrain, yTrain, epochs: 2, shuffle: false, classWeight: [0: 1, 1: 2.5], verbose: 0)
        try d.fit(xTrain, yTrain, epochs: 2, shuffle: false, sampleWeight: yTrain.map { $0 == 1 ? 2.5 : 1 }, verbose: 0)
        try e.fit(
            xTrain, yTrain, epochs: 2, shuffle: false, sampleWeight: [Double](repeating: 1, count: 180), verbose: 0)
        try f.fit(xTrain, yTrain, epochs: 2, shuffle: false, verbose: 0)
        #expect(c.parameters == d.parameters && e.parameters == f.parameters && c.parameters != f.parameters)
        #expect(throws: LearnError.unknownLabel("label 1 has no entry in classWeight")) {
            try f.fit(xTrain, yTrain, classWeight: [0: 1], verbose: 0)
        }
        #expect(throws: LearnError.self) { try f.fit(xTrain, yTrain, sampleWeight: [1, 2], verbose: 0) }
        #expect(throws: LearnError.self) {
            try f.fit(xTrain, yTrain, validationData: (xValid, [Int](repeating: 3, count: 60)), verbose: 0)
        }
    }

    @Test func optimizerStateSurvivesSaveAndLoad() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (X, y) = try Self.data()
        for optimizer in [
            Adam(learningRate: 0.01, amsgrad: true), RMSprop(momentum: 0.5, centered: true), SGD(momentum: 0.9),
            Adagrad()
        ] as [any Optimizer] {
            var net = Self.network()
            net.compile(optimizer: optimizer, loss: .binaryCrossentropy)
            try net.fit(X, y, epochs: 2, shuffle: false, verbose: 0)
            let path = directory.appendingPathComponent("\(optimizer.kerasName).h5").path
            try net.save(to: path)
            var resumed = try Sequential.load(from: path)
            #expect(resumed.learningRate == Double(Float(optimizer.learningRate)))
            // Training on from the file equals training on in memory.
            try net.fit(X, y, epochs: 1, shuffle: false, verbose: 0)
            try resumed.fit(X, y, epochs: 1, shuffle: false, verbose: 0)
            let worst = zip(net.parameters, resumed.parameters).map { abs($0 - $1) }.max() ?? 1
            #expect(worst < 1e-6, "\(optimizer.kerasClassName): \(worst)")
            let names = try HDF5File.open(path).root.group("optimizer_weights").attribute("weight_names")
            guard case let .strings(list) = names else {
                Issue.record("no optimizer weight names")
                continue
            }
            #expect(list.prefix(2) == ["\(optimizer.kerasName)/iteration", "\(optimizer.kerasName)/learning_rate"])
            try net.save(to: path, includeOptimizer: false)
            #expect(!(try HDF5File.open(path).root.contains("optimizer_weights")))
        }
    }
}
