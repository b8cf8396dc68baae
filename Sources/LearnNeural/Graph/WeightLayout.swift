import LearnCore

/// How a network places its layers' weights in its two flat buffers (trainable parameters and
/// non-trainable state, one slice per layer in order), shared by ``Sequential`` and ``Model``.
enum WeightLayout {
    /// The running parameter and state totals after `layer`, every weight's shape checked against the array
    /// limit first (so `Dense(1 << 40)` or a file's huge `units` is an error, not a failed allocation).
    static func totals(after layer: any Layer, _ totals: (Int, Int), owner: String) throws -> (Int, Int) {
        var (total, stateTotal) = totals
        for weight in layer.weights {
            let operation = "\(layer.kerasClassName) \(layer.name) \(weight.name)"
            let count = try Shape.checkArray(weight.shape, scalarSize: MemoryLayout<Float>.size, operation: operation)
            if weight.trainable {
                total = try Shape.sum(total, count, operation: operation)
            } else {
                stateTotal = try Shape.sum(stateTotal, count, operation: operation)
            }
        }
        try Shape.checkArray([total], scalarSize: MemoryLayout<Float>.size, operation: "\(owner) parameters")
        try Shape.checkArray([stateTotal], scalarSize: MemoryLayout<Float>.size, operation: "\(owner) state")
        return (total, stateTotal)
    }

    /// Keras' initial values of built `layers` at `offsets` / `stateOffsets`, drawn from `rng` layer by layer.
    static func initialValues(
        _ layers: [any Layer], offsets: [Int], stateOffsets: [Int], counts: (parameters: Int, states: Int),
        using rng: inout RandomState
    ) -> (parameters: [Float], states: [Float]) {
        // One spare value keeps the base addresses valid for networks without parameters or state.
        var (parameterBuffer, stateBuffer) = (
            [Float](repeating: 0, count: counts.parameters + 1), [Float](repeating: 0, count: counts.states + 1)
        )
        parameterBuffer.withUnsafeMutableBufferPointer { p in
            stateBuffer.withUnsafeMutableBufferPointer { s in
                for index in layers.indices {
                    layers[index].initialize(
                        parameters: p.baseAddress! + offsets[index], state: s.baseAddress! + stateOffsets[index],
                        using: &rng)
                }
            }
        }
        parameterBuffer.removeLast()
        stateBuffer.removeLast()
        return (parameterBuffer, stateBuffer)
    }
}
