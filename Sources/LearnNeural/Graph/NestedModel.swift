import LearnCore

/// A ``Sequential`` or a ``Model`` used as one layer of a ``Model``, Keras' nested models (`base(x)` where
/// `base` is a model). The inner layers' weights become this layer's, in Keras' order (trainable ones, then
/// state) and under Keras' names: `base/dense/kernel` inside a Sequential called `base`, `dense/kernel` inside
/// a functional model. The inner graph runs in this layer's scratch (its activations, gradients and the inner
/// layers' own scratch), on the same engine as every network.
///
/// ```swift
/// let base = Sequential(randomState: 0) {
///     Dense(5, activation: .relu)
///     Dense(3, activation: .relu)
/// }
/// let inputs = Input(shape: [4])
/// let features = NestedModel(base, name: "base")(inputs)
/// let model = try Model(inputs: inputs, outputs: Dense(1)(features), randomState: 0)
/// print(model.layers.map(\.name), model.layers[0].weights.map(\.name))
/// ```
/// <!-- doctest: output -->
/// ```text
/// ["base", "dense"] ["dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias"]
/// ```
///
/// The nested network keeps the weights it has (a built ``Sequential``, any ``Model``): a trained base
/// carries its training into the new model; an unbuilt Sequential is initialised with the host.
public struct NestedModel: Layer {
    /// Which kind of network is nested: Keras writes it as a `Sequential` or a `Functional` entry.
    public enum Kind: Sendable, Equatable {
        /// A ``Sequential``: its weights are named below its own name (`base/dense/kernel`).
        case sequential
        /// A functional ``Model``: its weights are named by their layers alone (`dense/kernel`).
        case functional
    }

    /// Keras' layer name: the nested model's name.
    public var name: String
    /// Which instance this is (copies share it).
    public let identity = LayerIdentity()
    /// Whether a ``Sequential`` or a functional ``Model`` is nested.
    public let kind: Kind
    /// The nested network's layers.
    public private(set) var layers: [any Layer]
    /// The functional model's input name (`input_layer`), written back to Keras files.
    let inputName: String
    /// The per-sample input shape the nested network was built for (`nil`: an unbuilt Sequential).
    private var fixedInputShape: [Int]?
    /// The nested graph, with gradients for its input (this layer's input gradient).
    private(set) var plan: ExecutionPlan?
    private(set) var offsets: [Int] = []
    private(set) var stateOffsets: [Int] = []
    /// Per-sample widths of the inner tensors and where each starts when laid end to end.
    private var widths: [Int] = []
    private var widthStarts: [Int] = []
    /// The wrapped network's weights, copied into the host by ``initialize(parameters:state:using:)``.
    private var carried: (parameters: [Float], states: [Float])?

    /// `model` as a layer, named `name` (the model's own name by default).
    public init(_ model: Model, name: String? = nil) {
        (self.name, kind, layers) = (name ?? model.name, .functional, model.layers)
        inputName = model.inputNames.first ?? "input_layer"
        fixedInputShape = model.inputShapes.count == 1 ? model.inputShapes[0] : nil
        plan = model.plan
        carried = (model.parameters, model.states)
    }

    /// `network` as a layer, named `name` (assigned by the host when empty, `sequential` as Keras does).
    public init(_ network: Sequential, name: String = "") {
        (self.name, kind, layers, inputName) = (name, .sequential, network.layers, "input_layer")
        fixedInputShape = network.inputShape
        if network.inputShape != nil { carried = (network.parameters, network.states) }
    }

    /// `"Sequential"` or `"Functional"`.
    public var kerasClassName: String { kind == .sequential ? "Sequential" : "Functional" }

    /// The inner network's input shape, once known.
    public var inputShape: [Int]? { fixedInputShape }

