import Foundation
import LearnCore
@testable import LearnNeural
import LearnTestSupport
import Testing

/// Numbers equal to Keras 3.15.1: fixed weights and data (`Benchmarks/Reference/keras_reference.py` →
/// `Resources/keras_reference.json`), one forward pass, then two epochs of two batches per optimizer.
@Suite struct KerasReferenceTests {
    static let reference: JSONValue = {
        let url = Bundle.module.url(forResource: "keras_reference", withExtension: "json", subdirectory: "Resources")
        return (try? url.map(JSONValue.load)) ?? .null
    }()

    /// Dense(6, relu, L2 0.01) → BatchNormalization → Dense(4) → Activation(elu) → Flatten → Dense(3, softmax).
    static func multiclassNetwork() -> Sequential {
        Sequential(randomState: 0) {
            Dense(6, activation: .relu, kernelRegularizer: .l2(0.01))
            BatchNormalization()
            Dense(4)
            ActivationLayer(.elu)
            Flatten()
            Dense(3, activation: .softmax)
        }
    }

    /// A nested JSON array as a tensor.
    static func tensor(_ value: JSONValue) throws -> Tensor<Float> {
        var shape: [Int] = []
        var level = value
        while case let .array(items) = level { shape.append(items.count); level = items.first ?? .null }
        func flatten(_ value: JSONValue) throws -> [Float] {
            if case let .array(items) = value { return try items.flatMap(flatten) }
            return [Float(try value.double())]
        }
        return try Tensor(shape: shape, scalars: flatten(value))
    }

    static func matrix(_ value: JSONValue) throws -> Matrix<Double> {
        try Matrix(try value.array().map { try $0.doubles() })
    }

    static func expectClose(_ ours: [Float], _ keras: [Float], tolerance: Float = 1e-5, _ what: String) {
        #expect(ours.count == keras.count, "\(what): \(ours.count) values vs \(keras.count)")
        let worst = zip(ours, keras).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "\(what): largest difference \(worst)")
    }

    static func prepared(_ network: Sequential, weights key: String) throws -> Sequential {
        var network = network
        try network.build(inputShape: [5])
        try network.setWeights(try reference.member(key).array().map(tensor))
        return network
    }

    @Test func forwardPassAndLossEqualKeras() throws {
        var network = try Self.prepared(Self.multiclassNetwork(), weights: "initial_weights")
        network.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
        let x = try Self.matrix(Self.reference.member("x"))
        let y = try Self.reference.member("y").ints()
        Self.expectClose(try network.predict(x).scalars.map(Float.init), try Self.tensor(Self.reference.member("forward")).scalars, "inference forward")
        let loss = try network.evaluate(x, y)["loss"] ?? .nan
        #expect(abs(loss - (try Self.reference.member("initial_loss").double())) <= 1e-5, "loss with the L2 penalty: \(loss)")
        // Training mode: batch statistics in BatchNormalization.
        var workspace = try Workspace(network: network, batch: x.rows)
        workspace.activations.replaceSubrange(0..<(x.rows * 5), with: x.scalars.map(Float.init))
        network.forward(&workspace, rows: x.rows, training: true)
        Self.expectClose(Array(workspace.output(rows: x.rows)), try Self.tensor(Self.reference.member("forward_training")).scalars, "training forward")
    }

    static let optimizers: [(String, any Optimizer)] = [
        ("sgd", SGD(learningRate: 0.1)), ("sgd_momentum", SGD(learningRate: 0.1, momentum: 0.9)),
        ("sgd_nesterov", SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)), ("adam", Adam(learningRate: 0.01)),
        ("adam_amsgrad", Adam(learningRate: 0.01, amsgrad: true)), ("adam_weight_decay", Adam(learningRate: 0.01, weightDecay: 0.05)),
        ("rmsprop", RMSprop(learningRate: 0.01)), ("rmsprop_centered_momentum", RMSprop(learningRate: 0.01, momentum: 0.5, centered: true)),
        ("adagrad", Adagrad(learningRate: 0.1)),
    ]

    @Test(arguments: 0..<9)
    func trainingStepsEqualKeras(_ index: Int) throws {
        let (name, optimizer) = Self.optimizers[index]
        let expected = try Self.reference.member("optimizers").member(name)
        var network = try Self.prepared(Self.multiclassNetwork(), weights: "initial_weights")
        network.compile(optimizer: optimizer, loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let x = try Self.matrix(Self.reference.member("x"))
        let history = try network.fit(x, try Self.reference.member("y").ints(), epochs: 2, batchSize: 6, shuffle: false, verbose: 0)
        try Self.compare(network, history, expected, x, name)
    }

    @Test func classWeightsAndBinaryMetricsEqualKeras() throws {
        let expected = try Self.reference.member("binary_class_weight")
        var network = try Self.prepared(Sequential(randomState: 0) { Dense(4, activation: .tanh); Dense(1, activation: .sigmoid) },
                                        weights: "initial_binary_weights")
        network.compile(optimizer: SGD(learningRate: 0.5), loss: .binaryCrossentropy, metrics: [.accuracy, .precision, .recall])
        let x = try Self.matrix(Self.reference.member("x"))
        let y = try Self.reference.member("y_binary").doubles().map { Int($0) }
        let history = try network.fit(x, y, epochs: 2, batchSize: 6, shuffle: false, classWeight: [0: 1, 1: 3], verbose: 0)
        try Self.compare(network, history, expected, x, "binary with class weights")
    }

    static func compare(_ network: Sequential, _ history: History, _ expected: JSONValue, _ x: Matrix<Double>, _ name: String) throws {
        guard case let .object(logs) = try expected.member("history") else { throw VectorError("history is not an object") }
        for (key, values) in logs {
            expectClose(history[key].map(Float.init), try values.doubles().map(Float.init), "\(name) history \(key)")
        }
        let weights = try network.getWeights()
        let kerasWeights = try expected.member("weights").array().map(tensor)
        #expect(weights.map(\.shape) == kerasWeights.map(\.shape))
        for (index, (ours, keras)) in zip(weights, kerasWeights).enumerated() {
            expectClose(ours.scalars, keras.scalars, "\(name) weight \(index)")
        }
        expectClose(try network.predict(x).scalars.map(Float.init), try tensor(expected.member("predictions")).scalars, "\(name) predictions")
    }
}
