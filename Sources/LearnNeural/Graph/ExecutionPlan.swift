import LearnCore

/// A network compiled for execution: the nodes in topological order, each naming the layer it runs and
/// the tensors it reads and writes. Tensors are numbered: the network's inputs first, then each node's
/// output in order, so a ``Sequential`` of `n` layers is the chain `tensor i → layer i → tensor i + 1`.
///
/// The backward pass is planned here too: each edge of the graph either writes its gradient straight into
/// the tensor's gradient slot (the first consumer visited, in reverse order), adds it there through a spare
/// buffer (every further consumer: fan-out and shared inputs sum their gradients), or is skipped (the
/// network's inputs need no gradient).
struct ExecutionPlan: Sendable {
    /// Where one edge's input gradient goes.
    enum GradientTarget: Sendable, Equatable {
        /// The input is a network input: no gradient.
        case none
        /// Written into the tensor's gradient slot.
        case direct
        /// Written into spare buffer `k`, then added to the tensor's gradient slot.
        case accumulate(spare: Int)
    }

    /// One node: a layer applied to tensors.
    struct Step: Sendable {
        /// The layer's index in the network's layer list (shared layers appear at several steps).
        let layer: Int
        /// The tensors it reads, in the layer's argument order.
        let inputs: [Int]
        /// The tensor it writes.
        let output: Int
        /// Whether the layer takes a list of inputs (a ``MultiInputLayer``).
        let multiInput: Bool
        /// Where each input's gradient goes in the backward pass.
        let gradientTargets: [GradientTarget]
    }

    /// The nodes in execution order.
    let steps: [Step]
    /// The network's input tensors (`0..<inputs.count`).
    let inputs: [Int]
    /// The network's output tensors.
    let outputs: [Int]
    /// Each tensor's per-sample shape.
    let shapes: [[Int]]
    /// Spare gradient buffers the backward pass needs at once (0 without fan-out).
    let spareCount: Int

    /// Each tensor's per-sample width.
    var widths: [Int] { shapes.map { $0.reduce(1, *) } }

    /// The plan of `nodes` (layer index, input tensors, multi-input flag) in topological order over
    /// `inputCount` input tensors; node `k` writes tensor `inputCount + k`. With `inputGradients` the
    /// backward pass also fills the inputs' gradient slots (a model nested in another one passes them on).
    init(
        nodes: [(layer: Int, inputs: [Int], multiInput: Bool)], inputCount: Int, outputs: [Int], shapes: [[Int]],
        inputGradients: Bool = false
    ) {
        var written = [Bool](repeating: false, count: shapes.count)
        for output in outputs { written[output] = true }
        var targets = [[GradientTarget]](repeating: [], count: nodes.count)
        var spares = 0
        for (index, node) in nodes.enumerated().reversed() {
            var spare = 0
            targets[index] = node.inputs.map { tensor in
                if tensor < inputCount && !inputGradients { return .none }
                if !written[tensor] {
                    written[tensor] = true
                    return .direct
                }
                defer { spare += 1 }
                return .accumulate(spare: spare)
            }
            spares = Swift.max(spares, spare)
        }
        steps = nodes.enumerated().map { index, node in
            Step(
                layer: node.layer, inputs: node.inputs, output: inputCount + index, multiInput: node.multiInput,
                gradientTargets: targets[index])
        }
        (inputs, self.outputs, self.shapes, spareCount) = (Array(0..<inputCount), outputs, shapes, spares)
    }

    /// Which node wrote each tensor: `nil` for a network input, else the layer and which of that layer's
    /// calls it was (Keras' node index, as in `keras_history` and the summary's `dense[0][0]`).
    func producers() -> [(layer: Int, call: Int)?] {
        var calls: [Int: Int] = [:]
        var producers = [(layer: Int, call: Int)?](repeating: nil, count: inputs.count)
        for step in steps {
            producers.append((step.layer, calls[step.layer, default: 0]))
            calls[step.layer, default: 0] += 1
        }
        return producers
    }

    /// The same graph with gradients for the inputs too (see `init`'s `inputGradients`).
    func withInputGradients() -> ExecutionPlan {
        ExecutionPlan(
            nodes: steps.map { ($0.layer, $0.inputs, $0.multiInput) }, inputCount: inputs.count, outputs: outputs,
            shapes: shapes, inputGradients: true)
    }

    /// The chain of a ``Sequential``: layer `i` reads tensor `i` and writes tensor `i + 1`; `shapes` holds
    /// the input's shape and then each layer's output shape.
    static func chain(shapes: [[Int]]) -> ExecutionPlan {
        let count = shapes.count - 1
        return ExecutionPlan(
            nodes: (0..<count).map { (layer: $0, inputs: [$0], multiInput: false) }, inputCount: 1,
            outputs: [count], shapes: shapes)
    }
}
