import LearnCore

/// Runs after the backward pass and before the optimizer, with the parameters, their gradients (the batch's
/// mean loss differentiated) and the batch's rows; it may change the gradients in place — an L2 penalty, a
/// data-parallel allreduce — and returns a penalty to add to the reported loss (0 for none).
typealias GradientHook =
    (_ parameters: UnsafeBufferPointer<Float>, _ gradients: UnsafeMutableBufferPointer<Float>, _ rows: Int) -> Double

/// A batch's loss: the total the optimizer minimised (Σ wₖ·Lₖ plus penalties) and each output's own loss.
struct BatchLoss {
    /// Σ wₖ·Lₖ + the regularisers' penalty (+ the hook's).
    var total: Double
    /// Each output's unweighted loss.
    var outputs: [Float]
}

/// The one training step behind ``Sequential``'s and ``Model``'s `fit` and the perceptron estimators:
/// forward → each output's loss (weighted) → backward → the gradient hook → the optimizer, over one
/// preallocated ``Workspace`` (no allocation per batch).
struct Trainer {
    /// The activations, gradients and scratch of one batch size.
    var workspace: Workspace
    /// One loss per output.
    let losses: [Loss]
    /// One weight per output (Keras' `loss_weights`).
    let lossWeights: [Float]
    /// Each output's per-sample width.
    let outputWidths: [Int]
    /// Each output's per-sample target width.
    let targetWidths: [Int]
    /// Called between backward and the optimizer step.
    var gradientHook: GradientHook?
    private var batchTargets: [[Float]]
    private var batchWeights: [Float]
    /// The trainable parameter ranges when some layers are frozen (`nil`: all of them, no copies).
    private let trainable: [Range<Int>]?
    /// The trainable parameters and gradients laid end to end, for an optimizer step around frozen layers.
    private var packed: (parameters: [Float], gradients: [Float])
    /// The ranges of the stepped buffer that weight decay covers when the optimizer excludes some weights
    /// (`nil`: all of it).
    private let decayed: [Range<Int>]?

    /// A trainer for batches of up to `batch` rows of `network`, one loss and weight per output.
    init(network: some GraphNetwork, batch: Int, losses: [Loss], lossWeights: [Float]) throws {
        let workspace = try Workspace(network: network, batch: batch)
        let widths = workspace.plan.outputs.map { workspace.widths[$0] }
        self.workspace = workspace
        guard losses.count == widths.count && lossWeights.count == widths.count else {
            throw LearnError.shapeMismatch(
                operation: "training", expected: "one loss and one loss weight per output (\(widths.count))",
                got: "\(losses.count) losses, \(lossWeights.count) weights")
        }
        (self.losses, self.lossWeights, outputWidths) = (losses, lossWeights, widths)
        targetWidths = zip(losses, widths).map { $0.targetWidth(predictionWidth: $1) }
        batchTargets = targetWidths.map { [Float](repeating: 0, count: batch * $0) }
        batchWeights = [Float](repeating: 1, count: batch)
        let ranges = network.trainableRanges()
        trainable = ranges == [0..<network.parameters.count] ? nil : ranges
        let count = trainable == nil ? 0 : network.trainableParameterCount
        packed = ([Float](repeating: 0, count: count), [Float](repeating: 0, count: count))
        decayed = Self.decayedRanges(network)
    }

    /// The stepped buffer's ranges (packed when layers are frozen) of the weights whose names contain none
    /// of the optimizer's exclusions, or `nil` when it excludes nothing.
    private static func decayedRanges(_ network: some GraphNetwork) -> [Range<Int>]? {
        guard let exclusions = network.optimizer?.weightDecayExclusions, !exclusions.isEmpty else { return nil }
        return network.optimizerVariables().compactMap { location, slots in
            let name = "\(network.layers[location.layer].name)/\(location.weight.name)"
            return exclusions.contains { name.contains($0) } ? nil : slots
        }
    }

    /// Copies rows `order` of every input, target and sample weight of `data` into the batch buffers.
    mutating func load(_ data: TrainingData, order: ArraySlice<Int>) {
        for (k, values) in data.inputs.enumerated() {
            TrainingData.gather(
                values, width: data.inputWidths[k], order: order, into: &workspace.activations,
                at: workspace.inputOffset(k))
        }
        for (k, values) in data.targets.enumerated() {
            TrainingData.gather(values, width: targetWidths[k], order: order, into: &batchTargets[k])
        }
        if let weights = data.sampleWeight { TrainingData.gather(weights, width: 1, order: order, into: &batchWeights) }
    }

    /// One optimizer step on the `rows` samples loaded: forward (training mode), the losses and their
    /// gradients (per-sample weighted when `weighted`), backward, the hook, the optimizer.
    /// - Throws: `LearnError` when the network has no optimizer, or a label the loss cannot take.
    mutating func trainBatch<N: GraphNetwork>(_ network: inout N, rows: Int, weighted: Bool) throws -> BatchLoss {
        guard var optimizer = network.optimizer else {
            throw LearnError.invalidParameter(
                name: "compile", expected: "compile(optimizer:loss:) before training", got: "an uncompiled network")
        }
        network.forward(&workspace, rows: rows, training: true)
        let (dataLoss, outputLosses) = try evaluateLosses(rows: rows, weighted: weighted, gradients: true)
        let penalty = network.backward(&workspace, rows: rows)
        // The optimizer is taken out while it steps: reading it through `network` inside the parameter
        // buffer's closure would be a second access to `network`, which Swift's exclusivity check traps.
        network.optimizer = nil
        defer { network.optimizer = optimizer }
        var hookPenalty = 0.0
        let hook = gradientHook
        network.parameters.withUnsafeMutableBufferPointer { p in
            workspace.parameterGradients.withUnsafeMutableBufferPointer { g in
                if let hook { hookPenalty = hook(UnsafeBufferPointer(p), g, rows) }
                guard let trainable else {
                    if let base = p.baseAddress {
                        optimizer.step(base, gradients: g.baseAddress!, count: p.count, decayed: decayed)
                    }
                    return
                }
                Self.step(&optimizer, p, g, ranges: trainable, packed: &packed, decayed: decayed)
            }
        }
        return BatchLoss(total: Double(dataLoss + penalty) + hookPenalty, outputs: outputLosses)
    }

