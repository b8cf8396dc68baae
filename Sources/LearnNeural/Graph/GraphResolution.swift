import LearnCore

/// Turns the symbolic tensors of a functional model into its layers and ``ExecutionPlan``: walks back from
/// the outputs (iteratively: a file may describe a very deep graph), orders the nodes topologically, names
/// and builds the distinct layers, and checks everything a `LearnError.invalidGraph` names.
struct GraphResolution {
    private(set) var layers: [any Layer] = []
    private(set) var inputNames: [String] = []
    private(set) var inputShapes: [[Int]] = []
    private(set) var outputNames: [String] = []
    private(set) var plan: ExecutionPlan

    init(inputs: [SymbolicTensor], outputs: [SymbolicTensor]) throws {
        let order = Self.topologicalOrder(outputs)
        var layerIndex: [ObjectIdentifier: Int] = [:]
        var layers: [any Layer] = []
        for node in order {
            guard let layer = node.layer, layerIndex[ObjectIdentifier(layer.identity)] == nil else { continue }
            layerIndex[ObjectIdentifier(layer.identity)] = layers.count
            layers.append(layer)
        }
        inputNames = try Self.names(of: inputs, layers: &layers)
        var tensor: [ObjectIdentifier: Int] = [:]
        for (index, input) in inputs.enumerated() {
            guard input.node.layer == nil else {
                throw LearnError.invalidGraph(
                    node: Self.label(input.node, layers, layerIndex),
                    reason: "a model's inputs must come from Input(shape:)")
            }
            guard tensor.updateValue(index, forKey: ObjectIdentifier(input.node)) == nil else {
                throw LearnError.invalidGraph(node: inputNames[index], reason: "the input is listed twice")
            }
            if let error = input.node.error { throw error }
            inputShapes.append(input.node.shape ?? [])
        }
        var nodes: [(layer: Int, inputs: [Int], multiInput: Bool)] = []
        var shapes = inputShapes
        var builtFor: [Int: [[Int]]] = [:]
        for node in order {
            guard let layer = node.layer, let index = layerIndex[ObjectIdentifier(layer.identity)] else {
                guard tensor[ObjectIdentifier(node)] != nil else {
                    throw LearnError.invalidGraph(
                        node: node.inputName.isEmpty ? "an unnamed Input" : node.inputName,
                        reason: "an output needs this input, which is not among the model's inputs (graph disconnected)"
                    )
                }
                continue
            }
            let label = "\(layers[index].kerasClassName) \(layers[index].name)"
            if let error = node.error { throw LearnError.invalidGraph(node: label, reason: "\(error)") }
            let inputTensors = node.inputs.map { tensor[ObjectIdentifier($0.node)]! }
            let inputShapes = inputTensors.map { shapes[$0] }
            if let previous = builtFor[index] {
                guard previous == inputShapes else {
                    throw LearnError.invalidGraph(
                        node: label, reason: "a shared layer is called on shapes \(previous) and \(inputShapes)")
                }
            } else {
                builtFor[index] = inputShapes
                if node.takesList, var merge = layers[index] as? any MultiInputLayer {
                    _ = try merge.build(inputShapes: inputShapes)
                    layers[index] = merge
                } else {
                    _ = try layers[index].build(inputShape: inputShapes[0])
                }
            }
            tensor[ObjectIdentifier(node)] = shapes.count
            shapes.append(node.shape ?? [])
            nodes.append((index, inputTensors, node.takesList))
        }
        let used = Set(order.filter { $0.layer == nil }.map(ObjectIdentifier.init))
        if let unused = inputs.indices.first(where: { !used.contains(ObjectIdentifier(inputs[$0].node)) }) {
            throw LearnError.invalidGraph(node: inputNames[unused], reason: "no output depends on this input")
        }
        let outputTensors = outputs.map { tensor[ObjectIdentifier($0.node)]! }
        guard Set(outputTensors).count == outputTensors.count else {
            throw LearnError.invalidGraph(node: "outputs", reason: "a tensor is listed twice among the outputs")
        }
        let inputNames = inputNames
        outputNames = outputs.map { output in
            output.node.layer.map { layers[layerIndex[ObjectIdentifier($0.identity)]!].name }
                ?? inputNames[tensor[ObjectIdentifier(output.node)]!]
        }
        self.layers = layers
        plan = ExecutionPlan(nodes: nodes, inputCount: inputs.count, outputs: outputTensors, shapes: shapes)
    }

    /// Every node the outputs depend on, each after its inputs (depth first, inputs in argument order).
    private static func topologicalOrder(_ outputs: [SymbolicTensor]) -> [GraphNode] {
        var order: [GraphNode] = []
        var seen = Set<ObjectIdentifier>()
        var stack: [(node: GraphNode, next: Int)] = []
        for output in outputs where seen.insert(ObjectIdentifier(output.node)).inserted {
            stack.append((output.node, 0))
            while let (node, next) = stack.last {
                if next < node.inputs.count {
                    stack[stack.count - 1].next += 1
                    let input = node.inputs[next].node
                    if seen.insert(ObjectIdentifier(input)).inserted { stack.append((input, 0)) }
                } else {
                    order.append(node)
                    stack.removeLast()
                }
            }
        }
        return order
    }

    /// Keras' automatic names for the inputs (`input_layer`, `input_layer_1`, …) and layers (`dense`,
    /// `dense_1`, … per class), skipping names given explicitly; a name used twice is an error.
    private static func names(of inputs: [SymbolicTensor], layers: inout [any Layer]) throws -> [String] {
        var taken = Set<String>()
        let explicit = inputs.map(\.node.inputName).filter { !$0.isEmpty } + layers.map(\.name).filter { !$0.isEmpty }
        for name in explicit where !taken.insert(name).inserted {
            throw LearnError.invalidGraph(node: name, reason: "two layers or inputs are named \(name)")
        }
        var counts: [String: Int] = [:]
        func fresh(_ base: String) -> String {
            while true {
                let n = counts[base, default: 0]
                counts[base] = n + 1
                let candidate = n == 0 ? base : "\(base)_\(n)"
                if taken.insert(candidate).inserted { return candidate }
            }
        }
        let inputNames = inputs.map { $0.node.inputName.isEmpty ? fresh("input_layer") : $0.node.inputName }
        for index in layers.indices where layers[index].name.isEmpty {
            layers[index].name = fresh(Sequential.snakeCase(layers[index].kerasClassName))
        }
        return inputNames
    }

    /// How an error names a node.
    private static func label(_ node: GraphNode, _ layers: [any Layer], _ index: [ObjectIdentifier: Int]) -> String {
        guard let layer = node.layer, let i = index[ObjectIdentifier(layer.identity)] else { return node.inputName }
        return "\(layers[i].kerasClassName) \(layers[i].name)"
    }
}
