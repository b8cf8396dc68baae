import Foundation
import LearnCore

/// `fit`, `predict` and `evaluate` on tensors of samples — `[n, height, width, channels]` images for
/// convolutional networks (NHWC), or any `[n, …]` — the first axis counting samples.
extension Sequential {
    /// The samples of `x` as matrix rows, and their shape.
    static func rows(_ x: Tensor<Double>, _ operation: String) throws -> (Matrix<Double>, [Int]) {
        guard x.rank >= 2, let n = x.shape.first else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "a tensor of samples [n, …] (rank 2 or more)", got: "shape \(x.shape)")
        }
        let sample = Array(x.shape.dropFirst())
        return (try Matrix(rows: n, columns: sample.reduce(1, *), scalars: x.scalars), sample)
    }

    /// Trains on tensor samples with integer labels; the network is built for `x`'s sample shape.
    /// - Throws: `LearnError` as `fit(_:_:epochs:batchSize:validationSplit:validationData:shuffle:classWeight:sampleWeight:callbacks:verbose:)`,
    ///   and when the samples' shape differs from the one the network was built for.
    @discardableResult
    public mutating func fit(
        _ x: Tensor<Double>, _ y: [Int], epochs: Int = 1, batchSize: Int = 32, validationSplit: Double = 0,
        validationData: (x: Tensor<Double>, y: [Int])? = nil, shuffle: Bool = true, classWeight: [Int: Double]? = nil,
        sampleWeight: [Double]? = nil, callbacks: [Callback] = [], verbose: Int = 1
    ) throws -> History {
        let (rows, shape) = try Self.rows(x, "Sequential.fit")
        var validation: (Matrix<Double>, [Float])?
        if let validationData {
            let (validationRows, validationShape) = try Self.rows(validationData.x, "Sequential.fit validation data")
            guard validationShape == shape else {
                throw LearnError.shapeMismatch(
                    operation: "Sequential.fit validation data", expected: "samples of shape \(shape)",
                    got: "\(validationShape)")
            }
            validation = (validationRows, validationData.y.map(Float.init))
        }
        return try train(
            rows, sampleShape: shape, targets: y.map(Float.init),
            sampleWeight: try Self.weights(y, classWeight: classWeight, sampleWeight: sampleWeight),
            validation: validation,
            epochs: epochs, batchSize: batchSize, validationSplit: validationSplit, shuffle: shuffle,
            callbacks: callbacks, verbose: verbose)
    }

    /// Predictions for tensor samples, one row per sample.
    public func predict(_ x: Tensor<Double>, batchSize: Int = 32) throws -> Matrix<Double> {
        let (rows, shape) = try Self.rows(x, "Sequential.predict")
        guard inputShape != nil else { throw LearnError.notFitted(type: "Sequential") }
        try checkSampleShape(shape, "Sequential.predict")
        return try predict(rows, batchSize: batchSize)
    }

    /// Loss and metrics on tensor samples.
    public func evaluate(_ x: Tensor<Double>, _ y: [Int], batchSize: Int = 32) throws -> [String: Double] {
        let (rows, shape) = try Self.rows(x, "Sequential.evaluate")
        try checkSampleShape(shape, "Sequential.evaluate")
        return try evaluate(rows, y, batchSize: batchSize)
    }
}
