import Foundation
import LearnCore
import LearnNeural
import LearnTestSupport
import Testing

/// Finite-difference checks of every activation and loss, and their forward values.
@Suite struct GradientCheckTests {
    static let activations: [Activation] = [
        .linear, .relu, .sigmoid, .tanh, .softmax, .leakyRelu, .leakyRelu(negativeSlope: 0.05),
        .elu, .elu(alpha: 0.5), .gelu
    ]

    /// Inputs away from relu-style kinks, so central differences are valid.
    static func inputs(rows: Int, width: Int) -> [Float] {
        (0..<(rows * width)).map { i in
            let x = Float((i * 37) % 23) / 5 - 2.2
            return abs(x) < 0.05 ? x + 0.1 : x
        }
    }

    /// Σ c_i · f(x)_i for fixed weights c: a scalar whose gradient through `backward` must match differences.
    static func weightedOutput(_ activation: Activation, _ x: [Float], _ weights: [Float], rows: Int, width: Int)
        -> Double
    {
        var y = x
        y.withUnsafeMutableBufferPointer { activation.forward($0.baseAddress!, rows: rows, width: width) }
        return zip(y, weights).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }

    @Test(arguments: activations)
    func activationBackwardMatchesFiniteDifferences(_ activation: Activation) {
        let (rows, width) = (3, 4)
        let x = Self.inputs(rows: rows, width: width)
        let weights = (0..<(rows * width)).map { Float($0 % 5) - 1.7 }
        var y = x
        y.withUnsafeMutableBufferPointer { activation.forward($0.baseAddress!, rows: rows, width: width) }
        var gradient = weights
        gradient.withUnsafeMutableBufferPointer { g in
            x.withUnsafeBufferPointer { input in
                y.withUnsafeBufferPointer { output in
                    activation.backward(
                        g.baseAddress!, input: input.baseAddress!, output: output.baseAddress!, rows: rows, width: width
                    )
                }
            }
        }
        let h: Float = 1e-3
        for i in x.indices {
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            let numeric =
                (Self.weightedOutput(activation, plus, weights, rows: rows, width: width)
                    - Self.weightedOutput(activation, minus, weights, rows: rows, width: width)) / Double(2 * h)
            // Central differences of float32 layers: truncation and rounding error near 1e-3.
            expectClose(Double(gradient[i]), numeric, tolerance: 2e-3, "\(activation) input \(i)")
        }
    }

    @Test func forwardValuesAreKeras() {
        var values: [Float] = [-1000, -1, 0, 1, 1000]
        values.withUnsafeMutableBufferPointer { Activation.sigmoid.forward($0.baseAddress!, rows: 1, width: 5) }
        #expect(values[0] == 0 && values[2] == 0.5 && values[4] == 1 && abs(values[3] - 0.7310586) < 1e-6)
        var row: [Float] = [1000, 1000, 999]
        row.withUnsafeMutableBufferPointer { Activation.softmax.forward($0.baseAddress!, rows: 1, width: 3) }
        #expect(row.allSatisfy(\.isFinite) && abs(row.reduce(0, +) - 1) < 1e-6 && row[0] == row[1])
        var mixed: [Float] = [-2, 3]
        mixed.withUnsafeMutableBufferPointer { Activation.leakyRelu.forward($0.baseAddress!, rows: 1, width: 2) }
        #expect(mixed == [-0.4, 3])
        var gelu: [Float] = [1]
        gelu.withUnsafeMutableBufferPointer { Activation.gelu.forward($0.baseAddress!, rows: 1, width: 1) }
        #expect(abs(gelu[0] - 0.8413447) < 1e-6) // 1 · Φ(1)
        #expect(Activation.leakyRelu.kerasName == "leaky_relu" && Activation.relu.kerasName == "relu")
    }

    static let losses: [(Loss, Bool)] = [
        (.binaryCrossentropy, false), (.binaryCrossentropy(fromLogits: true), false), (.categoricalCrossentropy, true),
        (.categoricalCrossentropy(fromLogits: true), false), (.sparseCategoricalCrossentropy, true),
        (.sparseCategoricalCrossentropy(fromLogits: true), false), (.meanSquaredError, false),
        (.meanAbsoluteError, false)
    ]

