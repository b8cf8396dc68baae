import Foundation
import LearnCore
import LearnTestSupport
import Testing

@testable import LearnNeural

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
        while case let .array(items) = level {
            shape.append(items.count)
            level = items.first ?? .null
        }
        func flatten(_ value: JSONValue) throws -> [Float] {
            if case let .array(items) = value { return try items.flatMap(flatten) }
            return [Float(try value.double())]
        }
        return try Tensor(shape: shape, scalars: flatten(value))
    }

    static func matrix(_ value: JSONValue) throws -> Matrix<Double> {
        try Matrix(try value.array().map { try $0.doubles() })
    }

    /// float32 both sides, summed in other orders (oneDNN against OpenBLAS): 1e-5 relative (LearnTestSupport's rule).
    static let kerasTolerance = 1e-5

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
        expectClose(
            try network.predict(x).scalars.map(Float.init), try Self.tensor(Self.reference.member("forward")).scalars,
            tolerance: Self.kerasTolerance, "inference forward")
        let loss = try network.evaluate(x, y)["loss"] ?? .nan
        #expect(
            abs(loss - (try Self.reference.member("initial_loss").double())) <= 1e-5,
            "loss with the L2 penalty: \(loss)")
        // Training mode: batch statistics in BatchNormalization.
        var workspace = try Workspace(network: network, batch: x.rows)
        workspace.activations.replaceSubrange(0..<(x.rows * 5), with: x.scalars.map(Float.init))
        network.forward(&workspace, rows: x.rows, training: true)
        expectClose(
            Array(workspace.output(rows: x.rows)), try Self.tensor(Self.reference.member("forward_training")).scalars,
            tolerance: Self.kerasTolerance, "training forward")
    }

    static let optimizers: [(String, any Optimizer)] = [
        ("sgd", SGD(learningRate: 0.1)), ("sgd_momentum", SGD(learningRate: 0.1, momentum: 0.9)),
        ("sgd_nesterov", SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)), ("adam", Adam(learningRate: 0.01)),
        ("adam_amsgrad", Adam(learningRate: 0.01, amsgrad: true)),
        ("adam_weight_decay", Adam(learningRate: 0.01, weightDecay: 0.05)),
        ("rmsprop", RMSprop(learningRate: 0.01)),
        ("rmsprop_centered_momentum", RMSprop(learningRate: 0.01, momentum: 0.5, centered: true)),
        ("adagrad", Adagrad(learningRate: 0.1))
    ]

    @Test(arguments: 0..<9)
    func trainingStepsEqualKeras(_ index: Int) throws {
        let (name, optimizer) = Self.optimizers[index]
        let expected = try Self.reference.member("optimizers").member(name)
        var network = try Self.prepared(Self.multiclassNetwork(), weights: "initial_weights")
        network.compile(optimizer: optimizer, loss: .sparseCategoricalCrossentropy, metrics: [.accuracy])
        let x = try Self.matrix(Self.reference.member("x"))
        let history = try network.fit(
            x, try Self.reference.member("y").ints(), epochs: 2, batchSize: 6, shuffle: false, verbose: 0)
        try Self.compare(network, history, expected, x, name)
    }

    @Test func classWeightsAndBinaryMetricsEqualKeras() throws {
        let expected = try Self.reference.member("binary_class_weight")
        var network = try Self.prepared(
            Sequential(randomState: 0) {
                Dense(4, activation: .tanh)
                Dense(1, activation: .sigmoid)
            },
            weights: "initial_binary_weights")
        network.compile(
            optimizer: SGD(learningRate: 0.5), loss: .binaryCrossentropy, metrics: [.accuracy, .precision, .recall])
        let x = try Self.matrix(Self.reference.member("x"))
        let y = try Self.reference.member("y_binary").doubles().map { Int($0) }
        let history = try network.fit(
            x, y, epochs: 2, batchSize: 6, shuffle: false, classWeight: [0: 1, 1: 3], verbose: 0)
        try Self.compare(network, history, expected, x, "binary with class weights")
    }

    static func compare(
        _ network: Sequential, _ history: History, _ expected: JSONValue, _ x: Matrix<Double>, _ name: String
    ) throws {
        guard case let .object(logs) = try expected.member("history") else {
            throw VectorError("history is not an object")
        }
        for (key, values) in logs {
            expectClose(
                history[key].map(Float.init), try values.doubles().map(Float.init), tolerance: Self.kerasTolerance,
                "\(name) history \(key)")
        }
        let weights = try network.getWeights()
        let kerasWeights = try expected.member("weights").array().map(tensor)
        #expect(weights.map(\.shape) == kerasWeights.map(\.shape))
        for (index, (ours, keras)) in zip(weights, kerasWeights).enumerated() {
            expectClose(ours.scalars, keras.scalars, tolerance: Self.kerasTolerance, "\(name) weight \(index)")
        }
        expectClose(
            try network.predict(x).scalars.map(Float.init), try tensor(expected.member("predictions")).scalars,
            tolerance: Self.kerasTolerance, "\(name) predictions")
    }
}

