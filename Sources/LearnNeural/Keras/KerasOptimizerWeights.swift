import Foundation
import LearnCore
import LearnHDF5

/// Keras' `optimizer_weights` group, for any network on the graph engine: `iteration`, `learning_rate`,
/// then every slot of every trainable variable, named `<optimizer>/<variable path with _>_<slot>`
/// (`adam/sequential_dense_kernel_momentum`, `adam/dense_kernel_momentum` in a functional model).
extension GraphNetwork {
    /// Keras' optimizer variables (the trainable weights of layers not frozen), each with the prefix Keras
    /// gives its slots (the variable path, `/` → `_`) and where its values lie in the optimizer's slots.
    private func slotVariables(scope: String) -> [(slotPrefix: String, location: WeightLocation, slots: Range<Int>)] {
        optimizerVariables().map { location, slots in
            let path = scope + layers[location.layer].kerasPath(of: location.weight)
            return (path.replacingOccurrences(of: "/", with: "_"), location, slots)
        }
    }

    /// Writes `optimizer`'s step count, rate and slots below `group`.
    func writeKerasOptimizerWeights(_ optimizer: any Optimizer, to group: HDF5Group, scope: String) throws {
        let prefix = optimizer.kerasName
        let inner = try group.createGroup(prefix)
        var names = ["\(prefix)/iteration", "\(prefix)/learning_rate"]
        try inner.write([Int64(optimizer.iterations)], shape: [], to: "iteration")
        try inner.write([Float(optimizer.learningRate)], shape: [], to: "learning_rate")
        let variables = slotVariables(scope: scope)
        for slotGroup in optimizer.slotGroups {
            for (slotPrefix, location, slots) in variables {
                for slot in slotGroup {
                    guard let values = optimizer.slot(slot), values.count == trainableParameterCount else { continue }
                    let name = "\(slotPrefix)_\(slot)"
                    try inner.write(Array(values[slots]), shape: location.weight.shape, to: name)
                    names.append("\(prefix)/\(name)")
                }
            }
        }
        try group.setAttribute("weight_names", .strings(names), ascii: true)
    }

    /// Restores `iteration`, `learning_rate` and the slots into `optimizer`, in the order `weight_names`
    /// lists them — as Keras reads them back. The names themselves are not assumed: Keras prefixes them with
    /// the optimizer's name (`adam`, `adam_1` for a session's second Adam, or the name the user gave) and the
    /// slots with the model's (`my_net_dense_kernel_momentum`), so only the order, the slot suffix and the
    /// shape are checked. `optimizer` is unchanged when the file is refused.
    func readKerasOptimizerWeights(
        into optimizer: inout any Optimizer, from group: HDF5Group, _ corrupt: (String) -> LearnError
    ) throws {
        var restored = optimizer
        let variables = slotVariables(scope: "")
        var expected: [(slot: String, location: WeightLocation, slots: Range<Int>)] = []
        for slotGroup in restored.slotGroups {
            for (_, location, slots) in variables {
                for slot in slotGroup { expected.append((slot, location, slots)) }
            }
        }
        guard case let .strings(names) = try group.attribute("weight_names"), names.count == 2 + expected.count else {
            throw corrupt(
                "optimizer_weights does not list the \(2 + expected.count) variables of \(restored.kerasName) "
                    + "(iteration, learning_rate, \(expected.count) slots)")
        }
        // The step count and rate first: a bad file fails before the slots are read.
        guard names[0].hasSuffix("iteration"), names[1].hasSuffix("learning_rate") else {
            throw corrupt("optimizer_weights does not start with iteration and learning_rate")
        }
        func read<T: HDF5Scalar>(_ type: T.Type, _ path: String, shape: [Int]) throws -> [T] {
            guard let (parent, leaf) = try Self.parentAndLeaf(path, below: group) else {
                throw corrupt("optimizer_weights lists an empty name \"\(path)\"")
            }
            return try parent.read(type, from: leaf, shape: shape)
        }
        let iteration = try read(Int64.self, names[0], shape: [])
        let rate = try read(Float.self, names[1], shape: [])
        // Steps beyond 2^53 are inexact in the Double bias corrections; Int.max would overflow on the next step.
        guard let steps = iteration.first, (0...(Int64(1) << 53)).contains(steps) else {
            throw corrupt("optimizer iteration \(iteration.first.map(String.init) ?? "missing") is outside 0...2^53")
        }
        guard let learningRate = rate.first, learningRate.isFinite, learningRate > 0 else {
            throw corrupt("optimizer learning rate out of range")
        }
        let count = trainableParameterCount
        restored.prepare(parameterCount: count)
        var slots: [String: [Float]] = [:]
        for (name, entry) in zip(names.dropFirst(2), expected) {
            guard name.hasSuffix("_" + entry.slot) else {
                throw corrupt("optimizer variable \(name) is not the \(entry.slot) slot expected in that place")
            }
            let part = try read(Float.self, name, shape: entry.location.weight.shape)
            guard part.allSatisfy(\.isFinite) else { throw corrupt("optimizer variable \(name) has non-finite values") }
            slots[entry.slot, default: [Float](repeating: 0, count: count)].replaceSubrange(entry.slots, with: part)
        }
        for slot in restored.slotGroups.joined() {
            try restored.setSlot(slot, to: slots[slot] ?? [Float](repeating: 0, count: count))
        }
        restored.iterations = Int(steps)
        restored.learningRate = Double(learningRate)
        optimizer = restored
    }
}
