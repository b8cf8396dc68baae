import LearnCore

/// The one execution engine behind ``Sequential`` and ``Model``: a list of layers whose weights live in
/// two flat buffers (trainable parameters and non-trainable state, a slice per layer), run in the order an
/// ``ExecutionPlan`` gives over a ``Workspace``'s preallocated buffers.
protocol GraphNetwork: Sendable {
    /// The distinct layers; a shared layer appears once and runs at several steps.
    var layers: [any Layer] { get }
    /// All trainable parameters, layer after layer.
    var parameters: [Float] { get set }
    /// Non-trainable state, layer after layer.
    var states: [Float] { get set }
    /// Where each layer's parameters start in ``parameters``.
    var offsets: [Int] { get }
    /// Where each layer's state starts in ``states``.
    var stateOffsets: [Int] { get }
    /// The stream behind dropout and shuffling.
    var rng: RandomState { get set }
    /// The optimizer `compile` chose (`nil` before).
    var optimizer: (any Optimizer)? { get set }
    /// The names of the layers whose weights training leaves alone (Keras' `layer.trainable = False`).
    var frozenLayers: Set<String> { get set }
    /// The compiled graph; throws `LearnError.notFitted` before the network is built.
    func executionPlan() throws -> ExecutionPlan
}

extension GraphNetwork {
    /// Runs every node over the first `rows` samples of the workspace's input activations.
    mutating func forward(_ workspace: inout Workspace, rows: Int, training: Bool) {
        let (layers, offsets, stateOffsets, plan) = (self.layers, self.offsets, self.stateOffsets, workspace.plan)
        let (activationOffsets, scratchOffsets) = (workspace.activationOffsets, workspace.scratchOffsets)
        var rng = self.rng
        let frozen = frozenLayers
        parameters.withUnsafeBufferPointer { p in
            states.withUnsafeMutableBufferPointer { state in
                workspace.activations.withUnsafeMutableBufferPointer { a in
                    workspace.scratch.withUnsafeMutableBufferPointer { s in
                        // Layers without parameters or state never read through these; any valid address will do.
                        let graph = GraphPointers(
                            layers: layers, offsets: offsets, stateOffsets: stateOffsets, plan: plan,
                            parameters: p.baseAddress ?? UnsafePointer(a.baseAddress!),
                            states: state.baseAddress ?? a.baseAddress!, frozen: frozen)
                        graph.forward(
                            rows: rows, training: training, rng: &rng,
                            activation: { a.baseAddress! + activationOffsets[$0] },
                            scratch: { s.baseAddress! + scratchOffsets[$0] })
                    }
                }
            }
        }
        self.rng = rng
    }

