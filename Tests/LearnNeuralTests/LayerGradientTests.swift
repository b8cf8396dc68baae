import Foundation
import LearnCore
import Testing

@testable import LearnNeural

/// Finite-difference checks of whole networks built from every layer, in training mode (batch statistics,
/// dropout masks — the same mask for every evaluation, as each starts from the same random state),
/// with the regularisers' penalties in the loss.
@Suite struct LayerGradientTests {
    /// Loss + penalty of a copy of `network` with `parameters`, forward in training mode.
    static func objective(_ network: Sequential, parameters: [Float], _ x: [Float], _ y: [Float], rows: Int) throws
        -> Double
    {
        var copy = network
        copy.parameters = parameters
        var workspace = try Workspace(network: copy, batch: rows)
        workspace.activations.replaceSubrange(0..<x.count, with: x)
        copy.forward(&workspace, rows: rows, training: true)
        let output = Array(workspace.output(rows: rows))
        let width = workspace.widths.last ?? 1
        let loss = try output.withUnsafeBufferPointer { p in
            try y.withUnsafeBufferPointer { t in
                try (copy.loss ?? .meanSquaredError).evaluate(
                    predictions: p.baseAddress!, targets: t.baseAddress!, rows: rows, width: width, gradient: nil)
            }
        }
        return Double(loss + copy.regularizationPenalty())
    }

    static func check(
        _ network: Sequential, inputShape: [Int], loss: Loss, labels: [Float], rows: Int, input: [Float]? = nil
    ) throws {
        var network = network
        network.compile(optimizer: SGD(), loss: loss)
        try network.build(inputShape: inputShape)
        let width = inputShape.reduce(1, *)
        let x: [Float] = input ?? (0..<(rows * width)).map { Float(($0 * 7) % 11) / 5 - 1.1 + Float($0 % 3) * 0.05 }
        var trained = network
        var workspace = try Workspace(network: trained, batch: rows)
        workspace.activations.replaceSubrange(0..<x.count, with: x)
        trained.forward(&workspace, rows: rows, training: true)
        let outputStart = workspace.activationOffsets.last ?? 0
        let outputWidth = workspace.widths.last ?? 1
        _ = try workspace.activations.withUnsafeBufferPointer { a in
            try workspace.gradients.withUnsafeMutableBufferPointer { g in
                try labels.withUnsafeBufferPointer { t in
                    try loss.evaluate(
                        predictions: a.baseAddress! + outputStart, targets: t.baseAddress!, rows: rows,
                        width: outputWidth,
                        gradient: g.baseAddress! + outputStart)
                }
            }
        }
        trained.backward(&workspace, rows: rows)
        let h: Float = 5e-3
        for i in network.parameters.indices {
            var plus = network.parameters, minus = network.parameters
            plus[i] += h
            minus[i] -= h
            let numeric =
                (try objective(network, parameters: plus, x, labels, rows: rows)
                    - objective(network, parameters: minus, x, labels, rows: rows)) / Double(2 * h)
            let analytic = Double(workspace.parameterGradients[i])
            #expect(abs(analytic - numeric) <= 3e-3 + 2e-2 * abs(numeric), "parameter \(i): \(analytic) vs \(numeric)")
        }
    }

    @Test func denseRegularizersBatchNormalizationActivationAndDropout() throws {
        let network = Sequential(randomState: 4) {
            Dense(5, activation: .tanh, kernelRegularizer: .l1l2(l1: 0.01, l2: 0.02), biasRegularizer: .l2(0.05))
            BatchNormalization()
            ActivationLayer(.gelu)
            Dropout(0.3)
            Dense(3, activation: .softmax)
        }
        try Self.check(
            network, inputShape: [4], loss: .sparseCategoricalCrossentropy, labels: [0, 2, 1, 2, 0, 1], rows: 6)
    }

    @Test(arguments: [(true, false), (false, true)])
    func batchNormalizationWithoutScaleOrCenter(_ center: Bool, _ scale: Bool) throws {
        let network = Sequential(randomState: 5) {
            Dense(4, activation: .relu)
            BatchNormalization(momentum: 0.9, epsilon: 1e-2, center: center, scale: scale)
            Dense(1, activation: .sigmoid)
        }
        try Self.check(network, inputShape: [3], loss: .binaryCrossentropy, labels: [0, 1, 1, 0, 1], rows: 5)
    }

