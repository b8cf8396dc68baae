import Foundation
import LearnCore

/// Keras' `model_config` JSON both ways, for `Sequential` and `Functional` models and the models nested in
/// them (`shared/spec/keras-legacy-h5.md`, `shared/spec/keras-functional-h5.md`). Readers throw
/// `KerasConfig.Problem`, which the loaders report as a corrupt file.
enum KerasModelConfig {
    /// Models nested deeper than this are refused (the readers recurse once per level).
    static let maximumDepth = 16

    /// Keras counts a functional model's own graph as its first node, so the first call of a nested
    /// functional model is node 1 where `input_layers` / `output_layers` name it.
    static let functionalNodeBase = 1

    // MARK: Writing

    /// A Sequential's `config`: its layers after an `InputLayer` of `inputShape`, those named in `frozen`
    /// marked `"trainable": false`.
    static func sequential(name: String, layers: [any Layer], inputShape: [Int], frozen: Set<String> = []) -> [String:
        Any]
    {
        let batchShape = [NSNull()] + inputShape.map { $0 as Any }
        let input: [String: Any] = [
            "class_name": "InputLayer",
            "config": inputLayerConfig(name: "input_layer", batchShape: batchShape)
        ]
        let entries =
            [input]
            + layers.map {
                [
                    "class_name": $0.kerasClassName,
                    "config": KerasConfig.layerSettings($0, trainable: !frozen.contains($0.name))
                ]
            }
        return [
            "name": name, "trainable": true, "dtype": KerasConfig.dtypePolicy, "layers": entries,
            "build_input_shape": batchShape
        ]
    }

    /// A functional model's `config`: its inputs as `InputLayer` entries, then every layer with one
    /// `inbound_nodes` entry per call, as Keras 3 writes them; `input_layers` and `output_layers`.
    static func functional(
        name: String, inputNames: [String], layers: [any Layer], plan: ExecutionPlan,
        frozen: Set<String> = []
    ) -> [String: Any] {
        // Which layer made each tensor, and at which of its calls.
        let producer: [(name: String, node: Int, nested: Bool)] = plan.producers().enumerated().map { index, made in
            guard let made else { return (inputNames[index], 0, false) }
            let layer = layers[made.layer]
            return (layer.name, made.call, (layer as? NestedModel)?.kind == .functional)
        }
        func tensor(_ index: Int) -> [String: Any] {
            let shape = [NSNull()] + plan.shapes[index].map { $0 as Any }
            return [
                "class_name": "__keras_tensor__",
                "config": [
                    "shape": shape, "dtype": "float32",
                    "keras_history": [producer[index].name, producer[index].node, 0] as [Any]
                ] as [String: Any]
            ]
        }
        func reference(_ index: Int) -> [Any] {
            let base = producer[index].nested ? functionalNodeBase : 0
            return [producer[index].name, producer[index].node + base, 0]
        }
        var entries: [[String: Any]] = inputNames.enumerated().map { k, input in
            let batchShape = [NSNull()] + plan.shapes[plan.inputs[k]].map { $0 as Any }
            return [
                "class_name": "InputLayer", "config": inputLayerConfig(name: input, batchShape: batchShape),
                "name": input, "inbound_nodes": [Any]()
            ]
        }
        var nodes = [[[String: Any]]](repeating: [], count: layers.count) // each layer's calls, in order
        for step in plan.steps {
            let arguments: Any = step.multiInput ? step.inputs.map(tensor) : tensor(step.inputs[0])
            let kwargs: [String: Any] = layers[step.layer] is NestedModel ? ["mask": NSNull()] : [:]
            nodes[step.layer].append(["args": [arguments], "kwargs": kwargs])
        }
        for (index, layer) in layers.enumerated() {
            let nodes = nodes[index]
            entries.append([
                "class_name": layer.kerasClassName,
                "config": KerasConfig.layerSettings(layer, trainable: !frozen.contains(layer.name)), "name": layer.name,
                "inbound_nodes": nodes
            ])
        }
        func endpoints(_ tensors: [Int]) -> Any { tensors.count == 1 ? reference(tensors[0]) : tensors.map(reference) }
        return [
            "name": name, "trainable": true, "layers": entries, "input_layers": endpoints(plan.inputs),
            "output_layers": endpoints(plan.outputs)
        ]
    }

    private static func inputLayerConfig(name: String, batchShape: [Any]) -> [String: Any] {
        [
            "batch_shape": batchShape, "dtype": "float32", "sparse": false, "ragged": false, "name": name,
            "optional": false
        ]
    }

    // MARK: Reading

