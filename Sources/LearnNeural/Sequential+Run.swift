import Foundation
import LearnCore

/// Preallocated activations, gradients and scratch for one batch size, reused across batches: three
/// flat Float buffers with per-layer offsets (activation `i` is layer `i`'s input; the last is the output).
struct Workspace {
    var activations: [Float]
    var gradients: [Float]
    var scratch: [Float]
    var parameterGradients: [Float]
    let activationOffsets: [Int]
    let scratchOffsets: [Int]
    let widths: [Int]
    let batch: Int

    /// Every size is checked (overflow-safe, and against the array limit, which also keeps each within
    /// BLAS' 32-bit sizes) before anything is allocated: `batch` comes from the caller's data and batch size.
    init(network: Sequential, batch: Int) throws {
        widths = try network.activationWidths()
        let operation = "Sequential workspace for batches of \(batch)"
        let sizes = try widths.map { try Shape.product(batch, $0, operation: operation) }
        let offset = try Shape.total(sizes, operation: operation)
        try Shape.checkArray([offset], scalarSize: MemoryLayout<Float>.size, operation: operation)
        activationOffsets = Self.starts(sizes)
        activations = [Float](repeating: 0, count: offset)
        gradients = [Float](repeating: 0, count: offset)
        let scratchSizes = network.layers.map { $0.scratchCount(batch: batch) }
        let scratchTotal = try Shape.total(scratchSizes, operation: operation)
        try Shape.checkArray([scratchTotal], scalarSize: MemoryLayout<Float>.size, operation: operation)
        scratchOffsets = Self.starts(scratchSizes)
        scratch = [Float](repeating: 0, count: Swift.max(1, scratchTotal))
        parameterGradients = [Float](repeating: 0, count: Swift.max(1, network.parameters.count))
        self.batch = batch
    }

    /// Where each of `sizes` starts when laid end to end (their total already checked).
    private static func starts(_ sizes: [Int]) -> [Int] {
        var running = 0
        return sizes.map { size in
            defer { running += size }
            return running
        }
    }

    /// The first `rows × width` values of the last activation (the network's output).
    func output(rows: Int) -> ArraySlice<Float> {
        let start = activationOffsets[activationOffsets.count - 1]
        return activations[start..<(start + rows * (widths.last ?? 0))]
    }
}

extension Sequential {
    /// Runs the layers over the first `rows` samples in the workspace's input activation.
    mutating func forward(_ workspace: inout Workspace, rows: Int, training: Bool) {
        let (layers, offsets, stateOffsets) = (self.layers, self.offsets, self.stateOffsets)
        let (activationOffsets, scratchOffsets) = (workspace.activationOffsets, workspace.scratchOffsets)
        var rng = self.rng
        parameters.withUnsafeBufferPointer { p in
            states.withUnsafeMutableBufferPointer { state in
                workspace.activations.withUnsafeMutableBufferPointer { a in
                    workspace.scratch.withUnsafeMutableBufferPointer { s in
                        // Layers without parameters or state never read through these; any valid address will do.
                        let parameterBase = p.baseAddress ?? UnsafePointer(a.baseAddress!)
                        let stateBase = state.baseAddress ?? a.baseAddress!
                        for index in layers.indices {
                            layers[index].forward(
                                a.baseAddress! + activationOffsets[index],
                                a.baseAddress! + activationOffsets[index + 1],
                                batch: rows, parameters: parameterBase + offsets[index],
                                state: stateBase + stateOffsets[index],
                                scratch: s.baseAddress! + scratchOffsets[index], training: training, rng: &rng)
                        }
                    }
                }
            }
        }
        self.rng = rng
    }

    /// Back-propagates the gradient in the last gradient slot (∂L/∂output) into `parameterGradients`,
    /// adds the regularisers' gradients, and returns their penalty.
    @discardableResult
    func backward(_ workspace: inout Workspace, rows: Int) -> Float {
        var penalty: Float = 0
        let (activationOffsets, scratchOffsets) = (workspace.activationOffsets, workspace.scratchOffsets)
        workspace.parameterGradients.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] = 0 }
            parameters.withUnsafeBufferPointer { p in
                workspace.activations.withUnsafeMutableBufferPointer { a in
                    workspace.gradients.withUnsafeMutableBufferPointer { d in
                        workspace.scratch.withUnsafeMutableBufferPointer { s in
                            let parameterBase = p.baseAddress ?? UnsafePointer(a.baseAddress!)
                            for index in layers.indices.reversed() {
                                layers[index].backward(
                                    a.baseAddress! + activationOffsets[index],
                                    a.baseAddress! + activationOffsets[index + 1],
                                    outputGradient: d.baseAddress! + activationOffsets[index + 1],
                                    inputGradient: index > 0 ? d.baseAddress! + activationOffsets[index] : nil,
                                    batch: rows,
                                    parameters: parameterBase + offsets[index],
                                    parameterGradients: g.baseAddress! + offsets[index],
                                    scratch: s.baseAddress! + scratchOffsets[index])
                                penalty += layers[index].regularization(
                                    parameters: parameterBase + offsets[index],
                                    gradients: g.baseAddress! + offsets[index])
                            }
                        }
                    }
                }
            }
        }
        return penalty
    }

    /// The regularisers' penalty at the current parameters (no gradients).
    func regularizationPenalty() -> Float {
        parameters.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return 0 }
            return layers.indices.reduce(Float(0)) {
                $0 + layers[$1].regularization(parameters: base + offsets[$1], gradients: nil)
            }
        }
    }

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