/// Convolutional networks against Keras: forward outputs, loss and every weight's gradient for fixed
/// weights on fixed input (`keras_reference.json` → `cnn`), within 1e-4 of the largest value of each array.
@Suite struct KerasConvolutionReferenceTests {
    static let networks: [String: @Sendable () -> Sequential] = [
        "seed": {
            Sequential(randomState: 0) {
                Conv2D(32, kernelSize: 3, activation: .relu)
                MaxPooling2D(2)
                Conv2D(64, kernelSize: 3, activation: .relu)
                MaxPooling2D(2)
                Flatten()
                Dense(64, activation: .relu)
                Dense(10, activation: .softmax)
            }
        },
        "padding": {
            Sequential(randomState: 0) {
                ZeroPadding2D(top: 1, bottom: 0, left: 2, right: 1)
                Conv2D(4, kernelSize: Size2D(2, 3), strides: Size2D(2, 1), padding: .same, activation: .tanh)
                AveragePooling2D(2, strides: 1, padding: .same)
                MaxPooling2D(Size2D(3, 2), padding: .same)
                GlobalAveragePooling2D()
                Dense(3, activation: .softmax)
            }
        },
        "text": {
            Sequential(randomState: 0) {
                Embedding(inputDim: 20, outputDim: 6)
                Conv1D(5, kernelSize: 3, padding: .same, activation: .relu)
                MaxPooling1D(2)
                Conv1D(4, kernelSize: 2, dilationRate: 2, activation: .tanh)
                GlobalMaxPooling1D()
                Dense(2, activation: .softmax)
            }
        },
        "dilated": {
            Sequential(randomState: 0) {
                Conv2D(5, kernelSize: 3, padding: .same, dilationRate: 2, activation: .elu)
                GlobalMaxPooling2D()
                Dense(3, activation: .softmax)
            }
        }
    ]

    /// The script's weights: `0.5 · float32(0.4 · sin(1.7 i + k))` for the k-th weight.
    static func fixedWeights(_ network: Sequential) throws -> [Tensor<Float>] {
        try network.getWeights().enumerated().map { k, weight in
            try Tensor(
                shape: weight.shape,
                scalars: (0..<weight.count).map { i in Float(0.4 * sin(1.7 * Double(i) + Double(k))) * 0.5 })
        }
    }

    static func closeness(_ ours: [Float], _ keras: [Float]) -> Float {
        let scale = max(1e-3, keras.map(abs).max() ?? 0)
        return (zip(ours, keras).map { abs($0 - $1) }.max() ?? .infinity) / scale
    }

    @Test(arguments: ["seed", "padding", "dilated", "text"])
    func forwardAndGradientsEqualKeras(_ name: String) throws {
        let reference = try KerasReferenceTests.reference.member("cnn").member(name)
        let x = try KerasReferenceTests.tensor(reference.member("x"))
        let labels = try reference.member("y").ints().map(Float.init)
        let make = try #require(Self.networks[name])
        var network = make()
        try network.build(inputShape: Array(x.shape.dropFirst()))
        try network.setWeights(try Self.fixedWeights(network))
        let rows = x.shape[0]
        var workspace = try Workspace(network: network, batch: rows)
        workspace.activations.replaceSubrange(0..<x.count, with: x.scalars)
        network.forward(&workspace, rows: rows, training: true)
        let output = Array(workspace.output(rows: rows))
        #expect(
            Self.closeness(output, try KerasReferenceTests.tensor(reference.member("output")).scalars) <= 1e-4,
            "\(name) output")
        let outputStart = workspace.activationOffsets.last ?? 0
        let loss = try workspace.activations.withUnsafeBufferPointer { a in
            try workspace.gradients.withUnsafeMutableBufferPointer { g in
                try labels.withUnsafeBufferPointer { t in
                    try Loss.sparseCategoricalCrossentropy.evaluate(
                        predictions: a.baseAddress! + outputStart, targets: t.baseAddress!, rows: rows,
                        width: workspace.widths.last ?? 0, gradient: g.baseAddress! + outputStart)
                }
            }
        }
        #expect(abs(Double(loss) - (try reference.member("loss").double())) <= 1e-5, "\(name) loss \(loss)")
        network.backward(&workspace, rows: rows)
        let gradients = try reference.member("gradients").array().map(KerasReferenceTests.tensor)
        let locations = network.weightLocations()
        #expect(locations.count == gradients.count)
        for (location, keras) in zip(locations, gradients) {
            let ours = Array(workspace.parameterGradients[location.range])
            #expect(location.weight.shape == keras.shape)
            let gap = Self.closeness(ours, keras.scalars)
            #expect(
                gap <= 1e-4,
                "\(name) gradient of \(network.layers[location.layer].name)/\(location.weight.name): \(gap)")
        }
    }
}