    @Test(arguments: 0..<8)
    func lossGradientMatchesFiniteDifferences(_ index: Int) throws {
        let (loss, probabilities) = Self.losses[index]
        let (rows, width) = (4, 3)
        var predictions = (0..<(rows * width)).map { Float(($0 * 7) % 11) / 12 + 0.05 }
        if case .binaryCrossentropy(false) = loss { predictions = predictions.map { min($0, 0.9) } }
        if probabilities { // rows of probabilities
            for r in 0..<rows {
                let total = predictions[(r * width)..<((r + 1) * width)].reduce(0, +)
                for j in 0..<width { predictions[r * width + j] /= total }
            }
        }
        let targetWidth = loss.targetWidth(predictionWidth: width)
        let targets: [Float] =
            targetWidth == 1
            ? [0, 2, 1, 2]
            : (0..<(rows * width)).map { i in
                loss == .meanSquaredError || loss == .meanAbsoluteError
                    ? Float(i % 4) / 3
                    : (i % width == (i / width) % width ? 1 : 0)
            }
        var gradient = [Float](repeating: 0, count: predictions.count)
        _ = try predictions.withUnsafeBufferPointer { p in
            try targets.withUnsafeBufferPointer { t in
                try gradient.withUnsafeMutableBufferPointer { g in
                    try loss.evaluate(
                        predictions: p.baseAddress!, targets: t.baseAddress!, rows: rows, width: width,
                        gradient: g.baseAddress!)
                }
            }
        }
        func value(_ p: [Float]) throws -> Double {
            try Double(
                p.withUnsafeBufferPointer { p in
                    try targets.withUnsafeBufferPointer { t in
                        try loss.evaluate(
                            predictions: p.baseAddress!, targets: t.baseAddress!, rows: rows, width: width,
                            gradient: nil)
                    }
                })
        }
        let h: Float = 1e-3
        for i in predictions.indices {
            var plus = predictions, minus = predictions
            plus[i] += h
            minus[i] -= h
            let numeric = (try value(plus) - value(minus)) / Double(2 * h)
            // Central differences of float32 losses: truncation and rounding error near 1e-3.
            expectClose(Double(gradient[i]), numeric, tolerance: 3e-3, "\(loss) prediction \(i)")
        }
    }

    @Test func lossValuesAndBadLabels() throws {
        let p: [Float] = [0.9, 0.2], y: [Float] = [1, 0]
        let bce = try p.withUnsafeBufferPointer { p in
            try y.withUnsafeBufferPointer { y in
                try Loss.binaryCrossentropy.evaluate(
                    predictions: p.baseAddress!, targets: y.baseAddress!, rows: 2, width: 1, gradient: nil)
            }
        }
        #expect(abs(bce - Float(-(log(0.9) + log(0.8)) / 2)) < 1e-6)
        let zero: [Float] = [0, 1]
        let clipped = try zero.withUnsafeBufferPointer { p in
            try y.withUnsafeBufferPointer { y in
                try Loss.binaryCrossentropy.evaluate(
                    predictions: p.baseAddress!, targets: y.baseAddress!, rows: 2, width: 1, gradient: nil)
            }
        }
        // Keras clips to [ε, 1 − ε] with ε = 1e-7, in float32 (1 − ε rounds to 0.99999988).
        let epsilon: Float = 1e-7
        #expect(clipped.isFinite && abs(clipped - -(log(epsilon) + log(1 - (1 - epsilon))) / 2) < 1e-4)
        let probabilities: [Float] = [0.5, 0.5], label: [Float] = [3]
        #expect(throws: LearnError.self) {
            try probabilities.withUnsafeBufferPointer { p in
                try label.withUnsafeBufferPointer { t in
                    try Loss.sparseCategoricalCrossentropy.evaluate(
                        predictions: p.baseAddress!, targets: t.baseAddress!, rows: 1, width: 2, gradient: nil)
                }
            }
        }
        #expect(Loss.binaryCrossentropy.kerasName == "binary_crossentropy")
    }
}
