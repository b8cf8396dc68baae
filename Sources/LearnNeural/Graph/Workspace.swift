import LearnCore

/// Preallocated activations, gradients and scratch for one batch size, reused across batches: flat Float
/// buffers with an offset per tensor (activations and their gradients) and per node (scratch).
struct Workspace {
    var activations: [Float]
    var gradients: [Float]
    var scratch: [Float]
    var parameterGradients: [Float]
    /// Where fan-out edges put their input gradient before it is added to the tensor's slot.
    var spares: [Float]
    let plan: ExecutionPlan
    let activationOffsets: [Int]
    let scratchOffsets: [Int]
    let widths: [Int]
    /// Values per spare buffer: the widest tensor times the batch.
    let spareStride: Int
    let batch: Int

    /// Every size is checked (overflow-safe, and against the array limit, which also keeps each within
    /// BLAS' 32-bit sizes) before anything is allocated: `batch` comes from the caller's data and batch size.
    init(network: some GraphNetwork, batch: Int) throws {
        plan = try network.executionPlan()
        widths = plan.widths
        let operation = "network workspace for batches of \(batch)"
        let sizes = try widths.map { try Shape.product(batch, $0, operation: operation) }
        let offset = try Shape.total(sizes, operation: operation)
        try Shape.checkArray([offset], scalarSize: MemoryLayout<Float>.size, operation: operation)
        activationOffsets = Self.starts(sizes)
        activations = [Float](repeating: 0, count: offset)
        gradients = [Float](repeating: 0, count: offset)
        let layers = network.layers
        let scratchSizes = plan.steps.map { layers[$0.layer].scratchCount(batch: batch) }
        let scratchTotal = try Shape.total(scratchSizes, operation: operation)
        try Shape.checkArray([scratchTotal], scalarSize: MemoryLayout<Float>.size, operation: operation)
        scratchOffsets = Self.starts(scratchSizes)
        scratch = [Float](repeating: 0, count: Swift.max(1, scratchTotal))
        spareStride = plan.spareCount == 0 ? 0 : sizes.max() ?? 0
        let spareTotal = try Shape.product(plan.spareCount, spareStride, operation: operation)
        try Shape.checkArray([spareTotal], scalarSize: MemoryLayout<Float>.size, operation: operation)
        spares = [Float](repeating: 0, count: Swift.max(1, spareTotal))
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

    /// The first `rows × width` values of output `index` (the last output by default).
    func output(rows: Int, index: Int? = nil) -> ArraySlice<Float> {
        let tensor = plan.outputs[index ?? plan.outputs.count - 1]
        let start = activationOffsets[tensor]
        return activations[start..<(start + rows * widths[tensor])]
    }

    /// Where input `index`'s values start in ``activations``.
    func inputOffset(_ index: Int) -> Int { activationOffsets[plan.inputs[index]] }
}