    /// Back-propagates the gradients in the output tensors' slots (∂L/∂outputs, written by the loss) into
    /// `parameterGradients`, summing over fan-out and shared layers, then adds the regularisers' gradients;
    /// returns their penalty.
    @discardableResult
    func backward(_ workspace: inout Workspace, rows: Int) -> Float {
        let (plan, widths, spareStride) = (workspace.plan, workspace.widths, workspace.spareStride)
        let (activationOffsets, scratchOffsets) = (workspace.activationOffsets, workspace.scratchOffsets)
        let (layers, offsets, stateOffsets) = (self.layers, self.offsets, self.stateOffsets)
        return workspace.parameterGradients.withUnsafeMutableBufferPointer { g in
            for i in 0..<g.count { g[i] = 0 }
            return parameters.withUnsafeBufferPointer { p in
                workspace.activations.withUnsafeMutableBufferPointer { a in
                    workspace.gradients.withUnsafeMutableBufferPointer { d in
                        workspace.scratch.withUnsafeMutableBufferPointer { s in
                            workspace.spares.withUnsafeMutableBufferPointer { spare in
                                let graph = GraphPointers(
                                    layers: layers, offsets: offsets, stateOffsets: stateOffsets, plan: plan,
                                    parameters: p.baseAddress ?? UnsafePointer(a.baseAddress!),
                                    states: a.baseAddress!)
                                graph.backward(
                                    rows: rows, widths: widths, parameterGradients: g.baseAddress!,
                                    activation: { a.baseAddress! + activationOffsets[$0] },
                                    gradient: { d.baseAddress! + activationOffsets[$0] },
                                    scratch: { s.baseAddress! + scratchOffsets[$0] },
                                    spare: { spare.baseAddress! + $0 * spareStride })
                                return graph.regularization(gradients: g.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
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
}

/// One graph's layers, plan and weight slices over raw buffers: the forward and backward passes of the
/// engine, written once for a network's ``Workspace`` and for a model nested in another one as a layer
/// (``NestedModel``, whose buffers live in its host's scratch). Addresses come from closures so that each
/// caller keeps its own layout.
struct GraphPointers {
    let layers: [any Layer]
    let offsets: [Int]
    let stateOffsets: [Int]
    let plan: ExecutionPlan
    let parameters: UnsafePointer<Float>
    let states: UnsafeMutablePointer<Float>
    /// The frozen layers' names: a frozen layer that ``Layer/infersWhenFrozen`` runs in inference mode.
    var frozen: Set<String> = []

    /// Runs every step; `activation(t)` is tensor `t`'s buffer, `scratch(k)` step `k`'s.
    func forward(
        rows: Int, training: Bool, rng: inout RandomState, activation: (Int) -> UnsafeMutablePointer<Float>,
        scratch: (Int) -> UnsafeMutablePointer<Float>
    ) {
        for (index, step) in plan.steps.enumerated() {
            let layer = layers[step.layer]
            let output = activation(step.output)
            let (weights, layerState) = (parameters + offsets[step.layer], states + stateOffsets[step.layer])
            // Keras: a frozen BatchNormalization normalises with its moving statistics.
            let training = training && (frozen.isEmpty || !layer.infersWhenFrozen || !frozen.contains(layer.name))
            guard step.multiInput, let merge = layer as? any MultiInputLayer else {
                layer.forward(
                    activation(step.inputs[0]), output, batch: rows, parameters: weights, state: layerState,
                    scratch: scratch(index), training: training, rng: &rng)
                continue
            }
            withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: step.inputs.count) { inputs in
                for (k, tensor) in step.inputs.enumerated() { inputs[k] = UnsafePointer(activation(tensor)) }
                merge.forward(
                    inputs: UnsafeBufferPointer(inputs), output, batch: rows, parameters: weights, state: layerState,
                    scratch: scratch(index), training: training, rng: &rng)
            }
        }
    }

    /// Back-propagates the gradients in the output tensors' `gradient` slots, adding ∂L/∂parameters into
    /// `parameterGradients` (not cleared here); fan-out edges go through `spare(k)` and are summed.
    func backward(
        rows: Int, widths: [Int], parameterGradients g: UnsafeMutablePointer<Float>,
        activation: (Int) -> UnsafeMutablePointer<Float>, gradient: (Int) -> UnsafeMutablePointer<Float>,
        scratch: (Int) -> UnsafeMutablePointer<Float>, spare: (Int) -> UnsafeMutablePointer<Float>
    ) {
        func target(_ k: Int, of step: ExecutionPlan.Step) -> UnsafeMutablePointer<Float>? {
            switch step.gradientTargets[k] {
            case .none: return nil
            case .direct: return gradient(step.inputs[k])
            case .accumulate(let index): return spare(index)
            }
        }
        for (index, step) in plan.steps.enumerated().reversed() {
            let layer = layers[step.layer]
            let (output, outputGradient) = (activation(step.output), gradient(step.output))
            let (weights, weightGradients) = (parameters + offsets[step.layer], g + offsets[step.layer])
            if step.multiInput, let merge = layer as? any MultiInputLayer {
                let count = step.inputs.count
                withUnsafeTemporaryAllocation(of: UnsafePointer<Float>.self, capacity: count) { inputs in
                    withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Float>?.self, capacity: count) {
                        gradients in
                        for k in 0..<count {
                            inputs[k] = UnsafePointer(activation(step.inputs[k]))
                            gradients[k] = target(k, of: step)
                        }
                        merge.backward(
                            inputs: UnsafeBufferPointer(inputs), output, outputGradient: outputGradient,
                            inputGradients: UnsafeBufferPointer(gradients), batch: rows, parameters: weights,
                            parameterGradients: weightGradients, scratch: scratch(index))
                    }
                }
            } else {
                layer.backward(
                    activation(step.inputs[0]), output, outputGradient: outputGradient,
                    inputGradient: target(0, of: step), batch: rows, parameters: weights,
                    parameterGradients: weightGradients, scratch: scratch(index))
            }
            for (k, destination) in step.gradientTargets.enumerated() {
                guard case .accumulate(let spareIndex) = destination else { continue }
                let tensor = step.inputs[k]
                Float.axpy(n: rows * widths[tensor], alpha: 1, x: spare(spareIndex), y: gradient(tensor))
            }
        }
    }

    /// The layers' regularisation penalty; with `gradients`, adds its gradient there. Once per layer, however
    /// many nodes share it; reverse order, as the sums always ran.
    func regularization(gradients g: UnsafeMutablePointer<Float>?) -> Float {
        layers.indices.reversed().reduce(Float(0)) { penalty, index in
            penalty
                + layers[index].regularization(
                    parameters: parameters + offsets[index], gradients: g.map { $0 + offsets[index] })
        }
    }
}
