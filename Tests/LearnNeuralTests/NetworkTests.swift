import Foundation
import LearnCore
import LearnData
import Testing

@testable import LearnNeural

/// The network engine: gradients of whole networks against finite differences, training, callbacks, errors.
@Suite struct NetworkTests {
    @Test(arguments: [(Loss.binaryCrossentropy, 1), (.sparseCategoricalCrossentropy, 3), (.meanSquaredError, 2)])
    func denseNetworkGradientsMatchFiniteDifferences(_ loss: Loss, _ outputs: Int) throws {
        let final: Activation = outputs == 1 ? .sigmoid : (loss == .meanSquaredError ? .linear : .softmax)
        let network = Sequential(randomState: 3) {
            Dense(5, activation: .tanh)
            Dense(4, activation: .elu)
            Dense(outputs, activation: final)
        }
        let rows = 4
        let y: [Float] =
            loss == .sparseCategoricalCrossentropy
            ? [0, 2, 1, 2]
            : loss == .binaryCrossentropy ? [1, 0, 0, 1] : (0..<(rows * outputs)).map { Float($0 % 3) / 2 }
        try LayerGradientTests.check(network, inputShape: [3], loss: loss, labels: y, rows: rows)
    }

    @Test func theSeedNetworkLearnsAndIsDeterministic() throws {
        let (X, y) = try makeClassification(nSamples: 600, nFeatures: 10, randomState: 0)
        func train() throws -> (Sequential, History) {
            var net = Sequential(randomState: 7) {
                Dense(32, activation: .relu)
                Dropout(0.5)
                Dense(16, activation: .relu)
                Dense(1, activation: .sigmoid)
            }
            net.compile(optimizer: Adam(learningRate: 0.003), loss: .binaryCrossentropy, metrics: [.accuracy])
            let history = try net.fit(X, y, epochs: 15, batchSize: 32, validationSplit: 0.2, verbose: 0)
            return (net, history)
        }
        let (net, history) = try train()
        #expect(Set(history.history.keys) == ["loss", "accuracy", "val_loss", "val_accuracy"])
        #expect((history.history["loss"]?.last ?? 1) < (history.history["loss"]?.first ?? 0))
        #expect((history.history["val_accuracy"]?.last ?? 0) > 0.8)
        let scores = try net.evaluate(X, y)
        #expect((scores["accuracy"] ?? 0) > 0.85)
        let (again, _) = try train()
        #expect(again.parameters == net.parameters)
        let proba = try net.predict(try X.rows(in: 0..<5))
        #expect(proba.shape == [5, 1] && proba.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(net.layers.map(\.name) == ["dense", "dropout", "dense_1", "dense_2"])
        #expect(net.parameterCount == 10 * 32 + 32 + 32 * 16 + 16 + 16 + 1)
    }

    @Test func earlyStoppingStopsAndRestoresTheBestEpoch() throws {
        let (X, y) = try makeClassification(nSamples: 300, nFeatures: 6, randomState: 1)
        var net = Sequential(randomState: 2) {
            Dense(8, activation: .relu)
            Dense(3, activation: .softmax)
        }
        net.compile(optimizer: SGD(learningRate: 0.5), loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        // A learning rate this large makes the validation loss stop improving quickly.
        let stopper = EarlyStopping(monitor: .valLoss, patience: 2, restoreBestWeights: true)
        let history = try net.fit(
            X, y, epochs: 200, batchSize: 16, validationSplit: 0.3, callbacks: [stopper], verbose: 0)
        #expect(history.epoch.count < 200 && stopper.stoppedEpoch == history.epoch.count - 1)
        let validationLosses = history["val_loss"]
        let best = try #require(validationLosses.indices.min { validationLosses[$0] < validationLosses[$1] })
        #expect(stopper.bestEpoch == best && stopper.stoppedEpoch == best + 2)
        // The restored weights are the best epoch's: evaluating them gives that epoch's validation loss.
        let validation = try net.evaluate(try X.rows(in: 210..<300), Array(y[210...]))
        #expect(abs((validation["loss"] ?? .nan) - validationLosses[best]) < 1e-6)
    }

    @Test func earlyStoppingFollowsKerasRules() throws {
        var model = Sequential { Dense(1) }
        let strict = EarlyStopping(monitor: .loss, patience: 0)
        try strict.onTrainBegin(model: &model)
        var logs = ["loss": 1.0]
        #expect(try strict.onEpochEnd(0, logs: &logs, model: &model) == .proceed)
        logs["loss"] = 2
        #expect(try strict.onEpochEnd(1, logs: &logs, model: &model) == .stop)
        // Improvements below the baseline do not reset the wait (Keras 3.15's rule): the baseline run stops
        // at the first epoch without improvement once `patience` epochs have passed; without it, it goes on.
        func actions(_ stopper: EarlyStopping) throws -> [CallbackAction] {
            try stopper.onTrainBegin(model: &model)
            return try [0.5, 0.6, 0.6].enumerated().map { epoch, value in
                var logs = ["val_accuracy": value]
                return try stopper.onEpochEnd(epoch, logs: &logs, model: &model)
            }
        }
        #expect(
            try actions(EarlyStopping(monitor: .valAccuracy, patience: 2, baseline: 0.9)) == [.proceed, .proceed, .stop]
        )
        #expect(try actions(EarlyStopping(monitor: .valAccuracy, patience: 2)) == [.proceed, .proceed, .proceed])
        #expect(Monitor.valAccuracy.increases && !Monitor.valLoss.increases && Monitor(rawValue: "val_auc").increases)
    }