    /// The layers of a Sequential `config`, its input shape (from its `InputLayer` or `build_input_shape`) and
    /// the layers its entries mark `"trainable": false`.
    static func sequentialLayers(
        _ body: [String: Any], depth: Int
    ) throws -> (layers: [any Layer], inputShape: [Int], frozen: Set<String>) {
        guard let entries = body["layers"] as? [[String: Any]] else {
            throw KerasConfig.Problem(reason: "a Sequential model_config has no layer list")
        }
        var layers: [any Layer] = []
        var inputShape: [Int]?
        var frozen: Set<String> = []
        for entry in entries {
            let settings = entry["config"] as? [String: Any] ?? [:]
            if entry["class_name"] as? String == "InputLayer" {
                inputShape = try KerasConfig.inputShape(settings["batch_shape"] ?? settings["batch_input_shape"])
            } else {
                layers.append(try layer(entry, depth: depth))
                if settings["trainable"] as? Bool == false { frozen.insert(layers[layers.count - 1].name) }
            }
        }
        if inputShape == nil { inputShape = try KerasConfig.inputShape(body["build_input_shape"]) }
        guard let shape = inputShape, !shape.isEmpty, !layers.isEmpty else {
            throw KerasConfig.Problem(reason: "model_config has no input shape or no layers")
        }
        return (layers, shape, frozen)
    }

    /// The layer one `layers` entry describes: a registered class, or a nested `Sequential` / `Functional`.
    static func layer(_ entry: [String: Any], depth: Int) throws -> any Layer {
        let settings = entry["config"] as? [String: Any] ?? [:]
        let className = entry["class_name"] as? String ?? "?"
        let name = entry["name"] as? String ?? settings["name"] as? String ?? ""
        switch className {
        case "Sequential", "Functional", "Model":
            guard depth < maximumDepth else {
                throw KerasConfig.Problem(reason: "models are nested more than \(maximumDepth) deep")
            }
            if className == "Sequential" {
                let (layers, shape, _) = try sequentialLayers(settings, depth: depth + 1)
                var nested = NestedModel(Sequential(randomState: 0, layers: layers), name: name)
                _ = try buildProblem(name) { try nested.build(inputShape: shape) }
                return nested
            }
            return NestedModel(try functional(settings, depth: depth + 1), name: name)
        default:
            return try KerasLayerRegistry.layer(KerasLayerConfig(className: className, name: name, settings: settings))
        }
    }

    /// One tensor reference: the layer, which of its calls, which of its outputs.
    private struct Reference {
        let layer: String
        let node: Int
        let tensor: Int
    }

    /// A `[layer, node, tensor]` triple (Keras 2 adds a fourth member, the call's kwargs).
    private static func reference(_ value: Any?) -> Reference? {
        guard let triple = value as? [Any], (3...4).contains(triple.count), let layer = triple[0] as? String,
            let node = triple[1] as? Int, let tensor = triple[2] as? Int
        else { return nil }
        return Reference(layer: layer, node: node, tensor: tensor)
    }

    /// `input_layers` / `output_layers`: one triple or a list of them.
    private static func endpoints(_ value: Any?, _ key: String) throws -> [Reference] {
        if let single = reference(value) { return [single] }
        guard let list = value as? [Any], !list.isEmpty else {
            throw KerasConfig.Problem(reason: "model_config has no \(key)")
        }
        return try list.map { item in
            guard let entry = reference(item) else {
                throw KerasConfig.Problem(reason: "model_config \(key) entry \(item) is not [layer, node, tensor]")
            }
            return entry
        }
    }

    /// The inputs of one call: Keras 3's `{"args": [TENSOR or [TENSOR, …]], "kwargs": {…}}` or Keras 2's
    /// `[["layer", node, tensor, {…}], …]`; and whether the layer takes them as a list.
    private static func callInputs(_ node: Any, layer: String) throws -> (inputs: [Reference], list: Bool) {
        func tensorReference(_ value: Any) -> Reference? {
            guard let tensor = value as? [String: Any], tensor["class_name"] as? String == "__keras_tensor__",
                let config = tensor["config"] as? [String: Any]
            else { return nil }
            return reference(config["keras_history"])
        }
        let problem = KerasConfig.Problem(reason: "layer \(layer) has an inbound node SwiftLearn cannot read")
        if let call = node as? [String: Any] {
            guard let arguments = call["args"] as? [Any], arguments.count == 1 else { throw problem }
            if let single = tensorReference(arguments[0]) { return ([single], false) }
            guard let list = arguments[0] as? [Any], !list.isEmpty else { throw problem }
            let references = list.compactMap(tensorReference)
            guard references.count == list.count else { throw problem }
            return (references, true)
        }
        guard let legacy = node as? [Any], !legacy.isEmpty else { throw problem }
        let references = legacy.compactMap(reference)
        guard references.count == legacy.count else { throw problem }
        return (references, references.count > 1)
    }