    @Test func multiAxisInputsThroughNormalizationSoftmaxAndFlatten() throws {
        // Samples of shape [2, 3]: normalisation and softmax act on the last axis, then Flatten feeds Dense.
        let network = Sequential(randomState: 6) {
            BatchNormalization()
            ActivationLayer(.softmax)
            Flatten()
            Dense(2)
        }
        try Self.check(
            network, inputShape: [2, 3], loss: .meanSquaredError, labels: (0..<8).map { Float($0 % 3) / 2 }, rows: 4)
    }

    @Test func convolutionSamePaddingMaxPoolingAndFlatten() throws {
        let network = Sequential(randomState: 7) {
            Conv2D(3, kernelSize: 3, padding: .same, activation: .tanh)
            MaxPooling2D(2)
            Flatten()
            Dense(2, activation: .softmax)
        }
        try Self.check(network, inputShape: [5, 6, 2], loss: .sparseCategoricalCrossentropy, labels: [0, 1, 1], rows: 3)
    }

    @Test func stridesDilationAveragePoolingPaddingAndGlobalAverage() throws {
        let network = Sequential(randomState: 8) {
            Conv2D(
                2, kernelSize: Size2D(2, 3), strides: Size2D(2, 1), dilationRate: Size2D(1, 2), activation: .elu,
                kernelRegularizer: .l2(0.01))
            AveragePooling2D(2, strides: 1, padding: .same)
            ZeroPadding2D(top: 1, bottom: 0, left: 2, right: 1)
            GlobalAveragePooling2D()
            Dense(1, activation: .sigmoid)
        }
        try Self.check(network, inputShape: [7, 8, 1], loss: .binaryCrossentropy, labels: [1, 0, 1], rows: 3)
    }

    @Test func reshapeIntoConvolutionAndGlobalMax() throws {
        let network = Sequential(randomState: 9) {
            Reshape([4, 6, 1])
            Conv2D(2, kernelSize: 3, strides: 2, padding: .same, activation: .relu)
            AveragePooling2D(Size2D(2, 1), padding: .valid)
            Conv2D(3, kernelSize: 1)
            GlobalMaxPooling2D()
            Dense(2)
        }
        try Self.check(network, inputShape: [24], loss: .meanSquaredError, labels: [0.5, -0.2, 0.1, 0.9], rows: 2)
    }

    @Test func sequenceConvolutionAndPooling() throws {
        let network = Sequential(randomState: 10) {
            Conv1D(4, kernelSize: 3, strides: 1, padding: .same, activation: .tanh)
            MaxPooling1D(2, padding: .same)
            Conv1D(3, kernelSize: 2, dilationRate: 2, activation: .elu)
            GlobalMaxPooling1D()
            Dense(2, activation: .softmax)
        }
        try Self.check(network, inputShape: [9, 3], loss: .sparseCategoricalCrossentropy, labels: [1, 0, 1], rows: 3)
    }

    @Test func embeddingRowsReceiveTheirGradients() throws {
        let network = Sequential(randomState: 13) {
            Embedding(inputDim: 6, outputDim: 3)
            Conv1D(2, kernelSize: 2, activation: .tanh)
            Flatten() // smooth, unlike a max over the small initial embeddings
            Dense(1, activation: .sigmoid)
        }
        // Token ids (repeated ids accumulate into one row).
        try Self.check(
            network, inputShape: [5], loss: .binaryCrossentropy, labels: [1, 0], rows: 2,
            input: [0, 3, 3, 5, 1, 2, 4, 0, 5, 5])
    }

    @Test func rescalingAndRandomFlip() throws {
        let network = Sequential(randomState: 11) {
            Rescaling(0.5, offset: 0.1)
            RandomFlip()
            Conv2D(2, kernelSize: 2, activation: .tanh)
            GlobalAveragePooling2D()
            Dense(1, activation: .sigmoid)
        }
        try Self.check(network, inputShape: [4, 5, 2], loss: .binaryCrossentropy, labels: [1, 0, 0, 1], rows: 4)
    }

