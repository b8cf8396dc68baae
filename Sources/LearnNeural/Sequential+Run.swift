import Foundation
import LearnCore

extension Sequential {
    /// Predictions for every row of `x`, in batches (Keras' `predict`), without dropout.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; shape or non-finite errors.
    public func predict(_ x: Matrix<Double>, batchSize: Int = 32) throws -> Matrix<Double> {
        guard let inputShape else { throw LearnError.notFitted(type: "Sequential") }
        try checkInput(x, width: inputShape.reduce(1, *), "Sequential.predict")
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        let data = TrainingData([x], targets: [], targetWidths: [], sampleWeight: nil)
        let values = try outputs(data, batchSize: batchSize)[0]
        return try Matrix(rows: x.rows, columns: values.count / x.rows, scalars: values.map(Double.init))
    }

    /// Samples given as tensors must have the shape the network was built for.
    func checkSampleShape(_ shape: [Int]?, _ operation: String) throws {
        guard let shape, let inputShape, shape != inputShape else { return }
        throw LearnError.shapeMismatch(
            operation: operation, expected: "samples of shape \(inputShape) (as the network was built for)",
            got: "\(shape)")
    }

    func checkInput(_ x: Matrix<Double>, width: Int, _ operation: String) throws {
        guard x.rows > 0 else { throw LearnError.emptyInput(operation: operation) }
        guard x.columns == width else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "\(width) features (as the network was built for)", got: "\(x.columns)")
        }
        guard x.isFinite else { throw LearnError.nonFiniteInput(operation: operation) }
        try layers.first?.checkInput(x)
    }
}