    /// Builds the nested network for `inputShape` (which must be the shape it was built for, if any) and
    /// returns its output shape.
    public mutating func build(inputShape shape: [Int]) throws -> [Int] {
        let operation = "\(kerasClassName) \(name)"
        if let fixedInputShape, fixedInputShape != shape {
            throw LearnError.shapeMismatch(operation: operation, expected: "input \(fixedInputShape)", got: "\(shape)")
        }
        guard fixedInputShape != nil || kind == .sequential else {
            throw LearnError.shapeMismatch(operation: operation, expected: "a model of one input", got: "several")
        }
        var graph: ExecutionPlan
        if kind == .sequential {
            var shapes = [shape]
            for index in layers.indices {
                shapes.append(try layers[index].build(inputShape: shapes[index]))
                try Shape.checkArray(shapes[index + 1], scalarSize: MemoryLayout<Float>.size, operation: operation)
            }
            graph = .chain(shapes: shapes)
        } else if let plan {
            graph = plan
        } else {
            throw LearnError.notFitted(type: operation)
        }
        guard graph.inputs.count == 1, graph.outputs.count == 1 else {
            throw LearnError.shapeMismatch(
                operation: operation, expected: "a model of one input and one output",
                got: "\(graph.inputs.count) inputs, \(graph.outputs.count) outputs")
        }
        var totals = (0, 0)
        (offsets, stateOffsets) = ([], [])
        for layer in layers {
            offsets.append(totals.0)
            stateOffsets.append(totals.1)
            totals = try WeightLayout.totals(after: layer, totals, owner: operation)
        }
        if let carried, carried.parameters.count != totals.0 || carried.states.count != totals.1 {
            self.carried = nil
        }
        graph = graph.withInputGradients()
        widths = graph.widths
        var running = 0
        widthStarts = []
        for width in widths {
            widthStarts.append(running)
            running = try Shape.sum(running, width, operation: operation)
        }
        (plan, fixedInputShape) = (graph, shape)
        return graph.shapes[graph.outputs[0]]
    }

    /// The inner layers' weights: every trainable one, then every state, each named by its Keras path.
    public var weights: [LayerWeight] {
        let all = layers.flatMap { layer in
            layer.weights.map { LayerWeight(layer.kerasPath(of: $0), shape: $0.shape, trainable: $0.trainable) }
        }
        return all.filter(\.trainable) + all.filter { !$0.trainable }
    }

    /// The nested model's own `config` in Keras' `model_config` (its layers and how they connect).
    public var kerasConfig: [String: Any] {
        guard let plan else { return ["name": name, "layers": [Any]()] }
        switch kind {
        case .sequential:
            return KerasModelConfig.sequential(name: name, layers: layers, inputShape: plan.shapes[0])
        case .functional:
            return KerasModelConfig.functional(
                name: name, inputNames: [inputName], layers: layers, plan: plan)
        }
    }