    @Test func randomFlipMirrorsOnlyInTraining() throws {
        var network = Sequential(randomState: 3) { RandomFlip(.horizontal) }
        try network.build(inputShape: [2, 3, 1])
        let images: [Float] = (0..<(8 * 6)).map(Float.init)
        var workspace = try Workspace(network: network, batch: 8)
        workspace.activations.replaceSubrange(0..<images.count, with: images)
        network.forward(&workspace, rows: 8, training: false)
        #expect(Array(workspace.output(rows: 8)) == images)
        network.forward(&workspace, rows: 8, training: true)
        let output = Array(workspace.output(rows: 8))
        var flipped = 0
        for n in 0..<8 {
            let original = Array(images[(n * 6)..<(n * 6 + 6)]), result = Array(output[(n * 6)..<(n * 6 + 6)])
            let mirrored = [original[2], original[1], original[0], original[5], original[4], original[3]]
            #expect(result == original || result == mirrored)
            if result == mirrored { flipped += 1 }
        }
        #expect(flipped > 0 && flipped < 8) // P(all or none of 8) = 1/128; seed 3 gives a mix
    }

    @Test func batchNormalizationTracksMovingStatisticsAsKeras() throws {
        var network = Sequential(randomState: 0) { BatchNormalization(momentum: 0.5) }
        try network.build(inputShape: [2])
        var workspace = try Workspace(network: network, batch: 2)
        workspace.activations.replaceSubrange(0..<4, with: [1, 10, 3, 30])
        network.forward(&workspace, rows: 2, training: true)
        // Batch mean (2, 20), biased variance (1, 100): moving = 0.5 · initial + 0.5 · batch.
        #expect(network.states == [1, 10, 1, 50.5])
        let normalised = Array(workspace.output(rows: 2))
        let expected: [Float] = [
            -1 / (1 + 1e-3).squareRoot(), -10 / (100 + 1e-3).squareRoot(), 1 / (1 + 1e-3).squareRoot(),
            10 / (100 + 1e-3).squareRoot()
        ]
        #expect(zip(normalised, expected).allSatisfy { abs($0 - $1) < 1e-6 })
        network.forward(&workspace, rows: 2, training: false)
        let inference = Array(workspace.output(rows: 2))
        #expect(
            abs(inference[0] - (1 - 1) / (1 + 1e-3).squareRoot()) < 1e-6
                && abs(inference[3] - (30 - 10) / (50.5 + 1e-3).squareRoot()) < 1e-5)
        #expect(network.states == [1, 10, 1, 50.5]) // inference leaves them alone
        let summary = try network.summary()
        #expect(
            summary.contains(" Trainable params: 4 (16.00 B)") && summary.contains(" Non-trainable params: 4 (16.00 B)")
        )
    }

    @Test func layerSettingsAreChecked() throws {
        var net = Sequential { Dropout(1.0) }
        #expect(throws: LearnError.self) { try net.build(inputShape: [3]) }
        net = Sequential { Dense(0) }
        #expect(throws: LearnError.self) { try net.build(inputShape: [3]) }
        net = Sequential { Dense(2) }
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "Dense.build", expected: "a flat input (use Flatten first)", got: "[2, 3]")
        ) {
            try net.build(inputShape: [2, 3])
        }
        net = Sequential { BatchNormalization(momentum: 2) }
        #expect(throws: LearnError.self) { try net.build(inputShape: [3]) }
        // Convolutions need images, and a kernel that fits the (padded) input.
        net = Sequential { Conv2D(4, kernelSize: 3) }
        #expect(
            throws: LearnError.shapeMismatch(
                operation: "Conv2D.build", expected: "images of shape [height, width, channels] (4-D batches, NHWC)",
                got: "samples of shape [8]")
        ) { try net.build(inputShape: [8]) }
        #expect(throws: LearnError.self) { try net.build(inputShape: [2, 5, 1]) } // 3 × 3 kernel on 2 rows, no padding
        try net.build(inputShape: [3, 5, 1])
        net = Sequential {
            Conv2D(4, kernelSize: 3, padding: .same)
            MaxPooling2D(4)
        }
        #expect(throws: LearnError.self) { try net.build(inputShape: [2, 5, 1]) } // pool larger than the image
        net = Sequential { Reshape([5, 5]) }
        #expect(throws: LearnError.self) { try net.build(inputShape: [24]) }
    }
}