    @Test func optimizersFollowKerasUpdateRules() {
        // One Adam step from zero moments moves each weight by lr · sign(g) (bias-corrected), as Keras does.
        var adam = Adam(learningRate: 0.1)
        var weights: [Float] = [1, -1, 0.5]
        let gradients: [Float] = [0.2, -3, 0]
        weights.withUnsafeMutableBufferPointer { w in
            gradients.withUnsafeBufferPointer { adam.step(w.baseAddress!, gradients: $0.baseAddress!, count: 3) }
        }
        #expect(abs(weights[0] - 0.9) < 1e-5 && abs(weights[1] - -0.9) < 1e-5 && weights[2] == 0.5)
        var sgd = SGD(learningRate: 0.1, momentum: 0.9)
        var w: [Float] = [1]
        for _ in 0..<2 {
            w.withUnsafeMutableBufferPointer { w in
                [Float(1)].withUnsafeBufferPointer { sgd.step(w.baseAddress!, gradients: $0.baseAddress!, count: 1) }
            }
        }
        #expect(abs(w[0] - (1 - 0.1 - 0.19)) < 1e-6) // v1 = −0.1, v2 = 0.9·(−0.1) − 0.1
    }

    @Test func badInputThrows() throws {
        let X = try Matrix<Double>([[0, 1], [1, 0], [1, 1], [0, 0]])
        var net = Sequential(randomState: 0) { Dense(1, activation: .sigmoid) }
        #expect(throws: LearnError.self) { try net.fit(X, [0, 1, 1, 0], verbose: 0) } // not compiled
        net.compile(optimizer: Adam(), loss: .binaryCrossentropy, metrics: [.accuracy])
        #expect(throws: LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "0")) {
            try net.fit(X, [0, 1, 1, 0], batchSize: 0)
        }
        #expect(throws: LearnError.unknownLabel("label 2.0 is outside 0...1 for binary cross-entropy")) {
            try net.fit(X, [0, 1, 2, 0])
        }
        #expect(throws: LearnError.nonFiniteInput(operation: "Sequential.fit")) {
            try net.fit(try Matrix([[0, .nan], [1, 0]]), [0, 1])
        }
        try net.fit(X, [0, 1, 1, 0], verbose: 0)
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "Sequential.predict", expected: "2 features (as the network was built for)", got: "3")
        ) {
            try net.predict(try Matrix<Double>.zeros(1, 3))
        }
        let untrained = Sequential { Dense(2) }
        #expect(throws: LearnError.notFitted(type: "Sequential")) { try untrained.predict(X) }
        var exploding = Sequential(randomState: 0) { Dense(1) }
        exploding.compile(optimizer: SGD(learningRate: 1e30), loss: .meanSquaredError)
        do {
            try exploding.fit(
                try Matrix<Double>([[1e10], [2e10]]), try Matrix<Double>([[1], [2]]), epochs: 5, batchSize: 1,
                verbose: 0)
            Issue.record("a diverging loss should throw")
        } catch let LearnError.invalidParameter(name, _, got) {
            #expect(name == "loss" && got.contains("epoch") && got.contains("batch"))
        }
    }
}

/// `summary()`, `getWeights`, `setWeights`.
@Suite struct SummaryTests {
    @Test func summaryReadsLikeKeras() throws {
        var net = Sequential(randomState: 0) {
            Dense(1024, activation: .relu)
            Dropout(0.5)
            Dense(512, activation: .relu)
            Dropout(0.5)
            Dense(1, activation: .sigmoid)
        }
        try net.build(inputShape: [20])
        let text = try net.summary()
        // The rows and totals Keras 3.15.1 prints for the same network.
        #expect(text.contains("│ dense (Dense)                   │ (None, 1024)           │        21,504 │"))
        #expect(text.contains("│ dropout_1 (Dropout)             │ (None, 512)            │             0 │"))
        #expect(text.contains(" Total params: 546,817 (2.09 MB)"))
        #expect(text.hasPrefix("Model: \"sequential\"\n┏"))
    }

    @Test func weightsRoundTripThroughGetAndSet() throws {
        var net = Sequential(randomState: 0) {
            Dense(3, activation: .relu)
            Dense(2)
        }
        try net.build(inputShape: [4])
        let weights = try net.getWeights()
        #expect(weights.map(\.shape) == [[4, 3], [3], [3, 2], [2]])
        var other = Sequential(randomState: 9) {
            Dense(3, activation: .relu)
            Dense(2)
        }
        try other.build(inputShape: [4])
        try other.setWeights(weights)
        #expect(other.parameters == net.parameters)
        #expect(throws: LearnError.self) { try other.setWeights(Array(weights.dropLast())) }
        #expect(throws: LearnError.self) { try Sequential { Dense(1) }.summary() }
    }
}