    /// Values per sample of all inner tensors (activations, then their gradients), the inner layers' scratch
    /// and the fan-out spares; saturates instead of overflowing (the host's workspace then refuses it).
    public func scratchCount(batch: Int) -> Int {
        guard let plan else { return 0 }
        var total = 0
        func add(_ value: Int) {
            let (sum, overflow) = total.addingReportingOverflow(value)
            total = overflow ? Int.max : sum
        }
        func product(_ a: Int, _ b: Int) -> Int {
            let (value, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? Int.max : value
        }
        let width = widths.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
        add(product(2, product(batch, width)))
        for step in plan.steps { add(layers[step.layer].scratchCount(batch: batch)) }
        add(product(plan.spareCount, product(batch, widths.max() ?? 0)))
        return total
    }

    /// The wrapped network's weights when it had some, else Keras' initial values layer by layer.
    public func initialize(
        parameters: UnsafeMutablePointer<Float>, state: UnsafeMutablePointer<Float>, using rng: inout RandomState
    ) {
        if let carried {
            carried.parameters.withUnsafeBufferPointer { parameters.update(from: $0.baseAddress!, count: $0.count) }
            carried.states.withUnsafeBufferPointer { state.update(from: $0.baseAddress!, count: $0.count) }
            return
        }
        for index in layers.indices {
            layers[index].initialize(
                parameters: parameters + offsets[index], state: state + stateOffsets[index], using: &rng)
        }
    }

    /// Runs the inner graph: the input is copied into the first inner tensor, the output out of the last.
    public func forward(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, batch: Int,
        parameters: UnsafePointer<Float>,
        state: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>, training: Bool, rng: inout RandomState
    ) {
        guard let plan else { return }
        let graph = GraphPointers(
            layers: layers, offsets: offsets, stateOffsets: stateOffsets, plan: plan, parameters: parameters,
            states: state)
        withLayout(plan, batch: batch, scratch) { activation, _, innerScratch, _ in
            activation(0).update(from: input, count: batch &* widths[0])
            graph.forward(rows: batch, training: training, rng: &rng, activation: activation, scratch: innerScratch)
            output.update(from: activation(plan.outputs[0]), count: batch &* widths[plan.outputs[0]])
        }
    }

    /// Back-propagates through the inner graph (its activations are still in `scratch` from the forward pass).
    public func backward(
        _ input: UnsafePointer<Float>, _ output: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>,
        inputGradient: UnsafeMutablePointer<Float>?, batch: Int, parameters: UnsafePointer<Float>,
        parameterGradients: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let plan else { return }
        let graph = GraphPointers(
            layers: layers, offsets: offsets, stateOffsets: stateOffsets, plan: plan, parameters: parameters,
            states: scratch)
        withLayout(plan, batch: batch, scratch) { activation, gradient, innerScratch, spare in
            let last = plan.outputs[0]
            gradient(last).update(from: outputGradient, count: batch &* widths[last])
            graph.backward(
                rows: batch, widths: widths, parameterGradients: parameterGradients, activation: activation,
                gradient: gradient, scratch: innerScratch, spare: spare)
            inputGradient?.update(from: gradient(0), count: batch &* widths[0])
        }
    }

    /// The inner layers' regularisation.
    public func regularization(parameters: UnsafePointer<Float>, gradients: UnsafeMutablePointer<Float>?) -> Float {
        guard let plan else { return 0 }
        return GraphPointers(
            layers: layers, offsets: offsets, stateOffsets: stateOffsets, plan: plan, parameters: parameters,
            states: UnsafeMutablePointer(mutating: parameters)
        ).regularization(gradients: gradients)
    }

    /// Frozen, a nested model with a BatchNormalization runs in inference mode (its whole graph, dropout too).
    public var infersWhenFrozen: Bool { layers.contains { $0.infersWhenFrozen } }

    /// The first inner layer checks the data, as it would at the front of its own network.
    public func checkInput(_ x: Matrix<Double>) throws { try layers.first?.checkInput(x) }

    /// Where the inner buffers live in `scratch` for a batch of `batch`: activations, their gradients, each
    /// step's scratch, the spares (the offsets of the steps' scratch on the stack: no allocation per batch).
    private func withLayout(
        _ plan: ExecutionPlan, batch: Int, _ scratch: UnsafeMutablePointer<Float>,
        _ body: (
            (Int) -> UnsafeMutablePointer<Float>, (Int) -> UnsafeMutablePointer<Float>,
            (Int) -> UnsafeMutablePointer<Float>, (Int) -> UnsafeMutablePointer<Float>
        ) -> Void
    ) {
        let tensors = batch &* widths.reduce(0, &+)
        let gradients = scratch + tensors
        withUnsafeTemporaryAllocation(of: Int.self, capacity: plan.steps.count + 1) { starts in
            var running = 2 &* tensors
            for (index, step) in plan.steps.enumerated() {
                starts[index] = running
                running &+= layers[step.layer].scratchCount(batch: batch)
            }
            starts[plan.steps.count] = running
            let spares = scratch + running
            let stride = batch &* (widths.max() ?? 0)
            body(
                { scratch + batch &* widthStarts[$0] }, { gradients + batch &* widthStarts[$0] },
                { scratch + starts[$0] }, { spares + $0 &* stride })
        }
    }
}

extension Layer {
    /// Keras' path of one of this layer's weights below its model (`dense/kernel`): a nested functional
    /// model's weights keep their own layers' paths (`dense_1/bias`), as Keras names them.
    func kerasPath(of weight: LayerWeight) -> String {
        if let nested = self as? NestedModel, nested.kind == .functional { return weight.name }
        return "\(name)/\(weight.name)"
    }
}

extension Model {
    /// The model used as a layer of another model (Keras' `model(x)`), starting from its current weights. Each
    /// call makes a new layer; to call one nested model at several places with shared weights, wrap it once
    /// (`let tower = NestedModel(model)`) and call that.
    public func callAsFunction(_ input: SymbolicTensor) -> SymbolicTensor { NestedModel(self)(input) }
}

extension Sequential {
    /// The network used as a layer of a ``Model`` (Keras' `sequential(x)`), with its current weights if built;
    /// each call makes a new layer (wrap it once in ``NestedModel`` to share it).
    public func callAsFunction(_ input: SymbolicTensor) -> SymbolicTensor { NestedModel(self)(input) }
}