    /// One optimizer step over the trainable `ranges` only: packed end to end, stepped, unpacked — so the
    /// optimizer's slots cover the trainable weights alone, in order.
    private static func step(
        _ optimizer: inout any Optimizer, _ p: UnsafeMutableBufferPointer<Float>,
        _ g: UnsafeMutableBufferPointer<Float>, ranges: [Range<Int>],
        packed: inout (parameters: [Float], gradients: [Float]), decayed: [Range<Int>]?
    ) {
        packed.parameters.withUnsafeMutableBufferPointer { tp in
            packed.gradients.withUnsafeMutableBufferPointer { tg in
                guard let pBase = tp.baseAddress, let gBase = tg.baseAddress else { return }
                var at = 0
                for range in ranges {
                    (pBase + at).update(from: p.baseAddress! + range.lowerBound, count: range.count)
                    (gBase + at).update(from: g.baseAddress! + range.lowerBound, count: range.count)
                    at += range.count
                }
                optimizer.step(pBase, gradients: gBase, count: at, decayed: decayed)
                at = 0
                for range in ranges {
                    (p.baseAddress! + range.lowerBound).update(from: pBase + at, count: range.count)
                    at += range.count
                }
            }
        }
    }

    /// The losses of the `rows` samples loaded, without training (Keras' `test_on_batch`): forward in
    /// inference mode, Σ wₖ·Lₖ plus the regularisers' penalty.
    mutating func testBatch<N: GraphNetwork>(_ network: inout N, rows: Int, weighted: Bool) throws -> BatchLoss {
        network.forward(&workspace, rows: rows, training: false)
        let (dataLoss, outputLosses) = try evaluateLosses(rows: rows, weighted: weighted, gradients: false)
        return BatchLoss(total: Double(dataLoss + network.regularizationPenalty()), outputs: outputLosses)
    }

    /// Each output's loss on the loaded batch and, with `gradients`, its weighted gradient written into
    /// the output tensor's gradient slot (where backward starts).
    private mutating func evaluateLosses(rows: Int, weighted: Bool, gradients: Bool) throws -> (Float, [Float]) {
        var total: Float = 0
        var outputLosses: [Float] = []
        for (k, tensor) in workspace.plan.outputs.enumerated() {
            let (start, width, weight) = (workspace.activationOffsets[tensor], outputWidths[k], lossWeights[k])
            let value = try workspace.activations.withUnsafeBufferPointer { a in
                try workspace.gradients.withUnsafeMutableBufferPointer { g in
                    try batchTargets[k].withUnsafeBufferPointer { t in
                        try batchWeights.withUnsafeBufferPointer { w in
                            try losses[k].evaluate(
                                predictions: a.baseAddress! + start, targets: t.baseAddress!, rows: rows,
                                width: width, gradient: gradients ? g.baseAddress! + start : nil,
                                sampleWeights: weighted ? w.baseAddress : nil)
                        }
                    }
                }
            }
            if gradients && weight != 1 {
                workspace.gradients.withUnsafeMutableBufferPointer { g in
                    Float.scal(n: rows * width, alpha: weight, x: g.baseAddress! + start)
                }
            }
            outputLosses.append(value)
            total += weight == 1 ? value : value * weight
        }
        return (total, outputLosses)
    }

    /// The first `rows` predictions of output `k` in the workspace.
    func output(_ k: Int, rows: Int) -> ArraySlice<Float> { workspace.output(rows: rows, index: k) }

    /// The first `rows` targets of output `k` loaded.
    func targets(_ k: Int, rows: Int) -> ArraySlice<Float> { batchTargets[k][0..<(rows * targetWidths[k])] }
}

extension GraphNetwork {
    /// Every output's predictions for the rows of `data`'s inputs, in batches of up to `batchSize`,
    /// in inference mode: one flat `rows × width` array per output.
    func outputs(_ data: TrainingData, batchSize: Int) throws -> [[Float]] {
        var network = self
        var workspace = try Workspace(network: network, batch: Swift.min(batchSize, Swift.max(1, data.rows)))
        var results = workspace.plan.outputs.map { _ in [Float]() }
        for k in results.indices { results[k].reserveCapacity(data.rows * workspace.widths[workspace.plan.outputs[k]]) }
        var start = 0
        while start < data.rows {
            let count = Swift.min(workspace.batch, data.rows - start)
            for (k, values) in data.inputs.enumerated() {
                let (width, offset) = (data.inputWidths[k], workspace.inputOffset(k))
                workspace.activations.replaceSubrange(
                    offset..<(offset + count * width), with: values[(start * width)..<((start + count) * width)])
            }
            network.forward(&workspace, rows: count, training: false)
            for k in results.indices { results[k] += workspace.output(rows: count, index: k) }
            start += count
        }
        return results
    }
}