    /// The functional model a `Functional` `config` describes, its weights not yet allocated (the loader
    /// checks the file's, then reads them). Calls are made in dependency order (Kahn's algorithm, so a long chain costs
    /// linear time and a cycle is found rather than looped on).
    static func functional(_ body: [String: Any], depth: Int) throws -> Model {
        guard let entries = body["layers"] as? [[String: Any]], !entries.isEmpty else {
            throw KerasConfig.Problem(reason: "a Functional model_config has no layer list")
        }
        let modelName = body["name"] as? String ?? "functional"
        var index: [String: Int] = [:]
        var layers: [(any Layer)?] = [] // nil for an InputLayer
        var tensors: [[SymbolicTensor]] = [] // each layer's outputs, one per call so far
        var calls: [[(inputs: [Reference], list: Bool)]] = []
        for entry in entries {
            let settings = entry["config"] as? [String: Any] ?? [:]
            guard let name = entry["name"] as? String ?? settings["name"] as? String, !name.isEmpty else {
                throw KerasConfig.Problem(reason: "a layer of model \(modelName) has no name")
            }
            guard index[name] == nil else {
                throw KerasConfig.Problem(reason: "model \(modelName) has two layers named \(name)")
            }
            index[name] = layers.count
            if entry["class_name"] as? String == "InputLayer" {
                guard let shape = try KerasConfig.inputShape(settings["batch_shape"] ?? settings["batch_input_shape"]),
                    !shape.isEmpty
                else { throw KerasConfig.Problem(reason: "input \(name) has no batch shape") }
                layers.append(nil)
                tensors.append([Input(shape: shape, name: name)])
                calls.append([])
                continue
            }
            let nodes = entry["inbound_nodes"] as? [Any] ?? []
            guard !nodes.isEmpty else { throw KerasConfig.Problem(reason: "layer \(name) is never called") }
            layers.append(try layer(entry, depth: depth))
            tensors.append([])
            calls.append(try nodes.map { try callInputs($0, layer: name) })
        }
        // Which call of which layer a reference names; a nested functional model counts its own graph first
        // where `input_layers` / `output_layers` name it.
        func call(_ reference: Reference, endpoint: Bool) throws -> (layer: Int, call: Int) {
            guard let layer = index[reference.layer] else {
                throw KerasConfig.Problem(reason: "model \(modelName) refers to an unknown layer \(reference.layer)")
            }
            let base = endpoint && (layers[layer] as? NestedModel)?.kind == .functional ? functionalNodeBase : 0
            let count = layers[layer] == nil ? 1 : calls[layer].count
            guard reference.tensor == 0, reference.node >= base, reference.node - base < count else {
                throw KerasConfig.Problem(
                    reason: "model \(modelName) refers to output \(reference.tensor) of call \(reference.node) "
                        + "of \(reference.layer), which does not exist")
            }
            return (layer, reference.node - base)
        }
        // Node k of layer i waits for its inputs' calls and for call k − 1 of the same layer.
        var waiting: [[Int]] = calls.map { [Int](repeating: 0, count: $0.count) }
        var dependents: [[Int]: [(Int, Int)]] = [:]
        var ready: [(Int, Int)] = []
        for (layer, layerCalls) in calls.enumerated() {
            for (k, node) in layerCalls.enumerated() {
                var needs = try node.inputs.map { try call($0, endpoint: false) }.filter { layers[$0.layer] != nil }
                if k > 0 { needs.append((layer, k - 1)) }
                waiting[layer][k] = needs.count
                for need in needs { dependents[[need.layer, need.call], default: []].append((layer, k)) }
                if needs.isEmpty { ready.append((layer, k)) }
            }
        }
        var made = 0
        while let (layer, k) = ready.popLast() {
            guard let callee = layers[layer] else { continue }
            let node = calls[layer][k]
            let inputs = try node.inputs.map { reference -> SymbolicTensor in
                let (source, sourceCall) = try call(reference, endpoint: false)
                return tensors[source][sourceCall]
            }
            tensors[layer].append(SymbolicTensor(node: GraphNode(calling: callee, on: inputs, takesList: node.list)))
            made += 1
            for next in dependents[[layer, k]] ?? [] {
                waiting[next.0][next.1] -= 1
                if waiting[next.0][next.1] == 0 { ready.append(next) }
            }
        }
        guard made == calls.reduce(0, { $0 + $1.count }) else {
            throw KerasConfig.Problem(reason: "the layers of model \(modelName) form a cycle")
        }
        func tensor(_ reference: Reference) throws -> SymbolicTensor {
            let (layer, k) = try call(reference, endpoint: true)
            return tensors[layer][k]
        }
        let inputs = try endpoints(body["input_layers"], "input_layers").map(tensor)
        let outputs = try endpoints(body["output_layers"], "output_layers").map(tensor)
        var model = try buildProblem(modelName) {
            try Model(inputs: inputs, outputs: outputs, name: modelName, randomState: 0, allocate: false)
        }
        model.frozenLayers = Set(
            entries.compactMap { entry in
                (entry["config"] as? [String: Any])?["trainable"] as? Bool == false ? entry["name"] as? String : nil
            }
        ).intersection(model.layers.map(\.name))
        return model
    }

    /// `body`'s result; a build error becomes a config problem (a resource limit stays one: the caller may
    /// raise the limit).
    static func buildProblem<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let limit as LearnError {
            if case .resourceLimit = limit { throw limit }
            throw KerasConfig.Problem(reason: "the layers of \(name) do not fit together: \(limit)")
        }
    }
}
