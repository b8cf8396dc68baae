import Foundation
import LearnCore
import LearnHDF5

/// Keras' `model_weights` group, for any network on the graph engine: one group per layer (weightless ones
/// and a functional model's inputs included), each listing its `weight_names`, which are paths below it.
extension GraphNetwork {
    /// Keras' variable path of every weight, in ``weightLocations()`` order: `scope` + the layer's path
    /// (`sequential/dense/kernel` with the scope `sequential/`; `dense/kernel` and `base/dense/kernel` in a
    /// functional model).
    func kerasWeightNames(scope: String) -> [String] {
        weightLocations().map { scope + layers[$0.layer].kerasPath(of: $0.weight) }
    }

    /// ``weightLocations()`` grouped by layer (one pass: a file may describe very many layers).
    func weightLocationsByLayer() -> [[WeightLocation]] {
        var result = [[WeightLocation]](repeating: [], count: layers.count)
        for location in weightLocations() { result[location.layer].append(location) }
        return result
    }

    /// Writes `layer_names` (`inputNames` first: a functional model's inputs are layers to Keras) and every
    /// layer's group with its `weight_names` and datasets.
    func writeKerasWeights(to group: HDF5Group, scope: String, inputNames: [String] = []) throws {
        try group.setAttribute("backend", .string("tensorflow"), ascii: true)
        try group.setAttribute("keras_version", .string(Sequential.kerasLayoutVersion), ascii: true)
        try group.setAttribute("layer_names", .strings(inputNames + layers.map(\.name)), ascii: true)
        for name in inputNames { try group.createGroup(name).setAttribute("weight_names", .doubles([])) }
        let (locations, names) = (weightLocations(), kerasWeightNames(scope: scope))
        var own = [[Int]](repeating: [], count: layers.count) // each layer's indices into `locations`
        for (k, location) in locations.enumerated() { own[location.layer].append(k) }
        for (index, layer) in layers.enumerated() {
            let layerGroup = try group.createGroup(layer.name)
            let own = own[index]
            guard !own.isEmpty else {
                try layerGroup.setAttribute("weight_names", .doubles([])) // Keras writes an empty float64 array
                continue
            }
            try layerGroup.setAttribute("weight_names", .strings(own.map { names[$0] }), ascii: true)
            for k in own {
                var parts = names[k].split(separator: "/").map(String.init)
                let leaf = parts.removeLast()
                var parent = layerGroup
                for part in parts {
                    parent = parent.isGroup(part) ? try parent.group(part) : try parent.createGroup(part)
                }
                try parent.write(values(at: locations[k]), shape: locations[k].weight.shape, to: leaf)
            }
        }
        try group.createGroup("top_level_model_weights").setAttribute("weight_names", .doubles([]))
    }

    /// Calls `body` with the group, dataset name and location of every weight in `model_weights`, matched as
    /// Keras matches them: by position among the layers that have weights (the file's `layer_names` order,
    /// whatever the layers are called), then by the order of each layer's `weight_names`.
    func visitKerasWeights(
        in weights: HDF5Group, _ corrupt: (String) -> LearnError,
        _ body: (HDF5Group, String, WeightLocation) throws -> Void
    ) throws {
        guard case let .strings(layerNames) = try weights.attribute("layer_names") else {
            throw corrupt("model_weights does not list its layers")
        }
        let byLayer = weightLocationsByLayer()
        let owners = layers.indices.filter { !byLayer[$0].isEmpty }
        func mismatch(_ stored: Int) -> LearnError {
            corrupt(
                "the file has weights for \(stored)\(stored > owners.count ? " or more" : "") layers, the model for "
                    + "\(owners.count) (\(owners.map { layers[$0].name }))")
        }
        // One layer group at a time, each checked before the next is opened (a damaged later group is
        // reported after the earlier ones' datasets, as they come).
        var matched = 0
        for name in layerNames {
            let group = try weights.group(name)
            guard case let .strings(names)? = try? group.attribute("weight_names"), !names.isEmpty else { continue }
            guard matched < owners.count else { throw mismatch(matched + 1) }
            let index = owners[matched]
            matched += 1
            let own = byLayer[index]
            guard names.count == own.count else {
                throw corrupt("layer \(name) lists \(names.count) weights, \(layers[index].name) has \(own.count)")
            }
            for (weightName, location) in zip(names, own) {
                guard let (parent, leaf) = try Self.parentAndLeaf(weightName, below: group) else {
                    throw corrupt("layer \(name) lists an empty weight name \"\(weightName)\"")
                }
                try body(parent, leaf, location)
            }
        }
        guard matched == owners.count else { throw mismatch(matched) }
    }

    /// Checks every weight's shape and storage, then allocates the buffers if the network has none yet (a
    /// small file must not make the loader allocate the gigabytes its config declares before its datasets are
    /// known to hold them) and reads them all; nothing changes on a failure.
    mutating func readKerasWeights(from weights: HDF5Group, _ corrupt: (String) -> LearnError) throws {
        try visitKerasWeights(in: weights, corrupt) { group, name, location in
            try group.validateDataset(Float.self, name, shape: location.weight.shape)
        }
        let locations = weightLocations()
        let trainable = locations.filter(\.weight.trainable).reduce(0) { $0 + $1.weight.count }
        let state = locations.reduce(0) { $0 + $1.weight.count } - trainable
        if parameters.count != trainable { parameters = [Float](repeating: 0, count: trainable) }
        if states.count != state { states = [Float](repeating: 0, count: state) }
        var read: [(WeightLocation, [Float])] = [] // set after the walk, which reads `self`
        try visitKerasWeights(in: weights, corrupt) { group, name, location in
            let values = try group.read(Float.self, from: name, shape: location.weight.shape)
            guard values.allSatisfy(\.isFinite) else {
                throw corrupt("layer \(layers[location.layer].name) has non-finite weights")
            }
            read.append((location, values))
        }
        for (location, values) in read { setValues(values, at: location) }
    }

    /// The group holding the dataset a Keras weight name (`sequential/dense/kernel`) names below `group`,
    /// and the dataset's own name; nil for a name with no components (`""`, `"/"`).
    static func parentAndLeaf(_ path: String, below group: HDF5Group) throws -> (HDF5Group, String)? {
        var parts = path.split(separator: "/").map(String.init)
        guard let leaf = parts.popLast() else { return nil }
        var current = group
        for part in parts { current = try current.group(part) }
        return (current, leaf)
    }
}
