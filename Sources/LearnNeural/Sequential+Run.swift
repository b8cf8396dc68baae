import Foundation
import LearnCore

extension Sequential {
    /// Copies rows `order[start..<start+rows]` of `x` (Float, width `width`) into the input buffer.
    static func gather(_ x: [Float], width: Int, order: ArraySlice<Int>, into buffer: inout [Float]) {
        x.withUnsafeBufferPointer { x in
            buffer.withUnsafeMutableBufferPointer { out in
                for (k, row) in order.enumerated() {
                    (out.baseAddress! + k * width).update(from: x.baseAddress! + row * width, count: width)
                }
            }
        }
    }

    /// Predictions for every row of `x`, in batches (Keras' `predict`), without dropout.
    /// - Throws: `LearnError/notFitted(type:)` before the network is built; shape or non-finite errors.
    public func predict(_ x: Matrix<Double>, batchSize: Int = 32) throws -> Matrix<Double> {
        guard let inputShape else { throw LearnError.notFitted(type: "Sequential") }
        try checkInput(x, width: inputShape.reduce(1, *), "Sequential.predict")
        guard batchSize >= 1 else {
            throw LearnError.invalidParameter(name: "batchSize", expected: "at least 1", got: "\(batchSize)")
        }
        var network = self
        let width = x.columns
        let data = x.scalars.map { Float($0) }
        let outputWidth = try network.activationWidths().last ?? 1
        var workspace = try Workspace(network: network, batch: Swift.min(batchSize, Swift.max(1, x.rows)))
        var result = [Double]()
        result.reserveCapacity(x.rows * outputWidth)
        var start = 0
        while start < x.rows {
            let rows = Swift.min(workspace.batch, x.rows - start)
            Self.gather(data, width: width, order: Array(start..<(start + rows))[...], into: &workspace.activations)
            network.forward(&workspace, rows: rows, training: false)
            result += workspace.output(rows: rows).map(Double.init)
            start += rows
        }
        return try Matrix(rows: x.rows, columns: outputWidth, scalars: result)
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
